package customers

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// ReferredBy names the customer whose referral brought this one.
type ReferredBy struct {
	ReferrerID   string         `db:"referrer_id"`
	ReferrerName string         `db:"referrer_name"`
	Created      types.DateTime `db:"created"` // when the referral was made
}

// FindReferredBy finds who made a referral (a customer's referred_by), nil
// when referral is empty or no longer there.
func FindReferredBy(app core.App, referral string) (*ReferredBy, error) {
	if referral == "" {
		return nil, nil
	}
	var by ReferredBy
	err := app.DB().NewQuery(`SELECT c.id AS referrer_id, c.name AS referrer_name, r.created
		FROM referrals r JOIN customers c ON c.id = r.referrer WHERE r.id = {:id}`).
		Bind(dbx.Params{"id": referral}).One(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &by, err
}

// MomentRow is one of a customer's moments and what the ask rule decided.
type MomentRow struct {
	ID         string         `db:"id"`
	Kind       string         `db:"kind"`
	Score      int            `db:"score"`
	Comment    string         `db:"comment"`
	Source     string         `db:"source"`
	Decision   string         `db:"decision"`
	OccurredAt types.DateTime `db:"occurred_at"`
}

// AskRow is one ask sent (or queued) to a customer.
type AskRow struct {
	Touch     int            `db:"touch"`
	Status    string         `db:"status"`
	Variant   string         `db:"variant"`
	Created   types.DateTime `db:"created"`
	SentAt    types.DateTime `db:"sent_at"`
	ClickedAt types.DateTime `db:"clicked_at"`
}

// ReferralRow is one introduction a customer made.
type ReferralRow struct {
	RefereeName    string         `db:"referee_name"`
	RefereeEmail   string         `db:"referee_email"`
	RefereeCompany string         `db:"referee_company"`
	Status         string         `db:"status"`
	Flag           string         `db:"flag"`
	PipelineValue  float64        `db:"pipeline_value"`
	WonValue       float64        `db:"won_value"`
	Created        types.DateTime `db:"created"`
}

// RewardRow is one reward a customer earned, with its tier's and incentive's names.
type RewardRow struct {
	Tier      string         `db:"tier"`
	Incentive string         `db:"incentive"`
	Status    string         `db:"status"`
	Created   types.DateTime `db:"created"`
}

// Moments lists a customer's latest moments, the most recent first (by when
// they happened), at most limit, and counts them all.
func Moments(app core.App, customer string, limit int) ([]MomentRow, int, error) {
	return latest[MomentRow](app, `SELECT id, kind, score, comment, source, decision, occurred_at FROM moments
		WHERE customer = {:id} ORDER BY occurred_at DESC, created DESC LIMIT {:limit}`,
		"moments", "customer", customer, limit)
}

// Asks lists the latest asks to a customer, newest first, at most limit, and counts them all.
func Asks(app core.App, customer string, limit int) ([]AskRow, int, error) {
	return latest[AskRow](app, `SELECT touch, status, variant, created, sent_at, clicked_at FROM asks
		WHERE customer = {:id} ORDER BY created DESC LIMIT {:limit}`,
		"asks", "customer", customer, limit)
}

// Referrals lists the latest referrals a customer made, newest first, at
// most limit, and counts them all.
func Referrals(app core.App, customer string, limit int) ([]ReferralRow, int, error) {
	return latest[ReferralRow](app, `SELECT referee_name, referee_email, referee_company, status, flag,
		pipeline_value, won_value, created
		FROM referrals WHERE referrer = {:id} ORDER BY created DESC LIMIT {:limit}`,
		"referrals", "referrer", customer, limit)
}

// Rewards lists the latest rewards a customer earned, newest first, at most
// limit, and counts them all.
func Rewards(app core.App, customer string, limit int) ([]RewardRow, int, error) {
	return latest[RewardRow](app, `SELECT COALESCE(t.name, '') AS tier, COALESCE(i.name, '') AS incentive, w.status, w.created
		FROM rewards w LEFT JOIN tiers t ON t.id = w.tier LEFT JOIN incentives i ON i.id = w.incentive
		WHERE w.referrer = {:id} ORDER BY w.created DESC LIMIT {:limit}`,
		"rewards", "referrer", customer, limit)
}

// latest runs one section's query for a customer and counts the table's
// rows whose column is the customer.
func latest[T any](app core.App, query, table, column, customer string, limit int) ([]T, int, error) {
	var rows []T
	err := app.DB().NewQuery(query).Bind(dbx.Params{"id": customer, "limit": limit}).All(&rows)
	if err != nil {
		return nil, 0, err
	}
	var n int
	err = app.DB().Select("COUNT(*)").From(table).Where(dbx.HashExp{column: customer}).Row(&n)
	return rows, n, err
}

// History is what the program did with one customer: the latest rows of
// each part and how many there are in all.
type History struct {
	Moments                                           []MomentRow
	Asks                                              []AskRow
	Referrals                                         []ReferralRow
	Rewards                                           []RewardRow
	MomentCount, AskCount, ReferralCount, RewardCount int
}

// FindHistory reads a customer's moments, asks, referrals and rewards, at
// most limit of each, with their counts.
func FindHistory(app core.App, customer string, limit int) (History, error) {
	var h History
	var err error
	if h.Moments, h.MomentCount, err = Moments(app, customer, limit); err != nil {
		return h, err
	}
	if h.Asks, h.AskCount, err = Asks(app, customer, limit); err != nil {
		return h, err
	}
	if h.Referrals, h.ReferralCount, err = Referrals(app, customer, limit); err != nil {
		return h, err
	}
	h.Rewards, h.RewardCount, err = Rewards(app, customer, limit)
	return h, err
}
