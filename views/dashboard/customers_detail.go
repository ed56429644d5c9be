package dashboard

import (
	"database/sql"
	"errors"
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// customerSectionLimit is how many rows each section of a customer's detail shows.
const customerSectionLimit = 50

// customerDetailPage is one customer with everything the program did with them.
type customerDetailPage struct {
	adminPage
	Customer   customerFacts
	ReferredBy *customerReferredBy
	// Latest is the moment just recorded from the dashboard, with the rule's decision.
	Latest                            *customerMomentRow
	Moments                           []customerMomentRow
	Asks                              []customerAskRow
	Referrals                         []customerReferralRow
	Rewards                           []customerRewardRow
	MomentCount, AskCount             int
	ReferralCount, RewardCount, Limit int
	Kinds                             []customerOption
}

// customerFacts are the customer's own fields, ready to show.
type customerFacts struct {
	ID, Name, Email, Company, Title, Source, ReferralCode string
	Created, NextAskAt, LastAskedAt, LastHappyAt          types.DateTime
	Touch                                                 int
	// Scheduled is true while the cadence has a next ask planned.
	OptedOut, Scheduled bool
}

// customerReferredBy names the customer who referred this one.
type customerReferredBy struct {
	ReferrerID   string         `db:"referrer_id"`
	ReferrerName string         `db:"referrer_name"`
	Created      types.DateTime `db:"created"`
}

// customerMomentRow is one happy (or unhappy) moment and what the rule did.
type customerMomentRow struct {
	ID         string         `db:"id"`
	Kind       string         `db:"kind"`
	Score      int            `db:"score"`
	Comment    string         `db:"comment"`
	Source     string         `db:"source"`
	Decision   string         `db:"decision"`
	OccurredAt types.DateTime `db:"occurred_at"`
	KindLabel  string         `db:"-"`
	ScoreText  string         `db:"-"`
	// DecisionLabel is a short verdict for the pill; DecisionWhy says it in a sentence.
	DecisionLabel, DecisionWhy, DecisionClass string `db:"-"`
}

// customerAskRow is one ask sent (or queued) to the customer.
type customerAskRow struct {
	Touch     int            `db:"touch"`
	Status    string         `db:"status"`
	Variant   string         `db:"variant"`
	Created   types.DateTime `db:"created"`
	SentAt    types.DateTime `db:"sent_at"`
	ClickedAt types.DateTime `db:"clicked_at"`
}

// customerReferralRow is one introduction the customer made.
type customerReferralRow struct {
	RefereeName    string         `db:"referee_name"`
	RefereeEmail   string         `db:"referee_email"`
	RefereeCompany string         `db:"referee_company"`
	Status         string         `db:"status"`
	Flag           string         `db:"flag"`
	PipelineValue  float64        `db:"pipeline_value"`
	WonValue       float64        `db:"won_value"`
	Created        types.DateTime `db:"created"`
}

// customerRewardRow is one reward the customer earned.
type customerRewardRow struct {
	Tier      string         `db:"tier"`
	Incentive string         `db:"incentive"`
	Status    string         `db:"status"`
	Created   types.DateTime `db:"created"`
}

// customerDecisions say in plain language what the ask rule decided for a
// moment: a short verdict, a sentence, and the pill's class.
var customerDecisions = map[string][3]string{
	"asked":           {"Asked", "An ask email was queued to the customer.", "asked"},
	"below_threshold": {"Not asked", "The NPS score is below the program's threshold.", "warn"},
	"cooldown":        {"Not asked", "The customer was asked recently; the cooldown is still running.", "warn"},
	"opted_out":       {"Not asked", "The customer has opted out of asks.", "opted_out"},
	"open_ask":        {"Not asked", "An earlier ask is still open; the cadence follows it up.", "warn"},
	"":                {"Pending", "The rule has not decided yet; it runs again when the server starts.", "info"},
}

// describeMoment fills a moment's labels and its decision in plain language.
func describeMoment(m *customerMomentRow) {
	m.KindLabel = customerLabel(m.Kind)
	m.ScoreText = "–"
	if m.Kind == "nps" {
		m.ScoreText = strconv.Itoa(m.Score)
	}
	d, ok := customerDecisions[m.Decision]
	if !ok {
		d = [3]string{m.Decision, "", ""}
	}
	m.DecisionLabel, m.DecisionWhy, m.DecisionClass = d[0], d[1], d[2]
}

// customerDetail shows a customer's facts, moments, asks, referrals and
// rewards, with the opt-out button and the happy-moment form.
func customerDetail(e *core.RequestEvent) error {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	page := customerDetailPage{
		adminPage: newAdminPage(e, "customers"),
		Customer: customerFacts{
			ID: c.Id, Name: c.GetString("name"), Email: c.GetString("email"), Company: c.GetString("company"),
			Title: c.GetString("title"), Source: customerLabel(c.GetString("source")), ReferralCode: c.GetString("referral_code"),
			Created: c.GetDateTime("created"), NextAskAt: c.GetDateTime("next_ask_at"),
			LastAskedAt: c.GetDateTime("last_asked_at"), LastHappyAt: c.GetDateTime("last_happy_at"),
			Touch: c.GetInt("touch"), OptedOut: c.GetBool("opted_out"), Scheduled: !c.GetDateTime("next_ask_at").IsZero(),
		},
		Limit: customerSectionLimit,
		Kinds: customerOptions(schemaValues(e.App, "moments", "kind"), "nps"),
	}
	if page.ReferredBy, err = customerReferrer(e.App, c.GetString("referred_by")); err != nil {
		return err
	}
	if err := loadCustomerSections(e.App, c.Id, &page); err != nil {
		return err
	}
	for i := range page.Moments {
		describeMoment(&page.Moments[i])
		if page.Moments[i].ID == e.Request.URL.Query().Get("moment") {
			latest := page.Moments[i]
			page.Latest = &latest
		}
	}
	return render(e, http.StatusOK, "admin/customers_detail", page)
}

// customerReferrer finds who referred a customer through referral, nil when nobody did.
func customerReferrer(app core.App, referral string) (*customerReferredBy, error) {
	if referral == "" {
		return nil, nil
	}
	var by customerReferredBy
	err := app.DB().NewQuery(`SELECT c.id AS referrer_id, c.name AS referrer_name, r.created
		FROM referrals r JOIN customers c ON c.id = r.referrer WHERE r.id = {:id}`).
		Bind(dbx.Params{"id": referral}).One(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &by, err
}

// customerSectionQueries read the latest rows of each section of a customer's detail.
var customerSectionQueries = struct{ moments, asks, referrals, rewards string }{
	moments: `SELECT id, kind, score, comment, source, decision, occurred_at FROM moments
		WHERE customer = {:id} ORDER BY occurred_at DESC, created DESC LIMIT {:limit}`,
	asks: `SELECT touch, status, variant, created, sent_at, clicked_at FROM asks
		WHERE customer = {:id} ORDER BY created DESC LIMIT {:limit}`,
	referrals: `SELECT referee_name, referee_email, referee_company, status, flag, pipeline_value, won_value, created
		FROM referrals WHERE referrer = {:id} ORDER BY created DESC LIMIT {:limit}`,
	rewards: `SELECT COALESCE(t.name, '') AS tier, COALESCE(i.name, '') AS incentive, w.status, w.created
		FROM rewards w LEFT JOIN tiers t ON t.id = w.tier LEFT JOIN incentives i ON i.id = w.incentive
		WHERE w.referrer = {:id} ORDER BY w.created DESC LIMIT {:limit}`,
}

// loadCustomerSections reads the customer's moments, asks, referrals and
// rewards (the latest of each) and how many there are in all.
func loadCustomerSections(app core.App, id string, page *customerDetailPage) error {
	params := dbx.Params{"id": id, "limit": customerSectionLimit}
	sections := []struct {
		query, table, column string
		rows                 any
		count                *int
	}{
		{customerSectionQueries.moments, "moments", "customer", &page.Moments, &page.MomentCount},
		{customerSectionQueries.asks, "asks", "customer", &page.Asks, &page.AskCount},
		{customerSectionQueries.referrals, "referrals", "referrer", &page.Referrals, &page.ReferralCount},
		{customerSectionQueries.rewards, "rewards", "referrer", &page.Rewards, &page.RewardCount},
	}
	for _, s := range sections {
		if err := app.DB().NewQuery(s.query).Bind(params).All(s.rows); err != nil {
			return err
		}
		if err := app.DB().Select("COUNT(*)").From(s.table).Where(dbx.HashExp{s.column: id}).Row(s.count); err != nil {
			return err
		}
	}
	return nil
}
