package demo_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/demo"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func count(t *testing.T, app core.App, query string) float64 {
	t.Helper()
	var n float64
	if err := app.DB().NewQuery(query).Row(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestDemoSeedsARealisticProgram(t *testing.T) {
	app := schemaapp.New(t)
	sum, err := demo.Seed(app, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(sum)

	customers := count(t, app, "SELECT COUNT(*) FROM customers")
	if customers < 90 || customers > 120 {
		t.Errorf("%v customers, want about 100", customers)
	}
	companies := count(t, app, "SELECT COUNT(DISTINCT company) FROM customers")
	if companies < 15 {
		t.Errorf("customers work at %v companies, want many", companies)
	}
	// a year of moments, of every kind
	span := count(t, app, "SELECT julianday(MAX(occurred_at)) - julianday(MIN(occurred_at)) FROM moments")
	if span < 300 {
		t.Errorf("moments span %.0f days, want about a year", span)
	}
	for _, kind := range []string{"nps", "renewal", "support_win", "first_outcome"} {
		if count(t, app, "SELECT COUNT(*) FROM moments WHERE kind = '"+kind+"'") == 0 {
			t.Errorf("no %s moments", kind)
		}
	}
	for _, decision := range []string{"asked", "below_threshold", "cooldown", "open_ask"} {
		if count(t, app, "SELECT COUNT(*) FROM moments WHERE decision = '"+decision+"'") == 0 {
			t.Errorf("no moment decided %s", decision)
		}
	}
	if count(t, app, "SELECT MAX(touch) FROM asks") < 3 {
		t.Error("no customer was asked over several touches")
	}
	checkPipelineAndRewards(t, app)
}

// checkPipelineAndRewards checks that the seeded referrals fill every stage
// of the pipeline, close the viral loop and earn rewards in every state.
func checkPipelineAndRewards(t *testing.T, app core.App) {
	t.Helper()
	for _, status := range []string{"invited", "visited", "booked", "qualified", "won", "lost"} {
		if count(t, app, "SELECT COUNT(*) FROM referrals WHERE status = '"+status+"'") == 0 {
			t.Errorf("no referral is %s", status)
		}
	}
	if count(t, app, "SELECT COUNT(*) FROM referrals WHERE status = 'won' AND (won_value <= 0 OR pipeline_value <= 0)") > 0 {
		t.Error("a won referral has no pipeline or won value")
	}
	if count(t, app, "SELECT COUNT(*) FROM referrals WHERE status = 'qualified' AND pipeline_value <= 0") > 0 {
		t.Error("a qualified referral has no pipeline value")
	}
	if count(t, app, "SELECT COUNT(*) FROM rewards") == 0 {
		t.Error("no rewards")
	}
	if count(t, app, "SELECT COUNT(DISTINCT status) FROM rewards") < 3 {
		t.Error("rewards do not show the approval and fulfilment queue")
	}
	// the viral loop: every won referee is a customer pointing back at it
	loop := count(t, app, `SELECT COUNT(*) FROM referrals r JOIN customers c ON c.id = r.referee_customer
		WHERE r.status = 'won' AND c.source = 'referral' AND c.referred_by = r.id`)
	if won := count(t, app, "SELECT COUNT(*) FROM referrals WHERE status = 'won'"); loop != won {
		t.Errorf("%v of %v won referees are customers referred by their referral", loop, won)
	}
	if count(t, app, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0 {
		t.Error("no email waits in the outbox")
	}
	if count(t, app, "SELECT COUNT(*) FROM referrals WHERE flag = 'self_referral'") == 0 {
		t.Error("no referral is held for review")
	}
}

func TestDemoFunnelRatesAreInTheB2BRanges(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	asked := count(t, app, "SELECT COUNT(DISTINCT customer) FROM asks WHERE status IN ('sent','clicked','referred')")
	referrers := count(t, app, "SELECT COUNT(DISTINCT referrer) FROM referrals")
	referrals := count(t, app, "SELECT COUNT(*) FROM referrals")
	met := count(t, app, "SELECT COUNT(DISTINCT referral) FROM referral_events WHERE to_status = 'booked'")
	won := count(t, app, "SELECT COUNT(*) FROM referrals WHERE status = 'won'")

	rates := []struct {
		name   string
		value  float64
		lo, hi float64
	}{
		{"asked customers who refer", referrers / asked, 0.15, 0.25},
		{"referral to meeting", met / referrals, 0.40, 0.60},
		{"meeting to won", won / met, 0.25, 0.35},
	}
	for _, r := range rates {
		t.Logf("%s: %.1f%%", r.name, 100*r.value)
		if r.value < r.lo || r.value > r.hi {
			t.Errorf("%s is %.1f%%, want %.0f–%.0f%%", r.name, 100*r.value, 100*r.lo, 100*r.hi)
		}
	}
}

func TestDemoRunTwiceDoesNotDoubleTheData(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	tables := []string{"customers", "moments", "asks", "referrals", "referral_events", "rewards", "outbox"}
	before := map[string]float64{}
	for _, tbl := range tables {
		before[tbl] = count(t, app, "SELECT COUNT(*) FROM "+tbl)
	}
	sum, err := demo.Seed(app, now.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !sum.AlreadySeeded {
		t.Error("the second run did not notice the demo was there")
	}
	for _, tbl := range tables {
		if after := count(t, app, "SELECT COUNT(*) FROM "+tbl); after != before[tbl] {
			t.Errorf("%s went from %v to %v rows on the second run", tbl, before[tbl], after)
		}
	}
}

func TestDemoPlanIsTheSameForTheSameClock(t *testing.T) {
	a, b := demo.NewPlan(now), demo.NewPlan(now)
	if len(a.Asks) != len(b.Asks) || len(a.Referrals) != len(b.Referrals) || a.Customers[7].Email != b.Customers[7].Email {
		t.Error("two plans for the same clock differ")
	}
	// nothing in the plan happens after now
	for _, ask := range a.Asks {
		if ask.At.After(now) || ask.ClickedAt.After(now) {
			t.Fatalf("an ask is dated %v, after now", ask.At)
		}
	}
	for _, r := range a.Referrals {
		for _, e := range r.Events {
			if e.At.After(now) {
				t.Fatalf("referral event %s is dated %v, after now", e.To, e.At)
			}
		}
	}
}

func TestEnsureSuperuserMakesOneOnlyWhenNoneExists(t *testing.T) {
	app := schemaapp.New(t)
	// the test template already has a superuser
	if _, pw, err := demo.EnsureSuperuser(app); err != nil || pw != "" {
		t.Fatalf("made a superuser though one exists (password %q, err %v)", pw, err)
	}
	if _, err := app.DB().NewQuery("DELETE FROM _superusers").Execute(); err != nil {
		t.Fatal(err)
	}
	email, pw, err := demo.EnsureSuperuser(app)
	if err != nil || len(pw) < 16 {
		t.Fatalf("no usable superuser made: %q %q %v", email, pw, err)
	}
	su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, email)
	if err != nil || !su.ValidatePassword(pw) {
		t.Fatal("the printed password does not sign in")
	}
}
