package metrics_test

import (
	"fmt"
	"math"
	"strings"
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

func TestVerdictsSayWhatToDo(t *testing.T) {
	cases := []struct {
		groups []metrics.Group
		want   string
	}{
		{[]metrics.Group{{"NPS", 200, 60}, {"renewal", 200, 40}}, "“NPS” yields more than the rest (30.0% against 20.0%), and the difference is significant (p = 0.021)"},
		{[]metrics.Group{{"thanks", 40, 12}, {"short", 40, 10}}, "“thanks” leads (30.0% against 25.0%), but the difference could be chance (p = 0.62)"},
		{[]metrics.Group{{"touch 1", 12, 4}, {"touch 2", 8, 1}}, "Not enough data yet"},
		{[]metrics.Group{{"balanced", 90, 20}}, "Only one group so far"},
	}
	for _, c := range cases {
		if got := metrics.Verdict(c.groups); !strings.HasPrefix(got, c.want) {
			t.Errorf("verdict %q, want it to start %q", got, c.want)
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
		got[b.Title] = fmt.Sprint(b.Groups)
	}
	want := map[string]string{
		"By trigger":         "[{NPS 3 2} {cadence touch 2 0}]",
		"By touch":           "[{touch 1 3 2} {touch 2 1 0} {touch 3 1 0}]",
		"By cadence preset":  "[{balanced 5 2}]",
		"By incentive kind":  "[{swag 5 2}]",
		"By message variant": "[{reminder 2 0} {thanks 2 1} {short 1 1}]",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s, want %s", k, got[k], w)
		}
	}
}
