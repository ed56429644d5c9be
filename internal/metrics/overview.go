// Package metrics computes what the program yields, with dbx queries over the
// program's collections. Definitions live beside their queries.
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
	CustomersAsked int
	// Referrers is the number of those asked customers who made a referral.
	Referrers int
	// AsksSent counts asks delivered in the range; Referrals, referrals made.
	AsksSent, Referrals int
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
func (o Overview) YieldRate() float64 {
	if o.CustomersAsked == 0 {
		return 0
	}
	return float64(o.Referrers) / float64(o.CustomersAsked)
}

// ReferralsPerAsk is referrals made per ask delivered.
func (o Overview) ReferralsPerAsk() float64 {
	if o.AsksSent == 0 {
		return 0
	}
	return float64(o.Referrals) / float64(o.AsksSent)
}

// sentInRange matches asks delivered inside [from, to).
const sentInRange = "status IN ('sent','clicked','referred') AND sent_at >= {:from} AND sent_at < {:to}"

// Compute reads the overview for [from, to).
func Compute(app core.App, from, to time.Time) (Overview, error) {
	o := Overview{From: from, To: to}
	p := dbx.Params{"from": from.UTC().Format("2006-01-02 15:04:05.000Z"), "to": to.UTC().Format("2006-01-02 15:04:05.000Z")}
	db := app.DB()

	queries := []struct {
		dest *int
		sql  string
	}{
		{&o.CustomersAsked, "SELECT COUNT(DISTINCT customer) FROM asks WHERE " + sentInRange},
		{&o.AsksSent, "SELECT COUNT(*) FROM asks WHERE " + sentInRange},
		{&o.Referrals, "SELECT COUNT(*) FROM referrals WHERE created >= {:from} AND created < {:to}"},
		{&o.Referrers, `SELECT COUNT(DISTINCT r.referrer) FROM referrals r
			WHERE r.created >= {:from} AND r.created < {:to}
			AND EXISTS (SELECT 1 FROM asks a WHERE a.customer = r.referrer AND a.status IN ('sent','clicked','referred') AND a.sent_at >= {:from} AND a.sent_at < {:to})`},
	}
	for _, q := range queries {
		if err := db.NewQuery(q.sql).Bind(p).Row(q.dest); err != nil {
			return o, err
		}
	}
	sums := []struct {
		dest *float64
		sql  string
	}{
		{&o.PipelineGenerated, `SELECT COALESCE(SUM(r.pipeline_value), 0) FROM referrals r WHERE r.id IN
			(SELECT referral FROM referral_events WHERE to_status = 'qualified' AND at >= {:from} AND at < {:to})`},
		{&o.PipelineWon, `SELECT COALESCE(SUM(r.won_value), 0) FROM referrals r WHERE r.status = 'won' AND r.id IN
			(SELECT referral FROM referral_events WHERE to_status = 'won' AND at >= {:from} AND at < {:to})`},
	}
	for _, q := range sums {
		if err := db.NewQuery(q.sql).Bind(p).Row(q.dest); err != nil {
			return o, err
		}
	}

	var clicked int
	if err := db.NewQuery("SELECT COUNT(*) FROM asks WHERE clicked_at >= {:from} AND clicked_at < {:to}").Bind(p).Row(&clicked); err != nil {
		return o, err
	}
	o.Funnel = []Step{{"Asks sent", o.AsksSent}, {"Clicked", clicked}, {"Referred", o.Referrals}}
	for _, stage := range []struct{ name, status string }{{"Booked", "booked"}, {"Qualified", "qualified"}, {"Won", "won"}} {
		var n int
		if err := db.NewQuery(`SELECT COUNT(DISTINCT e.referral) FROM referral_events e JOIN referrals r ON r.id = e.referral
			WHERE e.to_status = {:status} AND r.created >= {:from} AND r.created < {:to}`).
			Bind(dbx.Params{"status": stage.status, "from": p["from"], "to": p["to"]}).Row(&n); err != nil {
			return o, err
		}
		o.Funnel = append(o.Funnel, Step{stage.name, n})
	}
	return o, nil
}
