// Package metrics computes what the program yields, with dbx queries over the
// program's collections and the daily rollups of them (see rollups.go).
// Definitions live beside their queries.
package metrics

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/sync/errgroup"
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

// Step is one stage of the funnel and how many reached it; Stage is one
// of the Stage… ids, for a reader's words to name.
type Step struct {
	Stage string
	Count int
}

// The funnel's stages, in order.
const (
	StageAsked     = "asked"     // asks delivered
	StageClicked   = "clicked"   // asks whose link was opened
	StageReferred  = "referred"  // referrals made
	StageBooked    = "booked"    // of those, referrals that booked a meeting
	StageQualified = "qualified" // … that were qualified
	StageWon       = "won"       // … that were won
)

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

// overviewSQL names each figure's query but the asked ones (asked.go); each
// reads one row. Whole days come from the rollups, partial days from the
// rows (see window).
var overviewSQL = struct{ referrals, generated, won, clicked, reached string }{
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
	o, err := computeRanges(app, [][2]time.Time{{from, to}})
	if err != nil {
		return Overview{}, err
	}
	return o[0], nil
}

// computeWithPrevious reads the overview for [from, to) and for as long
// just before it, the asked customers of both in one pass.
func computeWithPrevious(app core.App, from, to time.Time) (current, previous Overview, err error) {
	o, err := computeRanges(app, [][2]time.Time{{from, to}, {from.Add(-to.Sub(from)), from}})
	if err != nil {
		return current, previous, err
	}
	return o[0], o[1], nil
}

// computeRanges reads the overview of each range: the asked figures of all
// of them in one read, beside the other figures of each range, side by
// side on SQLite's pool of read connections.
func computeRanges(app core.App, ranges [][2]time.Time) ([]Overview, error) {
	db := app.DB()
	windows := make([]window, len(ranges))
	for i, r := range ranges {
		windows[i] = split(r[0], r[1])
	}
	var counts []asked
	others := make([]figures, len(ranges))
	var g errgroup.Group
	g.Go(func() (err error) { counts, err = readAsked(db, windows); return })
	for i, w := range windows {
		g.Go(func() (err error) { others[i], err = readFigures(db, w); return })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := make([]Overview, len(ranges))
	for i, r := range ranges {
		a, f := counts[i], others[i]
		out[i] = Overview{From: r[0], To: r[1], CustomersAsked: a.customers, Referrers: a.referrers, AsksSent: a.asks,
			Referrals: f.referrals, PipelineGenerated: f.generated, PipelineWon: f.won,
			Funnel: []Step{{StageAsked, a.asks}, {StageClicked, f.clicked}, {StageReferred, f.referrals},
				{StageBooked, f.booked}, {StageQualified, f.qualified}, {StageWon, f.reachedWon}}}
	}
	return out, nil
}

// figures are an overview's figures but the asked ones.
type figures struct {
	referrals, clicked, booked, qualified, reachedWon int
	generated, won                                    float64
}

// readFigures reads the figures of w but the asked ones.
func readFigures(db dbx.Builder, w window) (figures, error) {
	var f figures
	p := w.params()
	rows := []struct {
		sql  string
		dest any
	}{
		{overviewSQL.referrals, &f.referrals},
		{overviewSQL.generated, &f.generated},
		{overviewSQL.won, &f.won},
		{overviewSQL.clicked, &f.clicked},
	}
	for _, q := range rows {
		if err := db.NewQuery(q.sql).Bind(p).Row(q.dest); err != nil {
			return f, err
		}
	}
	err := db.NewQuery(overviewSQL.reached).Bind(p).Row(&f.booked, &f.qualified, &f.reachedWon)
	return f, err
}
