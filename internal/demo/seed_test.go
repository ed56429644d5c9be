package demo_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/demo"
	"warmloop/internal/metrics"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/tests/testapp"
)

// rows counts a table's rows.
func rows(t *testing.T, app core.App, table string) float64 {
	t.Helper()
	return count(t, app, "SELECT COUNT(*) FROM "+table)
}

// decideUndecided is what the server does on start (hooks/moments.go,
// bindMoments): it decides every moment left undecided, asking when the
// rule says so.
func decideUndecided(t *testing.T, app core.App) int {
	t.Helper()
	undecided, err := app.FindRecordsByFilter("moments", "decision = ''", "created", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range undecided {
		if _, err := asks.DecideMoment(app, m, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return len(undecided)
}

func TestDemoSeedLeavesNothingForTheServerToAskOrSend(t *testing.T) {
	app := testapp.New(t)
	// With a webhook set, any record hook that queues an event would show
	// in the outbox.
	settings, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("webhook_url", "https://hooks.example/warmloop")
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	asksBefore, outboxBefore := rows(t, app, "asks"), rows(t, app, "outbox")

	sum, err := demo.Seed(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM moments WHERE decision = ''"); n > 0 {
		t.Errorf("%v moments are undecided", n)
	}
	if got := rows(t, app, "asks") - asksBefore; got != float64(sum.Asks) {
		t.Errorf("%v asks written, the seeder wrote %d", got, sum.Asks)
	}
	if got := rows(t, app, "outbox") - outboxBefore; got != float64(sum.Mail) {
		t.Errorf("%v outbox rows written, the seeder wrote %d", got, sum.Mail)
	}
	events := 0
	for _, r := range demo.NewPlan(now).Referrals {
		events += len(r.Events)
	}
	if got := rows(t, app, "referral_events"); got != float64(events) {
		t.Errorf("%v referral events written, the plan has %d", got, events)
	}

	asksSeeded, outboxSeeded := rows(t, app, "asks"), rows(t, app, "outbox")
	if n := decideUndecided(t, app); n > 0 {
		t.Errorf("the server's start pass found %d undecided moments", n)
	}
	if rows(t, app, "asks") != asksSeeded || rows(t, app, "outbox") != outboxSeeded {
		t.Error("the server's start pass asked for demo moments")
	}
}

func TestDemoSeedWritesWhatTheRecordHooksWould(t *testing.T) {
	app := testapp.New(t)
	start := time.Now()
	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	end := time.Now()

	if n := count(t, app, "SELECT COUNT(*) FROM customers WHERE email != lower(trim(email))"); n > 0 {
		t.Errorf("%v customer emails are not canonical", n)
	}
	for _, c := range []struct{ table, column string }{
		{"customers", "id"}, {"customers", "referral_code"}, {"asks", "token"}, {"referrals", "code"},
		{"moments", "id"}, {"outbox", "id"}, {"referral_events", "id"}, {"rewards", "id"},
	} {
		total := rows(t, app, c.table)
		filled := count(t, app, "SELECT COUNT(DISTINCT "+c.column+") FROM "+c.table+" WHERE length("+c.column+") >= 15")
		if filled != total {
			t.Errorf("%s.%s: %v of %v rows have their own generated value", c.table, c.column, filled, total)
		}
	}
	// backdated, not stamped with the time of the seed
	if n := count(t, app, "SELECT COUNT(*) FROM moments WHERE created != occurred_at OR updated != occurred_at"); n > 0 {
		t.Errorf("%v moments are not dated when they occurred", n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM referral_events WHERE created != at"); n > 0 {
		t.Errorf("%v referral events are not dated when they happened", n)
	}
	first := demo.NewPlan(now).Customers[0]
	c, err := app.FindFirstRecordByData("customers", "email", first.Email)
	if err != nil {
		t.Fatal(err)
	}
	if !c.GetDateTime("created").Time().Equal(first.Created.Truncate(time.Millisecond)) {
		t.Errorf("the first customer was created %v, want %v", c.GetDateTime("created"), first.Created)
	}
	checkReferrersRested(t, app, start, end)
}

// checkReferrersRested checks that every referrer who did not opt out rests
// from the time of the seed, as the referrals hook rests them.
func checkReferrersRested(t *testing.T, app core.App, start, end time.Time) {
	t.Helper()
	referrers, err := app.FindRecordsByFilter("customers",
		"opted_out = false && id ?= @collection.referrals.referrer", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(referrers) == 0 {
		t.Fatal("no referrers")
	}
	rest := 30 * 24 * time.Hour // the default rest_days
	for _, r := range referrers {
		next := r.GetDateTime("next_ask_at").Time()
		if r.GetInt("touch") != 0 || next.Before(start.Add(rest).Truncate(time.Millisecond)) || next.After(end.Add(rest)) {
			t.Errorf("referrer %s: touch %d, next ask %v; want 0 and %v after the seed", r.Id, r.GetInt("touch"), next, rest)
		}
	}
}

func TestDemoSeedRefreshesWhatTheDashboardKeeps(t *testing.T) {
	// However slow the machine, this program counts as small: its figures are read while the admin waits.
	defer func(b time.Duration) { metrics.WaitBudget = b }(metrics.WaitBudget)
	metrics.WaitBudget = time.Hour
	app := testapp.New(t)
	before, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if before.CompanyName == demo.DemoCompany {
		t.Fatal("the template already has the demo company")
	}
	generation := pages.Generation(app)
	span := func() (time.Time, time.Time) { return now.Add(-365 * 24 * time.Hour), now }
	figures, _, err := metrics.Snapshot(app, "year", span)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := demo.Seed(app, now); err != nil {
		t.Fatal(err)
	}
	if s, err := program.Load(app); err != nil || s.CompanyName != demo.DemoCompany {
		t.Errorf("the kept settings name %q (%v), want %q", s.CompanyName, err, demo.DemoCompany)
	}
	if pages.Generation(app) == generation {
		t.Error("the rendered pages were not forgotten")
	}
	after, _, err := metrics.Snapshot(app, "year", span)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ComputedAt.After(figures.ComputedAt) || after.Current.Referrals == 0 {
		t.Errorf("the dashboard kept its figures from before the seed (%d referrals)", after.Current.Referrals)
	}
}
