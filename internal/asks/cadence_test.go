package asks_test

import (
	"maps"
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
	now := t0.Add(42 * day)
	// Two and a half batches of customers, due one second apart, so the
	// pass takes them in this order.
	n := 2*asks.PassBatch + asks.PassBatch/2
	insertCustomers(t, app, n, "2025-01-01 00:00:00.000Z", func(i int) string {
		return t0.Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000Z")
	})
	// The ask of a customer in the second batch cannot be written: that
	// batch's transaction fails, as it would on a full disk or a crash.
	failing := fixtureID(asks.PassBatch + asks.PassBatch/2)
	if _, err := app.DB().NewQuery("CREATE TRIGGER test_disk_full BEFORE INSERT ON asks WHEN NEW.customer = '" + failing +
		"' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END").Execute(); err != nil {
		t.Fatal(err)
	}
	before := customerRows(t, app)

	rep, err := asks.RunCadence(app, now)
	if err == nil {
		t.Fatal("the pass reported no error")
	}
	if rep.Asked != asks.PassBatch {
		t.Errorf("the failed pass reports %d asked, want the %d of the batch that committed", rep.Asked, asks.PassBatch)
	}
	after := customerRows(t, app)
	for i := range n {
		id := fixtureID(i)
		moved := after[id]["touch"] != before[id]["touch"]
		if i < asks.PassBatch && !moved {
			t.Fatalf("customer %d, in the batch that committed, was not moved on", i)
		}
		if i >= asks.PassBatch && !maps.Equal(after[id], before[id]) {
			t.Fatalf("customer %d, after the failed batch began, changed:\n%v\nwas\n%v", i, after[id], before[id])
		}
	}
	if got := count(t, app, "SELECT COUNT(*) FROM asks"); got != asks.PassBatch {
		t.Errorf("%d asks after the failed pass, want %d", got, asks.PassBatch)
	}
	if got := count(t, app, "SELECT COUNT(*) FROM outbox"); got != asks.PassBatch {
		t.Errorf("%d emails after the failed pass, want %d", got, asks.PassBatch)
	}

	if _, err := app.DB().NewQuery("DROP TRIGGER test_disk_full").Execute(); err != nil {
		t.Fatal(err)
	}
	rep, err = asks.RunCadence(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Asked != n-asks.PassBatch {
		t.Errorf("the pass after the failure asked %d, want the %d left", rep.Asked, n-asks.PassBatch)
	}
	if got := count(t, app, "SELECT COUNT(DISTINCT customer) FROM asks WHERE touch = 2"); got != n {
		t.Errorf("%d customers have their second touch, want all %d", got, n)
	}
	if got := count(t, app, "SELECT COUNT(*) FROM asks"); got != n {
		t.Errorf("%d asks, want %d: one each, nobody asked twice", got, n)
	}
	if got := count(t, app, "SELECT COUNT(DISTINCT outbox.ask) FROM outbox JOIN asks ON asks.id = outbox.ask"); got != n {
		t.Errorf("%d asks have their email, want %d", got, n)
	}
	if got := count(t, app, "SELECT COUNT(*) FROM outbox"); got != n {
		t.Errorf("%d emails queued, want %d: one per ask", got, n)
	}
}

// customerRows reads every customer's stored row, by id.
func customerRows(t *testing.T, app core.App) map[string]map[string]string {
	t.Helper()
	rows, err := app.DB().NewQuery("SELECT * FROM customers").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		m := dbx.NullStringMap{}
		if err := rows.ScanMap(m); err != nil {
			t.Fatal(err)
		}
		out[m["id"].String] = plain(m)
	}
	return out
}

// plain is a stored row as text, NULL as "".
func plain(m dbx.NullStringMap) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v.String
	}
	return out
}

// count runs a query that counts.
func count(t *testing.T, app core.App, q string) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery(q).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
