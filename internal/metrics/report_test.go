package metrics_test

import (
	"math"
	"testing"
	"time"

	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

func TestTrendCountsEachWeekOfTheHandBuiltProgram(t *testing.T) {
	app := schemaapp.New(t)
	fixture(t, app)
	// 61 days: weekly buckets from Monday 31 Aug 2026.
	weeks, err := metrics.Trend(app, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(weeks) != 9 || weeks[0].Start.Format("2006-01-02") != "2026-08-31" {
		t.Fatalf("got %d weeks from %v, want 9 from 2026-08-31", len(weeks), weeks[0].Start)
	}
	want := map[string]metrics.Bucket{
		// asks on 1 Oct; referrals on 2 and 3 Oct
		"2026-09-28": {Asks: 1, Referrals: 2},
		// asks on 5 and 7 Oct; qualified on 10 Oct with a pipeline of 20,000
		"2026-10-05": {Asks: 2, Pipeline: 20000},
	}
	for _, w := range weeks {
		exp := want[w.Start.Format("2006-01-02")]
		if w.Asks != exp.Asks || w.Referrals != exp.Referrals || w.Pipeline != exp.Pipeline {
			t.Errorf("week of %s = %d asks, %d referrals, %v pipeline; want %+v", w.Start.Format("2 Jan"), w.Asks, w.Referrals, w.Pipeline, exp)
		}
	}
	days, err := metrics.Trend(app, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 8, 0, 0, 0, 0, time.UTC), time.UTC)
	if err != nil || len(days) != 7 || days[0].Asks != 1 || days[4].Asks != 1 || days[6].Asks != 1 || days[1].Referrals != 1 {
		t.Errorf("a week in days = %+v, %v", days, err)
	}
}

func TestLeadersRankTheReferrerWithTheirWins(t *testing.T) {
	app := schemaapp.New(t)
	fixture(t, app)
	leaders, err := metrics.Leaders(app, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(leaders) != 1 || leaders[0].Name != "a@x.example" || leaders[0].Referrals != 2 || leaders[0].Won != 1 || leaders[0].WonValue != 18000 {
		t.Errorf("leaders = %+v, want a@x.example with 2 referrals, 1 won worth 18000", leaders)
	}
}

func TestProjectionCompoundsTheLoopFromTheMeasuredRates(t *testing.T) {
	// 10 customers, 1 by referral who referred, 3 of 9 others who did:
	// referred customers refer 3× as often. 12 referrals in 12 months, 6 won:
	// 0.1 referrals per customer a month, half won. Split so the total
	// holds: others at 1/12 a month, the referred one at 3/12.
	loop := metrics.Loop{Referred: 1, ReferredWhoReferred: 1, Others: 9, OthersWhoReferred: 3}
	p := metrics.Project(loop, 12, 6, 12)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(p.PerCustomer, 0.1) || !near(p.WinRate, 0.5) || !near(p.Multiplier, 3) {
		t.Fatalf("rates = %v per customer, %v won, %v×", p.PerCustomer, p.WinRate, p.Multiplier)
	}
	// Month 1: (9/12 + 3/12) × 0.5 = 0.5 new customers, both ways.
	// Month 2: with the loop 1.5 referred customers: (9/12 + 4.5/12) × 0.5 = 0.5625.
	if len(p.Points) != 13 || !near(p.Points[1].WithLoop, 0.5) || !near(p.Points[1].Without, 0.5) ||
		!near(p.Points[2].WithLoop, 1.0625) || !near(p.Points[2].Without, 1.0) {
		t.Errorf("points = %+v", p.Points[:3])
	}
	if !(p.Gain() > 0) || !near(p.Total(), p.Points[12].WithLoop) {
		t.Errorf("gain %v, total %v", p.Gain(), p.Total())
	}
	if empty := metrics.Project(metrics.Loop{}, 0, 0, 12); empty.Total() != 0 || len(empty.Points) != 13 {
		t.Errorf("no data projects %+v", empty)
	}
}

// That a saved record tells the figures it changed is the metrics hooks'
// work, tested in hooks/metrics_flow_test.go; here Changed is called as they
// would.
func TestSnapshotOfASmallProgramIsReadAgainOnceToldOfAChange(t *testing.T) {
	// However slow the machine, this program counts as small: its figures are read while the admin waits.
	defer func(b time.Duration) { metrics.WaitBudget = b }(metrics.WaitBudget)
	metrics.WaitBudget = time.Hour
	app := schemaapp.New(t)
	fixture(t, app)
	key, span := "fixture", metrics.Span(func() (time.Time, time.Time) {
		return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	})
	first, stale, err := metrics.Snapshot(app, key, span)
	if err != nil || stale || first.Current.Referrals != 2 {
		t.Fatalf("first read: %d referrals, stale %v, %v", first.Current.Referrals, stale, err)
	}
	again, _, _ := metrics.Snapshot(app, key, span)
	if !again.ComputedAt.Equal(first.ComputedAt) {
		t.Errorf("nothing changed, yet the figures were read again")
	}
	c, _ := app.FindFirstRecordByData("customers", "email", "b@y.example")
	schemaapp.Save(t, app, "referrals", map[string]any{"referrer": c.Id, "referee_name": "N", "referee_email": "n@o.example",
		"status": "invited", "created": "2026-10-20 09:00:00.000Z"})
	if again, _, _ := metrics.Snapshot(app, key, span); !again.ComputedAt.Equal(first.ComputedAt) {
		t.Errorf("the figures were read again before Changed")
	}
	metrics.Changed(app)
	after, stale, err := metrics.Snapshot(app, key, span)
	if err != nil || stale {
		t.Fatalf("after a change: stale %v, %v", stale, err)
	}
	if after.ComputedAt.Equal(first.ComputedAt) {
		t.Errorf("Changed did not make the figures be read again")
	}
}

func TestProjectionRestsOnAsMuchDataAsTheBreakdownsAskFor(t *testing.T) {
	loop := metrics.Loop{Referred: 1, ReferredWhoReferred: 1, Others: 9, OthersWhoReferred: 3}
	cases := []struct {
		name            string
		asks, referrals int
		enough          bool
	}{
		{"one referral from a handful of asks is not enough", 4, 1, false},
		{"many asks with four referrals are not enough", 500, metrics.MinReferred - 1, false},
		{"five referrals from too few asks are not enough", metrics.MinSample - 1, 5, false},
		{"the breakdowns' minimum on both is enough", metrics.MinSample, metrics.MinReferred, true},
	}
	for _, c := range cases {
		p := metrics.Project(loop, c.referrals, 0, 12)
		p.Asks = c.asks
		if p.Enough() != c.enough {
			t.Errorf("%s: Enough() = %v", c.name, p.Enough())
		}
	}
	if p := metrics.Project(loop, 12, 0, 12); !p.Coincide() {
		t.Errorf("with nothing won the two lines are both zero, yet they do not coincide: %+v", p.Points)
	}
	if p := metrics.Project(loop, 12, 6, 12); p.Coincide() {
		t.Errorf("a loop that adds customers coincides with none: %+v", p.Points)
	}
}
