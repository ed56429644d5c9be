package metrics_test

import (
	"math"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// fixture is a small program whose right answers were worked out by hand.
func fixture(t *testing.T, app core.App) {
	t.Helper()
	save := func(coll string, fields map[string]any) string {
		c, err := app.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(c)
		for k, v := range fields {
			r.Set(k, v)
		}
		if created, ok := fields["_created"]; ok {
			r.SetRaw("created", created)
		}
		if err := app.Save(r); err != nil {
			t.Fatalf("%s: %v", coll, err)
		}
		return r.Id
	}
	cust := func(email string) string {
		return save("customers", map[string]any{"name": email, "email": email, "source": "direct"})
	}
	a, b, c := cust("a@x.example"), cust("b@y.example"), cust("c@z.example")
	askA := save("asks", map[string]any{"customer": a, "touch": 1, "status": "referred",
		"sent_at": "2026-10-01 09:00:00.000Z", "clicked_at": "2026-10-01 10:00:00.000Z"})
	save("asks", map[string]any{"customer": b, "touch": 1, "status": "clicked",
		"sent_at": "2026-10-05 09:00:00.000Z", "clicked_at": "2026-10-06 09:00:00.000Z"})
	save("asks", map[string]any{"customer": c, "touch": 2, "status": "sent", "sent_at": "2026-10-07 09:00:00.000Z"})
	// outside the range, and not delivered: neither counts
	save("asks", map[string]any{"customer": c, "touch": 1, "status": "sent", "sent_at": "2025-06-01 09:00:00.000Z"})
	save("asks", map[string]any{"customer": b, "touch": 2, "status": "queued"})

	r1 := save("referrals", map[string]any{"referrer": a, "ask": askA, "referee_name": "P", "referee_email": "p@q.example",
		"status": "won", "pipeline_value": 20000, "won_value": 18000, "_created": "2026-10-02 09:00:00.000Z"})
	for _, e := range [][2]string{{"invited", "2026-10-02"}, {"visited", "2026-10-03"}, {"booked", "2026-10-05"}, {"qualified", "2026-10-10"}, {"won", "2026-10-30"}} {
		save("referral_events", map[string]any{"referral": r1, "to_status": e[0], "at": e[1] + " 12:00:00.000Z"})
	}
	r2 := save("referrals", map[string]any{"referrer": a, "ask": askA, "referee_name": "S", "referee_email": "s@t.example",
		"status": "invited", "_created": "2026-10-03 09:00:00.000Z"})
	save("referral_events", map[string]any{"referral": r2, "to_status": "invited", "at": "2026-10-03 09:00:00.000Z"})
}

func TestOverviewOnAHandBuiltProgram(t *testing.T) {
	app := schemaapp.New(t)
	fixture(t, app)
	o, err := metrics.Compute(app, time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"customers asked", float64(o.CustomersAsked), 3},
		{"asks sent", float64(o.AsksSent), 3},
		{"referrers", float64(o.Referrers), 1},
		{"referrals", float64(o.Referrals), 2},
		{"yield rate", o.YieldRate(), 1.0 / 3},
		{"referrals per ask", o.ReferralsPerAsk(), 2.0 / 3},
		{"pipeline generated", o.PipelineGenerated, 20000},
		{"pipeline won", o.PipelineWon, 18000},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	want := []metrics.Step{{metrics.StageAsked, 3}, {metrics.StageClicked, 2}, {metrics.StageReferred, 2},
		{metrics.StageBooked, 1}, {metrics.StageQualified, 1}, {metrics.StageWon, 1}}
	for i, s := range want {
		if i >= len(o.Funnel) || o.Funnel[i] != s {
			t.Errorf("funnel step %d = %v, want %v", i, o.Funnel, want)
			break
		}
	}
}

func TestOverviewOfAnEmptyRangeIsZeroNotAnError(t *testing.T) {
	app := schemaapp.New(t)
	fixture(t, app)
	o, err := metrics.Compute(app, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if o.CustomersAsked != 0 || o.YieldRate() != 0 || o.ReferralsPerAsk() != 0 || o.PipelineWon != 0 {
		t.Errorf("empty range gave %+v", o)
	}
}
