package hooks_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/tests/testapp"
)

// The metrics hooks tell the kept figures when their data changed;
// metrics.Snapshot's own rules are tested in internal/metrics.

// twoOctoberReferrals makes a program with two referrals from a@x.example
// in October 2026 and a second customer, b@y.example, who has none.
func twoOctoberReferrals(t *testing.T, app core.App) {
	t.Helper()
	a := testapp.Customer(t, app, "a@x.example", "a@x.example", nil)
	testapp.Customer(t, app, "b@y.example", "b@y.example", nil)
	coll, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]string{{"p@q.example", "2026-10-02"}, {"s@t.example", "2026-10-03"}} {
		rec := core.NewRecord(coll)
		rec.Load(map[string]any{"referrer": a.Id, "referee_name": r[0], "referee_email": r[0], "status": "invited"})
		rec.SetRaw("created", r[1]+" 09:00:00.000Z")
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSnapshotOfASmallProgramIsReadAgainAfterAChange(t *testing.T) {
	// However slow the machine, this program counts as small: its figures are read while the admin waits.
	defer func(b time.Duration) { metrics.WaitBudget = b }(metrics.WaitBudget)
	metrics.WaitBudget = time.Hour
	app := testapp.New(t)
	twoOctoberReferrals(t, app)
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
	testapp.Save(t, app, "referrals", map[string]any{"referrer": c.Id, "referee_name": "N", "referee_email": "n@o.example",
		"status": "invited", "created": "2026-10-20 09:00:00.000Z"})
	after, stale, err := metrics.Snapshot(app, key, span)
	if err != nil || stale {
		t.Fatalf("after a change: stale %v, %v", stale, err)
	}
	if after.ComputedAt.Equal(first.ComputedAt) {
		t.Errorf("a new referral did not make the figures be read again")
	}
}
