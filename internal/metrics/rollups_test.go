package metrics_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/internal/privacy"
	"warmloop/tests/schemaapp"
)

// epoch is the first day of the seeded programs' data.
var epoch = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// seeded writes a random program over 40 days from epoch: half its rows
// through PocketBase's saves, half with raw INSERTs (as the demo seeder and
// batch writers do), so both paths feed the rollups.
func seeded(t *testing.T, app core.App, seed uint64) *rand.Rand {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 3))
	at := func() string {
		return epoch.Add(time.Duration(rng.Int64N(int64(40 * 24 * time.Hour)))).Format("2006-01-02 15:04:05.000Z")
	}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var incentives []string
	if err := app.DB().NewQuery("SELECT id FROM incentives").Column(&incentives); err != nil {
		t.Fatal(err)
	}
	err := app.RunInTransaction(func(tx core.App) error {
		var customers, moments, asks, referrals []string
		for i := range 60 {
			c := schemaapp.Customer(t, tx, fmt.Sprintf("C%d", i), fmt.Sprintf("c%d@seed.example", i), nil)
			customers = append(customers, c.Id)
		}
		for range 80 {
			m := schemaapp.Save(t, tx, "moments", map[string]any{"customer": customers[rng.IntN(60)],
				"kind": pick("nps", "renewal", "support_win", "first_outcome", "custom"), "source": "seed",
				"score": rng.IntN(11), "occurred_at": at()})
			moments = append(moments, m.Id)
		}
		for i := range 400 {
			f := map[string]any{"customer": customers[rng.IntN(60)], "touch": 1 + rng.IntN(3),
				"variant": pick("thanks", "short", ""), "locale": pick("", "en", "de", "fr-CA"), "cadence": pick("balanced", "gentle", ""),
				"incentive": pick(append(incentives, "")...), "status": pick("queued", "sent", "sent", "clicked", "referred", "failed"),
				"sent_at": pick(at(), at(), at(), "")}
			if rng.IntN(2) == 0 {
				f["moment"] = moments[rng.IntN(len(moments))]
			}
			if f["status"] == "clicked" || f["status"] == "referred" || rng.IntN(10) == 0 {
				f["clicked_at"] = at()
			}
			if i%2 == 0 {
				asks = append(asks, schemaapp.Save(t, tx, "asks", f).Id)
				continue
			}
			f["id"], f["token"], f["unsubscribe_token"] = fmt.Sprintf("ask%012d", i), fmt.Sprintf("tok%019d", i), fmt.Sprintf("uns%019d", i)
			f["created"], f["updated"] = at(), at()
			if _, err := tx.DB().Insert("asks", dbx.Params(f)).Execute(); err != nil {
				return err
			}
			asks = append(asks, f["id"].(string))
		}
		flow := []string{"invited", "visited", "booked", "qualified", "won"}
		events := 0
		for i := range 120 {
			last := rng.IntN(len(flow) + 1) // len(flow) is lost after qualifying
			status := "lost"
			if last < len(flow) {
				status = flow[last]
			}
			r := schemaapp.Save(t, tx, "referrals", map[string]any{"referrer": customers[rng.IntN(60)], "ask": asks[rng.IntN(len(asks))],
				"referee_name": "R", "referee_email": fmt.Sprintf("r%d@else.example", i), "status": status,
				"pipeline_value": float64(rng.IntN(40)) * 250.5, "won_value": float64(rng.IntN(40)) * 125.25})
			if _, err := tx.DB().Update("referrals", dbx.Params{"created": at()}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
				return err
			}
			referrals = append(referrals, r.Id)
			for j := 0; j <= min(last, len(flow)-1); j++ {
				// Some moves are written twice, as a note on the same stage is.
				for range 1 + rng.IntN(2) {
					events++
					_, err := tx.DB().Insert("referral_events", dbx.Params{"id": fmt.Sprintf("ev%012d", events),
						"referral": r.Id, "from_status": "", "to_status": flow[j], "at": at(), "created": at(), "updated": at()}).Execute()
					if err != nil {
						return err
					}
				}
			}
		}
		// Some customers came by referral, either way it is recorded, and
		// some referrals are held for review: the loop tells them apart.
		for _, sql := range []string{
			"UPDATE customers SET source = 'referral' WHERE rowid % 5 = 0",
			"UPDATE customers SET referred_by = (SELECT MIN(id) FROM customers) WHERE rowid % 7 = 0",
			"UPDATE referrals SET flag = 'unconfirmed' WHERE rowid % 6 = 0",
		} {
			if _, err := tx.DB().NewQuery(sql).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rng
}

// ranges are the ranges compared: whole days, ranges starting or ending
// mid-day, within one day, reaching outside the data, and empty.
func ranges(rng *rand.Rand) [][2]time.Time {
	out := [][2]time.Time{
		{epoch, epoch.AddDate(0, 0, 40)},
		{epoch.AddDate(0, 0, -400), epoch.AddDate(0, 0, 400)},
		{epoch.Add(5 * time.Hour), epoch.Add(17 * time.Hour)},
		{epoch.Add(20 * time.Hour), epoch.Add(30 * time.Hour)},
		{epoch.AddDate(0, 0, 3), epoch.AddDate(0, 0, 3)},
		{epoch.AddDate(0, 0, 10), epoch.AddDate(0, 0, 11)},
	}
	for range 12 {
		from := epoch.Add(time.Duration(rng.Int64N(int64(42 * 24 * time.Hour)))).Add(-24 * time.Hour)
		out = append(out, [2]time.Time{from, from.Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour))))})
	}
	return out
}

// readAll is every figure that reads the rollups, for one range.
type readAll struct {
	Overview metrics.Overview
	// Build's range and the one before it, read together.
	Current, Previous metrics.Overview
	Breakdowns        []metrics.Breakdown
	// Build's variants by language, in a fixed order.
	VariantLocales []metrics.VariantByLocale
	Trend          []metrics.Bucket
	Loop           metrics.Loop
}

func read(t *testing.T, app core.App, from, to time.Time) readAll {
	t.Helper()
	var r readAll
	var err error
	if r.Overview, err = metrics.Compute(app, from, to); err != nil {
		t.Fatal(err)
	}
	report, err := metrics.Build(app, from, to)
	if err != nil {
		t.Fatal(err)
	}
	r.Current, r.Previous = report.Current, report.Previous
	r.VariantLocales = report.VariantLocales
	slices.SortFunc(r.VariantLocales, func(a, b metrics.VariantByLocale) int {
		return cmp.Or(strings.Compare(a.Locale, b.Locale), strings.Compare(a.Name, b.Name))
	})
	if r.Breakdowns, err = metrics.Breakdowns(app, from, to); err != nil {
		t.Fatal(err)
	}
	if r.Trend, err = metrics.Trend(app, from, to, time.UTC); err != nil {
		t.Fatal(err)
	}
	if r.Loop, err = metrics.ComputeLoop(app); err != nil {
		t.Fatal(err)
	}
	return r
}

// agree fails the test wherever the rollups and the oracle differ.
func agree(t *testing.T, app core.App, rng *rand.Rand, when string) {
	t.Helper()
	for _, rg := range ranges(rng) {
		got := read(t, app, rg[0], rg[1])
		var want readAll
		metrics.WithOracle(func() { want = read(t, app, rg[0], rg[1]) })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s, %v to %v: from the rollups\n%+v\nfrom every row\n%+v", when, rg[0], rg[1], got, want)
		}
	}
	// The trend's days and weeks are the program's zone's: compare it in
	// zones whose days start off the UTC hour (Kathmandu, +05:45), whose
	// clocks change inside the data (New York on 8 March, Lord Howe by half
	// an hour on 5 April), and that lie across the date line.
	for _, name := range []string{"America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, rg := range ranges(rng) {
			got, err := metrics.Trend(app, rg[0], rg[1], loc)
			if err != nil {
				t.Fatal(err)
			}
			var want []metrics.Bucket
			metrics.WithOracle(func() { want, err = metrics.Trend(app, rg[0], rg[1], loc) })
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, the trend in %s, %v to %v: from the rollups\n%+v\nfrom every row\n%+v", when, name, rg[0], rg[1], got, want)
			}
		}
	}
	var asked int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM rollup_ask_customers").Row(&asked); err != nil || asked == 0 {
		t.Fatalf("the rollups hold %d rows (%v): the comparison proves nothing", asked, err)
	}
}

// exec runs raw SQL, as a batch writer would.
func exec(t *testing.T, app core.App, sql string) {
	t.Helper()
	if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestFiguresFromRollupsEqualTheFiguresFromEveryRow(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			app := schemaapp.New(t)
			rng := seeded(t, app, seed)
			agree(t, app, rng, "as written")
		})
	}
}

func TestFiguresFromRollupsStayExactThroughMovesEditsAndDeletes(t *testing.T) {
	app := schemaapp.New(t)
	rng := seeded(t, app, 4)
	// Through PocketBase: asks move on, referrals change hands and dates,
	// a moment changes kind, history rows are edited and removed.
	asks, _ := app.FindRecordsByFilter("asks", "", "", 60, 0)
	for i, a := range asks {
		switch i % 4 {
		case 0:
			a.Set("status", "referred")
		case 1:
			a.Set("sent_at", epoch.Add(time.Duration(rng.Int64N(int64(40*24*time.Hour)))))
		case 2:
			a.Set("customer", asks[0].GetString("customer"))
			a.Set("variant", "new wording")
			a.Set("locale", "nl")
		case 3:
			a.Set("status", "failed")
		}
		if err := app.Save(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range asks[40:] {
		if err := app.Delete(a); err != nil {
			t.Fatal(err)
		}
	}
	moments, _ := app.FindRecordsByFilter("moments", "", "", 5, 0)
	for _, m := range moments[:3] {
		m.Set("kind", "custom")
		if err := app.Save(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.Delete(moments[4]); err != nil {
		t.Fatal(err)
	}
	refs, _ := app.FindRecordsByFilter("referrals", "", "", 10, 0)
	for _, r := range refs[:5] {
		r.Set("referrer", refs[9].GetString("referrer"))
		r.Set("pipeline_value", 999.5)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	agree(t, app, rng, "after saves through PocketBase")

	// Raw SQL, as batch writers and the demo seeder write.
	exec(t, app, "UPDATE asks SET status = 'clicked', clicked_at = '2026-03-09 23:59:59.999Z' WHERE status = 'sent' AND rowid % 3 = 0")
	exec(t, app, "UPDATE asks SET sent_at = '2026-03-12 00:00:00.000Z' WHERE rowid % 7 = 0")
	exec(t, app, "DELETE FROM asks WHERE rowid % 11 = 0")
	exec(t, app, "UPDATE asks SET locale = 'es' WHERE rowid % 5 = 0")
	exec(t, app, "UPDATE referral_events SET to_status = 'won' WHERE to_status = 'qualified' AND rowid % 2 = 0")
	exec(t, app, "UPDATE referral_events SET at = '2026-03-20 12:00:00.000Z' WHERE rowid % 5 = 0")
	exec(t, app, "DELETE FROM referral_events WHERE rowid % 9 = 0")
	exec(t, app, "UPDATE referrals SET created = '2026-03-02 06:00:00.000Z' WHERE rowid % 4 = 0")
	exec(t, app, "DELETE FROM referrals WHERE rowid % 13 = 0")
	exec(t, app, "UPDATE moments SET kind = 'nps' WHERE rowid % 3 = 0")
	exec(t, app, "DELETE FROM moments WHERE rowid % 10 = 0")
	exec(t, app, "UPDATE incentives SET kind = 'charity' WHERE rowid % 2 = 0")
	// Asks written before the moment that fired them, which arrives later.
	exec(t, app, `INSERT INTO asks (id, customer, moment, touch, status, sent_at, token, unsubscribe_token)
		SELECT 'early' || id, customer, 'latemoment0001', 1, 'referred', '2026-03-04 08:00:00.000Z', 'tearly' || id, 'uearly' || id
		FROM asks WHERE rowid % 17 = 0`)
	exec(t, app, `INSERT INTO moments (id, customer, kind, source, occurred_at)
		VALUES ('latemoment0001', (SELECT MIN(id) FROM customers), 'support_win', 'late', '2026-03-04 07:00:00.000Z')`)
	agree(t, app, rng, "after raw SQL")

	// A rolled-back transaction leaves the rollups as they were.
	_ = app.RunInTransaction(func(tx core.App) error {
		exec(t, tx, "DELETE FROM asks")
		return fmt.Errorf("roll back")
	})
	agree(t, app, rng, "after a rollback")
}

func TestFiguresFromRollupsStayExactThroughAnErasure(t *testing.T) {
	app := schemaapp.New(t)
	rng := seeded(t, app, 5)
	var emails []string
	if err := app.DB().NewQuery(`SELECT c.email FROM customers c WHERE EXISTS (SELECT 1 FROM asks a WHERE a.customer = c.id)
		AND EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = c.id) LIMIT 3`).Column(&emails); err != nil || len(emails) == 0 {
		t.Fatalf("no customer with asks and referrals to erase (%v)", err)
	}
	for _, email := range emails {
		if _, err := privacy.Erase(app, email); err != nil {
			t.Fatal(err)
		}
	}
	agree(t, app, rng, "after erasures")
}

func TestLostRollupTriggersArePutBackAndTheRollupsCountedAgain(t *testing.T) {
	app := schemaapp.New(t)
	rng := seeded(t, app, 6)
	exec(t, app, "DROP TRIGGER rollup_asks_update")
	exec(t, app, "DROP TRIGGER rollup_referral_events_insert")
	// Writes while they are gone go uncounted by the rollups...
	exec(t, app, "UPDATE asks SET status = 'referred' WHERE status = 'sent'")
	exec(t, app, `INSERT INTO referral_events (id, referral, to_status, at) SELECT 'lost' || id, id, 'won', created FROM referrals`)
	if err := metrics.EnsureRollups(app); err != nil {
		t.Fatal(err)
	}
	var triggers int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'").Row(&triggers); err != nil || triggers != 12 {
		t.Fatalf("%d rollup triggers after EnsureRollups (%v), want 12", triggers, err)
	}
	// ...and counted once they are back, as is every write after.
	agree(t, app, rng, "after the triggers were put back")
	exec(t, app, "UPDATE asks SET status = 'sent' WHERE rowid % 2 = 0")
	agree(t, app, rng, "after a write with the triggers back")
}

func TestRollupsSurviveAnAdminChangingTheCountedCollections(t *testing.T) {
	app := schemaapp.New(t)
	rng := seeded(t, app, 7)
	// What an admin may do in /_/: add a field, rename one the figures do
	// not read, add an index. PocketBase alters the table in place.
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		t.Fatal(err)
	}
	asks.Fields.Add(&core.TextField{Name: "crm_note"})
	if err := app.Save(asks); err != nil {
		t.Fatal(err)
	}
	asks.AddIndex("idx_asks_variant_touch", false, "variant, touch", "")
	if err := app.Save(asks); err != nil {
		t.Fatal(err)
	}
	asks.Fields.GetByName("crm_note").SetName("crm_remark")
	if err := app.Save(asks); err != nil {
		t.Fatal(err)
	}
	exec(t, app, "UPDATE asks SET status = 'referred' WHERE rowid % 3 = 0")
	agree(t, app, rng, "after the asks collection changed")
	var missing int
	if err := app.DB().NewQuery(`SELECT COUNT(*) FROM rollup_statements s WHERE kind = 'trigger'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = s.name)`).Row(&missing); err != nil || missing != 0 {
		t.Errorf("%d triggers lost to the change (%v)", missing, err)
	}
	// A field a figure counts cannot be dropped under it: SQLite refuses,
	// and the collection stays as it was.
	asks.Fields.RemoveByName("sent_at")
	if err := app.Save(asks); err == nil {
		t.Error("dropping sent_at, which the figures count, succeeded")
	}
}

func TestWindowReadsPartialDaysFromRowsAndWholeDaysFromRollups(t *testing.T) {
	// Checked through the figures: one ask at each end of a mid-day range,
	// and one just outside each end, on the same days.
	app := schemaapp.New(t)
	c := schemaapp.Customer(t, app, "Ana", "ana@x.example", nil)
	for _, sent := range []string{"2026-03-01 11:59:59.999Z", "2026-03-01 12:00:00.000Z", "2026-03-02 00:00:00.000Z",
		"2026-03-05 07:59:59.999Z", "2026-03-05 08:00:00.000Z"} {
		schemaapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 1, "status": "sent", "sent_at": sent})
	}
	o, err := metrics.Compute(app, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if o.AsksSent != 3 || o.CustomersAsked != 1 {
		t.Errorf("%d asks sent to %d customers, want 3 to 1", o.AsksSent, o.CustomersAsked)
	}
}
