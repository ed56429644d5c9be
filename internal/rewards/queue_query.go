package rewards

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/listing"
)

// QueueRow is one reward in the queue, with its referrer, tier, what it
// gives and the referral that crossed the tier.
type QueueRow struct {
	ID                   string         `db:"id"`
	Status               string         `db:"status"`
	DecidedBy            string         `db:"decided_by"`
	Note                 string         `db:"note"`
	Created              types.DateTime `db:"created"`
	ApprovedAt           types.DateTime `db:"approved_at"`
	FulfilledAt          types.DateTime `db:"fulfilled_at"`
	DeclinedAt           types.DateTime `db:"declined_at"`
	ReferrerID           string         `db:"referrer_id"`
	ReferrerName         string         `db:"referrer_name"`
	ReferrerEmail        string         `db:"referrer_email"`
	TierName             string         `db:"tier_name"`
	TierThreshold        int            `db:"tier_threshold"`
	TierCounts           string         `db:"tier_counts"`
	IncentiveName        string         `db:"incentive_name"`
	IncentiveKind        string         `db:"incentive_kind"`
	IncentiveDescription string         `db:"incentive_description"`
	RefereeName          string         `db:"referee_name"`
}

// selectQueue is the query for queue rows with everything a row shows: the
// reward's own incentive, or else its tier's.
func selectQueue(app core.App) *dbx.SelectQuery {
	return app.DB().Select("w.id", "w.status", "w.decided_by", "w.note", "w.created", "w.approved_at", "w.fulfilled_at", "w.declined_at",
		"w.referrer AS referrer_id", "COALESCE(c.name, '') AS referrer_name", "COALESCE(c.email, '') AS referrer_email",
		"COALESCE(t.name, '') AS tier_name", "COALESCE(t.threshold, 0) AS tier_threshold", "COALESCE(t.counts, '') AS tier_counts",
		"COALESCE(i.name, '') AS incentive_name", "COALESCE(i.kind, '') AS incentive_kind", "COALESCE(i.description, '') AS incentive_description",
		"COALESCE(r.referee_name, '') AS referee_name").
		From("rewards w").
		LeftJoin("customers c", dbx.NewExp("c.id = w.referrer")).
		LeftJoin("tiers t", dbx.NewExp("t.id = w.tier")).
		LeftJoin("incentives i", dbx.NewExp("i.id = (CASE WHEN w.incentive != '' THEN w.incentive ELSE t.incentive END)")).
		LeftJoin("referrals r", dbx.NewExp("r.id = w.referral"))
}

// FindQueue lists one page of the rewards in a status: the ones waiting for
// a decision (earned, approved) oldest first, first come first served; the
// decided ones newest first.
func FindQueue(app core.App, status string, limit, offset int) ([]QueueRow, error) {
	order := "w.created DESC"
	if status == Earned || status == Approved {
		order = "w.created ASC"
	}
	var rows []QueueRow
	err := selectQueue(app).Where(dbx.HashExp{"w.status": status}).OrderBy(order, "w.id").
		Limit(int64(limit)).Offset(int64(offset)).All(&rows)
	return rows, err
}

// FindQueueRow reads one reward as a queue row.
func FindQueueRow(app core.App, id string) (QueueRow, error) {
	var row QueueRow
	err := selectQueue(app).Where(dbx.HashExp{"w.id": id}).One(&row)
	return row, err
}

// CountByStatus counts every reward by status, for the queue's tabs.
func CountByStatus(app core.App) (map[string]int, error) {
	return listing.CountByStatus(app, "rewards")
}
