package metrics_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

func TestTwoProportionMatchesAHandComputedZTest(t *testing.T) {
	// 60/200 against 40/200: pooled 0.25, se 0.0433, z 2.309, p 0.0209.
	if p, ok := metrics.TwoProportion(60, 200, 40, 200); !ok || math.Abs(p-0.0209) > 0.0005 {
		t.Errorf("p = %.4f (ok %v), want 0.0209", p, ok)
	}
	// 12/40 against 10/40: z 0.50, p 0.617.
	if p, ok := metrics.TwoProportion(12, 40, 10, 40); !ok || math.Abs(p-0.6165) > 0.0005 {
		t.Errorf("p = %.4f (ok %v), want 0.6165", p, ok)
	}
	if _, ok := metrics.TwoProportion(3, 20, 1, 200); ok {
		t.Error("20 asks were judged enough")
	}
	if _, ok := metrics.TwoProportion(1, 100, 2, 100); ok {
		t.Error("3 referrals in 200 asks were judged enough for the normal approximation")
	}
}

func TestVerdictsFindWhatToDoAndCarryTheirFigures(t *testing.T) {
	cases := []struct {
		groups             []metrics.Group
		kind               metrics.VerdictKind
		best               string
		bestYield, restYld float64
		p                  float64
	}{
		{[]metrics.Group{{"nps", 200, 60}, {"renewal", 200, 40}}, metrics.Significant, "nps", 0.30, 0.20, 0.0209},
		{[]metrics.Group{{"thanks", 40, 12}, {"short", 40, 10}}, metrics.Leads, "thanks", 0.30, 0.25, 0.6165},
		{[]metrics.Group{{"1", 12, 4}, {"2", 8, 1}}, metrics.TooFew, "", 0, 0, 0},
		{[]metrics.Group{{"balanced", 90, 20}}, metrics.OneGroup, "", 0, 0, 0},
	}
	for _, c := range cases {
		v := metrics.Judge(c.groups)
		if v.Kind != c.kind || v.Best.Name != c.best {
			t.Errorf("%v: verdict %s for %q, want %s for %q", c.groups, v.Kind, v.Best.Name, c.kind, c.best)
		}
		if math.Abs(v.BestYield-c.bestYield) > 1e-9 || math.Abs(v.RestYield-c.restYld) > 1e-9 || math.Abs(v.P-c.p) > 0.0005 {
			t.Errorf("%v: yields %.3f against %.3f, p %.4f; want %.3f against %.3f, p %.4f",
				c.groups, v.BestYield, v.RestYield, v.P, c.bestYield, c.restYld, c.p)
		}
	}
}

func TestBreakdownsSplitAsksEveryWay(t *testing.T) {
	app := schemaapp.New(t)
	now := time.Now().UTC()
	c := schemaapp.Customer(t, app, "Ana", "ana@x.example", nil)
	nps := schemaapp.Save(t, app, "moments", map[string]any{"customer": c.Id, "kind": "nps", "score": 3, "source": "t", "occurred_at": now})
	inc, _ := app.FindFirstRecordByFilter("incentives", "kind = 'swag'")
	// By hand: 3 NPS asks (2 referred), 2 cadence touches (0 referred), and
	// one ask still queued, which counts nowhere.
	for i, a := range []struct {
		moment, status, variant string
		touch                   int
	}{
		{nps.Id, "referred", "thanks", 1}, {nps.Id, "referred", "short", 1}, {nps.Id, "sent", "thanks", 1},
		{"", "clicked", "reminder", 2}, {"", "sent", "reminder", 3}, {"", "queued", "reminder", 2},
	} {
		schemaapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "moment": a.moment, "touch": a.touch, "status": a.status,
			"variant": a.variant, "cadence": "balanced", "incentive": inc.Id, "sent_at": now.Add(-time.Duration(i+1) * time.Hour)})
	}
	bs, err := metrics.Breakdowns(app, now.AddDate(0, 0, -30), now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, b := range bs {
		got[b.Key] = fmt.Sprint(b.Groups)
	}
	want := map[string]string{
		metrics.ByTrigger:   "[{nps 3 2} { 2 0}]",
		metrics.ByTouch:     "[{1 3 2} {2 1 0} {3 1 0}]",
		metrics.ByCadence:   "[{balanced 5 2}]",
		metrics.ByIncentive: "[{swag 5 2}]",
		metrics.ByVariant:   "[{reminder 2 0} {thanks 2 1} {short 1 1}]",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s, want %s", k, got[k], w)
		}
	}
}
