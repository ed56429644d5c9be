// Package metrics computes what the program yields, with dbx queries over the
// program's collections and the daily rollups of them (see rollups.go).
// Definitions live beside their queries.
package metrics

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Overview is the dashboard's first screen for one date range.
type Overview struct {
	From, To time.Time

	// CustomersAsked is the number of distinct customers who received an ask
	// (sent, clicked or referred) in the range.
	CustomersAsked int `db:"customers_asked"`
	// Referrers is the number of those asked customers who made a referral.
	Referrers int `db:"referrers"`
	// AsksSent counts asks delivered in the range; Referrals, referrals made.
	AsksSent  int `db:"asks_sent"`
	Referrals int
	// PipelineGenerated sums pipeline_value of referrals qualified in the range;
	// PipelineWon sums won_value of referrals won in the range.
	PipelineGenerated, PipelineWon float64

	Funnel []Step
}

// Step is one stage of the funnel and how many reached it.
type Step struct {
	Name  string
	Count int
}

// YieldRate is the share of asked customers who referred, 0 when none was asked.
func (o Overview) YieldRate() float64 { return share(o.Referrers, o.CustomersAsked) }

// ReferralsPerAsk is referrals made per ask delivered.
func (o Overview) ReferralsPerAsk() float64 { return share(o.Referrals, o.AsksSent) }

// stamp writes a time the way PocketBase stores dates, so ranges compare as text.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// rangeParams binds a range's ends.
func rangeParams(from, to time.Time) dbx.Params {
	return dbx.Params{"from": stamp(from), "to": stamp(to)}
}

// deliveredEdges matches the asks delivered in the window's partial days.
// (The + keeps SQLite off the status index, which holds nearly every ask,
// and on the sent_at one, which holds the few hours at either end.)
var deliveredEdges = "+status IN ('sent','clicked','referred') AND " + edges("sent_at")

// askedCustomers lists each customer asked in the window, once per day (or
// per ask in the partial days), with how many asks that row stands for.
var askedCustomers = `SELECT customer, asks FROM rollup_ask_customers WHERE ` + wholeDays + `
	UNION ALL SELECT customer, 1 FROM asks WHERE ` + deliveredEdges

// overviewSQL names each figure's query; each reads one row. Whole days come
// from the rollups, partial days from the rows (see window).
var overviewSQL = struct{ asked, referrals, generated, won, clicked, reached string }{
	// The asked customers are grouped once, and each is looked up among the
	// range's referrers: a referrer counts when they were also asked.
	asked: `SELECT COUNT(*) AS customers_asked, COALESCE(SUM(asks), 0) AS asks_sent,
		COALESCE(SUM(customer IN (SELECT referrer FROM rollup_referrals WHERE ` + wholeDays + `
			UNION ALL SELECT referrer FROM referrals WHERE ` + edges("created") + `)), 0) AS referrers
		FROM (SELECT customer, SUM(asks) AS asks FROM (` + askedCustomers + `) GROUP BY customer)`,
	referrals: `SELECT (SELECT COALESCE(SUM(referrals), 0) FROM rollup_referrals WHERE ` + wholeDays + `)
		+ (SELECT COUNT(*) FROM referrals WHERE ` + edges("created") + `)`,
	generated: stageValue("pipeline_value", "qualified", ""),
	won:       stageValue("won_value", "won", "r.status = 'won' AND "),
	clicked: `SELECT (SELECT COALESCE(SUM(clicks), 0) FROM rollup_clicks WHERE ` + wholeDays + `)
		+ (SELECT COUNT(*) FROM asks WHERE ` + edges("clicked_at") + `)`,
	// How far the referrals made in the range have gone, at any time since.
	reached: `SELECT
		COALESCE(SUM(EXISTS (SELECT 1 FROM rollup_stages s WHERE s.referral = r.id AND s.stage = 'booked')), 0) AS booked,
		COALESCE(SUM(EXISTS (SELECT 1 FROM rollup_stages s WHERE s.referral = r.id AND s.stage = 'qualified')), 0) AS qualified,
		COALESCE(SUM(EXISTS (SELECT 1 FROM rollup_stages s WHERE s.referral = r.id AND s.stage = 'won')), 0) AS won
		FROM referrals r WHERE r.created >= {:from} AND r.created < {:to}`,
}

// stageValue sums a value of the referrals that reached stage in the range,
// each once however often it got there.
func stageValue(value, stage, where string) string {
	return `SELECT COALESCE(SUM(r.` + value + `), 0) FROM referrals r WHERE ` + where + `r.id IN
		(SELECT referral FROM rollup_stages WHERE stage = '` + stage + `' AND ` + wholeDays + `
		UNION ALL SELECT referral FROM referral_events WHERE to_status = '` + stage + `' AND ` + edges("at") + `)`
}

// Compute reads the overview for [from, to).
func Compute(app core.App, from, to time.Time) (Overview, error) {
	o := Overview{From: from, To: to}
	p := split(from, to).params()
	db := app.DB()
	if err := db.NewQuery(overviewSQL.asked).Bind(p).One(&o); err != nil {
		return o, err
	}
	var clicked int
	rows := []struct {
		sql  string
		dest any
	}{
		{overviewSQL.referrals, &o.Referrals},
		{overviewSQL.generated, &o.PipelineGenerated},
		{overviewSQL.won, &o.PipelineWon},
		{overviewSQL.clicked, &clicked},
	}
	for _, q := range rows {
		if err := db.NewQuery(q.sql).Bind(p).Row(q.dest); err != nil {
			return o, err
		}
	}
	var reached struct{ Booked, Qualified, Won int }
	if err := db.NewQuery(overviewSQL.reached).Bind(p).Row(&reached.Booked, &reached.Qualified, &reached.Won); err != nil {
		return o, err
	}
	o.Funnel = []Step{{"Asks sent", o.AsksSent}, {"Clicked", clicked}, {"Referred", o.Referrals},
		{"Booked", reached.Booked}, {"Qualified", reached.Qualified}, {"Won", reached.Won}}
	return o, nil
}
