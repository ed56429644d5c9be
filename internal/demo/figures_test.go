package demo_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/demo"
	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

// On every range the overview offers, the demo shows a program in motion:
// each funnel stage has referrals, and the cards beside the funnel (headline
// figures, pipeline, top referrers) tell the same story as it does.
func TestDemoFiguresAgreeAcrossCardsOnEveryRange(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	for _, days := range metrics.Presets {
		from := now.AddDate(0, 0, -days)
		r, err := metrics.Build(app, from, now)
		if err != nil {
			t.Fatal(err)
		}
		checkFiguresAgree(t, app, days, from, r)
	}
}

func checkFiguresAgree(t *testing.T, app core.App, days int, from time.Time, r metrics.Report) {
	t.Helper()
	o := r.Current
	steps := map[string]int{}
	for _, s := range o.Funnel {
		steps[s.Stage] = s.Count
		if s.Count == 0 {
			t.Errorf("%d days: the funnel's %s step is empty", days, s.Stage)
		}
	}
	if steps[metrics.StageReferred] != o.Referrals {
		t.Errorf("%d days: the funnel says %d referred, the headline %d", days, steps[metrics.StageReferred], o.Referrals)
	}
	for _, pair := range [][2]string{{metrics.StageReferred, metrics.StageBooked}, {metrics.StageBooked, metrics.StageQualified},
		{metrics.StageQualified, metrics.StageWon}} {
		if steps[pair[0]] < steps[pair[1]] {
			t.Errorf("%d days: %d %s but %d %s", days, steps[pair[0]], pair[0], steps[pair[1]], pair[1])
		}
	}
	if o.Referrers == 0 || o.Referrers > o.CustomersAsked || o.Referrers > o.Referrals {
		t.Errorf("%d days: %d referrers of %d customers asked, %d referrals", days, o.Referrers, o.CustomersAsked, o.Referrals)
	}
	if o.PipelineGenerated <= 0 || o.PipelineWon <= 0 || o.PipelineWon > o.PipelineGenerated*2 {
		t.Errorf("%d days: pipeline %.0f generated, %.0f won", days, o.PipelineGenerated, o.PipelineWon)
	}
	// Top referrers count the unflagged referrals made in the range: at
	// most the headline's, and all of them when fewer than ten people referred.
	unflagged := int(count(t, app, "SELECT COUNT(*) FROM referrals WHERE flag = '' AND created >= '"+
		from.Format("2006-01-02 15:04:05.000Z")+"' AND created < '"+now.Format("2006-01-02 15:04:05.000Z")+"'"))
	listed, won := 0, 0
	for _, l := range r.Leaders {
		listed += l.Referrals
		won += l.Won
	}
	if len(r.Leaders) == 0 {
		t.Errorf("%d days: top referrers is empty beside %d referrals", days, o.Referrals)
	}
	if listed > o.Referrals || (len(r.Leaders) < 10 && listed != unflagged) {
		t.Errorf("%d days: top referrers list %d referrals; the range has %d (%d unflagged)", days, listed, o.Referrals, unflagged)
	}
	if won > steps[metrics.StageWon] {
		t.Errorf("%d days: top referrers won %d, the funnel %d", days, won, steps[metrics.StageWon])
	}
}

func TestDemoAsksUseTheShippedVariantsAndEachIsUsed(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM asks WHERE variant NOT IN (SELECT name FROM variants)"); n > 0 {
		t.Errorf("%v asks name a variant that does not exist", n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM variants v WHERE NOT EXISTS (SELECT 1 FROM asks a WHERE a.variant = v.name)"); n > 0 {
		t.Errorf("%v variants have no ask", n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM asks a JOIN variants v ON v.name = a.variant WHERE (a.touch > 1) != (v.touch = 'followup')"); n > 0 {
		t.Errorf("%v asks use a variant written for another touch", n)
	}
}
