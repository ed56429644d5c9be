package asks_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/mail"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// happyCustomer makes a customer whose renewal at t0 fired the first ask.
func happyCustomer(t *testing.T, app core.App, email string, optedOut bool) *core.Record {
	t.Helper()
	c := schemaapp.Customer(t, app, "Test Person", email, nil)
	mc, _ := app.FindCollectionByNameOrId("moments")
	m := core.NewRecord(mc)
	m.Set("customer", c.Id)
	m.Set("kind", "renewal")
	m.Set("source", "test")
	m.Set("occurred_at", t0)
	// No hook decides it: DecideMoment saves the new moment with its decision.
	if _, err := asks.DecideMoment(app, m, t0); err != nil {
		t.Fatal(err)
	}
	if optedOut {
		c, _ = app.FindRecordById("customers", c.Id)
		c.Set("opted_out", true)
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func touches(t *testing.T, app core.App, customer string) []int {
	t.Helper()
	var out []int
	if err := app.DB().Select("touch").From("asks").Where(dbx.HashExp{"customer": customer}).OrderBy("touch").Column(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCadenceTouchesLandOnScheduleAndStopAtTheLimit(t *testing.T) {
	app := schemaapp.New(t)
	c := happyCustomer(t, app, "ana@acme.example", false)
	steps := []struct {
		at   time.Time
		want []int
	}{
		{t0.Add(41 * day), []int{1}},
		{t0.Add(42 * day), []int{1, 2}},
		{t0.Add(60 * day), []int{1, 2}},
		{t0.Add(84 * day), []int{1, 2, 3}},
		{t0.Add(400 * day), []int{1, 2, 3}},
	}
	for _, s := range steps {
		if _, err := asks.RunCadence(app, s.at); err != nil {
			t.Fatal(err)
		}
		if got := touches(t, app, c.Id); len(got) != len(s.want) {
			t.Fatalf("at day %.0f: touches %v, want %v", s.at.Sub(t0).Hours()/24, got, s.want)
		}
	}
	c, _ = app.FindRecordById("customers", c.Id)
	if !c.GetDateTime("next_ask_at").IsZero() || c.GetInt("touch") != 3 {
		t.Errorf("after the last touch the customer should rest: %v", c.FieldsData())
	}
	var pending int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").Row(&pending)
	if pending != 3 {
		t.Errorf("%d pending emails, want one per touch", pending)
	}
}

func TestCadenceFollowsThePreset(t *testing.T) {
	app := schemaapp.New(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("cadence", "aggressive") // before anything reads the settings: nothing to forget
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	c := happyCustomer(t, app, "ana@acme.example", false)
	if _, err := asks.RunCadence(app, t0.Add(21*day)); err != nil {
		t.Fatal(err)
	}
	if got := touches(t, app, c.Id); len(got) != 2 {
		t.Errorf("aggressive preset: touches %v at day 21, want 2", got)
	}
}

func TestCadenceNeverReachesOptedOutCustomers(t *testing.T) {
	app := schemaapp.New(t)
	c := happyCustomer(t, app, "ana@acme.example", true)
	for d := 40; d < 400; d += 20 {
		if _, err := asks.RunCadence(app, t0.Add(time.Duration(d)*day)); err != nil {
			t.Fatal(err)
		}
	}
	if got := touches(t, app, c.Id); len(got) != 1 {
		t.Errorf("opted-out customer got touches %v", got)
	}
}

func TestAsksRecordTheirVariantFirstAndFollowUp(t *testing.T) {
	app := schemaapp.New(t)
	c := happyCustomer(t, app, "ana@acme.example", false)
	if _, err := asks.RunCadence(app, t0.Add(42*day)); err != nil {
		t.Fatal(err)
	}
	var variants []string
	if err := app.DB().Select("variant").From("asks").Where(dbx.HashExp{"customer": c.Id}).OrderBy("touch").Column(&variants); err != nil {
		t.Fatal(err)
	}
	if len(variants) != 2 || (variants[0] != "thanks" && variants[0] != "short") || variants[1] != "reminder" {
		t.Errorf("variants %v: want a first-touch variant, then the follow-up", variants)
	}
}

func TestWithNoActiveVariantTheAskEmailPageIsTheCopy(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE").Execute(); err != nil {
		t.Fatal(err)
	}
	c := happyCustomer(t, app, "ana@acme.example", false)
	ask, err := app.FindFirstRecordByData("asks", "customer", c.Id)
	if err != nil || ask.GetString("variant") != "ask_email" {
		t.Fatalf("variant %q, %v", ask.GetString("variant"), err)
	}
	row, _ := app.FindFirstRecordByData("outbox", "ask", ask.Id)
	msg, err := mail.Compose(app, row)
	if err != nil || msg.Subject != "A quick favour, Test?" {
		t.Errorf("subject %q, %v", msg.Subject, err)
	}
}

func TestAPassThatFailsMidwayAsksNobodyTwice(t *testing.T) {
	app := schemaapp.New(t)
	var customers []*core.Record
	for _, email := range []string{"ana@acme.example", "ben@acme.example", "cleo@acme.example"} {
		customers = append(customers, happyCustomer(t, app, email, false))
	}
	due := t0.Add(42 * day)

	// The third customer's ask cannot be written: the pass stops there, as
	// a crash would.
	failing := app.OnRecordCreate("asks").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("customer") == customers[2].Id {
			return errors.New("the disk is full")
		}
		return e.Next()
	})
	if _, err := asks.RunCadence(app, due); err == nil {
		t.Fatal("the pass reported no error")
	}
	app.OnRecordCreate("asks").Unbind(failing)

	rep, err := asks.RunCadence(app, due)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Asked != 3 {
		t.Errorf("the pass after the failure asked %d, want all 3", rep.Asked)
	}
	for _, c := range customers {
		if got := touches(t, app, c.Id); len(got) != 2 {
			t.Errorf("%s has touches %v, want [1 2]: asked once by the cadence", c.GetString("email"), got)
		}
	}
	var emails int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM outbox").Row(&emails); err != nil {
		t.Fatal(err)
	}
	if emails != 6 {
		t.Errorf("%d emails queued, want 6: each customer's first touch and second, once", emails)
	}
}
