package dashboard

import (
	"cmp"
	"net/http"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/locale"
	"warmloop/internal/privacy"
	"warmloop/internal/schema"
)

// customerSectionLimit is how many rows each section of a customer's detail shows.
const customerSectionLimit = 50

// customerDetailPage is one customer with everything the program did with them.
type customerDetailPage struct {
	adminPage
	Customer   customerFacts
	ReferredBy *customers.ReferredBy
	// Latest is the moment just recorded from the dashboard, with the rule's decision.
	Latest                            *customerMomentRow
	Moments                           []customerMomentRow
	Asks                              []customers.AskRow
	Referrals                         []customers.ReferralRow
	Rewards                           []customers.RewardRow
	MomentCount, AskCount             int
	ReferralCount, RewardCount, Limit int
	Kinds                             []customerOption
}

// customerFacts are the customer's own fields, ready to show.
type customerFacts struct {
	ID, Name, Email, Company, Title, Source, ReferralCode string
	// Locale is the customer's own language, named; "" for the program's default.
	Locale                                       string
	Created, NextAskAt, LastAskedAt, LastHappyAt types.DateTime
	Touch                                        int
	// Scheduled is true while the cadence has a next ask planned.
	OptedOut, Scheduled bool
	// Erased is true once the person was erased: there is nothing left to erase.
	Erased bool
	Tags   []string
}

// customerFactsOf reads a customer record's fields for the detail.
func customerFactsOf(sp locale.Speaker, c *core.Record) customerFacts {
	return customerFacts{
		ID: c.Id, Name: c.GetString("name"), Email: c.GetString("email"), Company: c.GetString("company"),
		Title: c.GetString("title"), Source: customerLabel(sp, c.GetString("source")), ReferralCode: c.GetString("referral_code"),
		Created: c.GetDateTime("created"), NextAskAt: c.GetDateTime("next_ask_at"),
		LastAskedAt: c.GetDateTime("last_asked_at"), LastHappyAt: c.GetDateTime("last_happy_at"),
		Touch: c.GetInt("touch"), OptedOut: c.GetBool("opted_out"), Scheduled: !c.GetDateTime("next_ask_at").IsZero(),
		Erased: privacy.IsErased(c.GetString("email")), Tags: customers.Tags(c), Locale: customerLocaleName(c.GetString("locale")),
	}
}

// customerMomentRow is one happy (or unhappy) moment and what the rule did,
// said for people.
type customerMomentRow struct {
	customers.MomentRow
	KindLabel string
	ScoreText string
	// DecisionLabel is a short verdict for the pill; DecisionWhy says it in a sentence.
	DecisionLabel, DecisionWhy, DecisionClass string
}

// customerDecisions are the ask rule's decisions the catalog says for
// people: a short verdict (dash.customer.decision.<decision>), a sentence
// (dash.customer.decision_why.<decision>), and the pill's class. The
// empty decision is "pending".
var customerDecisions = map[string]string{
	"asked": "asked", "below_threshold": "warn", "cooldown": "warn", "opted_out": "opted_out", "open_ask": "warn", "pending": "info",
}

// describeMoment gives a moment its labels and its decision in plain language.
func describeMoment(sp locale.Speaker, m customers.MomentRow) customerMomentRow {
	row := customerMomentRow{MomentRow: m, KindLabel: customerLabel(sp, m.Kind), ScoreText: "–"}
	if m.Kind == "nps" {
		row.ScoreText = strconv.Itoa(m.Score)
	}
	decision := cmp.Or(m.Decision, "pending")
	class, ok := customerDecisions[decision]
	if !ok {
		row.DecisionLabel = m.Decision
		return row
	}
	row.DecisionClass = class
	row.DecisionLabel = sp.T("dash.customer.decision." + decision)
	row.DecisionWhy = sp.T("dash.customer.decision_why." + decision)
	return row
}

// customerDetail shows a customer's facts, moments, asks, referrals and
// rewards, with the opt-out button and the happy-moment form.
func customerDetail(e *core.RequestEvent) error {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	referredBy, err := customers.FindReferredBy(e.App, c.GetString("referred_by"))
	if err != nil {
		return err
	}
	h, err := customers.FindHistory(e.App, c.Id, customerSectionLimit)
	if err != nil {
		return err
	}
	page := customerDetailPage{
		adminPage: newAdminPage(e, "customers"), Customer: customerFactsOf(adminSpeaker(e), c), ReferredBy: referredBy,
		Asks: h.Asks, Referrals: h.Referrals, Rewards: h.Rewards,
		MomentCount: h.MomentCount, AskCount: h.AskCount, ReferralCount: h.ReferralCount, RewardCount: h.RewardCount,
		Limit: customerSectionLimit,
		Kinds: customerOptions(adminSpeaker(e), schema.SelectValues(e.App, "moments", "kind"), "nps"),
	}
	for _, m := range h.Moments {
		row := describeMoment(adminSpeaker(e), m)
		page.Moments = append(page.Moments, row)
		if row.ID == e.Request.URL.Query().Get("moment") {
			page.Latest = &row
		}
	}
	return render(e, http.StatusOK, "admin/customers_detail", page)
}
