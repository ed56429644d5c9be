package referrals_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
)

// introduce saves a referral by referrer, made ago before now; fields add to
// or override the referee and status.
func introduce(t *testing.T, app core.App, referrer *core.Record, name, email, status string, ago time.Duration, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{"referrer": referrer.Id, "referee_name": name, "referee_email": email, "status": status}
	for k, v := range fields {
		all[k] = v
	}
	r := schemaapp.Save(t, app, "referrals", all)
	// created is stamped on save; date it back so the order is the fixture's.
	created := types.NowDateTime().Add(-ago)
	if _, err := app.DB().Update("referrals", dbx.Params{"created": created.String()}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	return r
}

// namesOf lists the referees of rows, in order.
func namesOf(rows []referrals.Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.RefereeName)
	}
	return out
}

// listFixture is a program with two referrers and five referrals, saved in
// the opposite order to when they were made; newest first: Al (invited), Dan
// (invited, flagged), Cy (booked), Bo_b (invited, by Grace) and Eve (lost,
// flagged: rejected in review).
func listFixture(t *testing.T) core.App {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	grace := schemaapp.Customer(t, app, "Grace Hopper", "grace@navy.example", nil)
	introduce(t, app, ana, "Al", "al@fabrikam.example", "invited", time.Hour, nil)
	introduce(t, app, grace, "Bo_b", "bob@contoso.example", "invited", 4*time.Hour, map[string]any{"referee_company": "Contoso"})
	introduce(t, app, ana, "Cy", "cy@globex.example", "booked", 3*time.Hour, map[string]any{"pipeline_value": 5000})
	introduce(t, app, ana, "Dan", "dan@northwind.example", "invited", 2*time.Hour, map[string]any{"flag": "self_referral"})
	introduce(t, app, ana, "Eve", "eve@initech.example", "lost", 5*time.Hour, map[string]any{"flag": "duplicate"})
	return app
}

func TestTheReferralListFiltersByStatusSearchAndFlag(t *testing.T) {
	app := listFixture(t)
	for _, c := range []struct {
		name string
		f    referrals.Filter
		want []string
	}{
		{"no filter lists every referral, newest first", referrals.Filter{}, []string{"Al", "Dan", "Cy", "Bo_b", "Eve"}},
		{"a status lists only that status", referrals.Filter{Status: "invited"}, []string{"Al", "Dan", "Bo_b"}},
		{"flagged lists only those waiting for review, not the rejected (lost)", referrals.Filter{Flagged: true}, []string{"Dan"}},
		{"a search reads the referrer's name", referrals.Filter{Q: "grace"}, []string{"Bo_b"}},
		{"a search reads the referee's company", referrals.Filter{Q: "contoso"}, []string{"Bo_b"}},
		{"a search takes an underscore literally", referrals.Filter{Q: "o_b"}, []string{"Bo_b"}},
		{"search and status narrow together", referrals.Filter{Q: "northwind", Status: "invited"}, []string{"Dan"}},
	} {
		rows, err := referrals.FindRows(app, c.f, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := namesOf(rows); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		n, err := referrals.CountRows(app, c.f)
		if err != nil || n != len(c.want) {
			t.Errorf("%s: counted %d (%v), want %d", c.name, n, err, len(c.want))
		}
	}
}

func TestTheReferralListPagesWithoutOverlap(t *testing.T) {
	app := listFixture(t)
	var seen []string
	for offset := 0; offset < 6; offset += 2 {
		rows, err := referrals.FindRows(app, referrals.Filter{}, 2, offset)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, namesOf(rows)...)
	}
	if want := []string{"Al", "Dan", "Cy", "Bo_b", "Eve"}; !slices.Equal(seen, want) {
		t.Fatalf("pages of 2 gave %q, want %q", seen, want)
	}
}

func TestReferralsMadeAtTheSameTimeAreOrderedByIDSoPagesNeverOverlap(t *testing.T) {
	app := listFixture(t)
	if _, err := app.DB().NewQuery("UPDATE referrals SET created = '2026-01-05 10:00:00.000Z'").Execute(); err != nil {
		t.Fatal(err)
	}
	var ids, paged []string
	if err := app.DB().NewQuery("SELECT id FROM referrals ORDER BY id DESC").Column(&ids); err != nil {
		t.Fatal(err)
	}
	for offset := 0; offset < 6; offset += 2 {
		rows, err := referrals.FindRows(app, referrals.Filter{}, 2, offset)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			paged = append(paged, r.ID)
		}
	}
	if !slices.Equal(paged, ids) {
		t.Fatalf("pages of 2 gave %q, want ids descending %q", paged, ids)
	}
}

func TestAReferralRowCarriesItsReferrerAndValues(t *testing.T) {
	app := listFixture(t)
	rows, err := referrals.FindRows(app, referrals.Filter{Status: "booked"}, 1, 0)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v, %v", rows, err)
	}
	row, err := referrals.FindRow(app, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if row != rows[0] || row.ReferrerName != "Ana Lima" || row.ReferrerEmail != "ana@northwind.example" || row.Pipeline != 5000 ||
		time.Since(row.Created.Time()).Round(time.Hour) != 3*time.Hour {
		t.Fatalf("row %+v, list row %+v", row, rows[0])
	}
}

func TestStreamedReferralsMatchTheListInOrder(t *testing.T) {
	app := listFixture(t)
	rows, err := referrals.StreamRows(app, referrals.Filter{Status: "invited"})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var r referrals.Row
		if err := rows.ScanStruct(&r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r.RefereeName)
	}
	if want := []string{"Al", "Dan", "Bo_b"}; !slices.Equal(got, want) {
		t.Fatalf("streamed %q, want %q", got, want)
	}
}

func TestReferralsAreCountedByStatusForTheBoard(t *testing.T) {
	app := listFixture(t)
	counts, err := referrals.CountByStatus(app)
	if err != nil {
		t.Fatal(err)
	}
	if counts["invited"] != 3 || counts["booked"] != 1 || counts["lost"] != 1 || counts["won"] != 0 {
		t.Fatalf("counts %v", counts)
	}
}

func TestAReferralWaitingForItsRefereeToConfirmIsOnNoList(t *testing.T) {
	app := listFixture(t)
	ana, _ := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	introduce(t, app, ana, "Una", "una@nowhere.example", "invited", time.Minute, map[string]any{"flag": referrals.Unconfirmed, "channel": "share_link"})
	for _, f := range []referrals.Filter{{}, {Q: "Una"}, {Status: "invited"}, {Flagged: true}} {
		rows, err := referrals.FindRows(app, f, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := referrals.CountRows(app, f)
		if slices.Contains(namesOf(rows), "Una") || n != len(rows) {
			t.Errorf("filter %+v lists %v (counted %d): an unconfirmed referral is not a referral yet", f, namesOf(rows), n)
		}
	}
	if counts, _ := referrals.CountByStatus(app); counts["invited"] != 3 {
		t.Errorf("the board counts %d invited, want the 3 confirmed ones", counts["invited"])
	}
}
