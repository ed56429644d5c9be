package referrals_test

import (
	"errors"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
)

func TestWhyHeldNamesWhatAReferralMatched(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	grace := schemaapp.Customer(t, app, "Grace Hopper", "grace@navy.example", nil)
	schemaapp.Customer(t, app, "Jo Bloggs", "jo@contoso.example", nil)
	introduce(t, app, grace, "Ada", "ada@engines.example", "invited", 48*time.Hour, nil)
	first, err := app.FindFirstRecordByData("referrals", "referee_email", "ada@engines.example")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		held  map[string]any
		check func(referrals.Hold) bool
	}{
		{"a self-referral names the shared company domain",
			map[string]any{"referee_email": "sam@northwind.example", "flag": "self_referral"},
			func(h referrals.Hold) bool { return h.Flag == "self_referral" && h.Domain == "northwind.example" }},
		{"a duplicate names who introduced the address first, and when",
			map[string]any{"referee_email": "ada@engines.example", "flag": "duplicate"},
			func(h referrals.Hold) bool {
				return h.Earlier && h.EarlierBy == "Grace Hopper" && h.EarlierAt.Equal(first.GetDateTime("created")) && !h.Customer
			}},
		{"a duplicate of a customer's address says so",
			map[string]any{"referee_email": "jo@contoso.example", "flag": "duplicate"},
			func(h referrals.Hold) bool { return h.Customer && !h.Earlier }},
		{"a duplicate the records no longer show names nothing",
			map[string]any{"referee_email": "kim@contoso.example", "flag": "duplicate"},
			func(h referrals.Hold) bool { return h == referrals.Hold{Flag: "duplicate"} }},
		{"a referral not held has no reason",
			map[string]any{"referee_email": "lee@initech.example"},
			func(h referrals.Hold) bool { return h == referrals.Hold{} }},
	}
	for _, c := range cases {
		rec := introduce(t, app, ana, "Held", "x@example.com", "invited", time.Hour, c.held)
		row, err := referrals.FindRow(app, rec.Id)
		if err != nil {
			t.Fatal(err)
		}
		if h := referrals.WhyHeld(app, row); !c.check(h) {
			t.Errorf("%s: %+v", c.name, h)
		}
	}
}

func TestAcceptingAHeldReferralClearsItsFlagAndKeepsItsStatus(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	rec := introduce(t, app, ana, "Sam", "sam@northwind.example", "booked", time.Hour, map[string]any{"flag": "self_referral"})
	if err := referrals.Accept(app, rec); err != nil {
		t.Fatal(err)
	}
	got, _ := app.FindRecordById("referrals", rec.Id)
	if got.GetString("flag") != "" || got.GetString("status") != "booked" || referrals.AwaitsReview(got) {
		t.Fatalf("after accept: flag %q, status %q", got.GetString("flag"), got.GetString("status"))
	}
}

func TestRejectingAHeldReferralMarksItLostAndKeepsItsFlag(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	rec := introduce(t, app, ana, "Sam", "sam@northwind.example", "invited", time.Hour, map[string]any{"flag": "duplicate"})
	if err := referrals.Reject(app, rec, "Duplicate"); err != nil {
		t.Fatal(err)
	}
	got, _ := app.FindRecordById("referrals", rec.Id)
	if got.GetString("status") != "lost" || got.GetString("flag") != "duplicate" || got.GetString("lost_reason") != "Rejected in review: duplicate" {
		t.Fatalf("after reject: status %q, flag %q, reason %q", got.GetString("status"), got.GetString("flag"), got.GetString("lost_reason"))
	}
	if referrals.AwaitsReview(got) {
		t.Fatal("a rejected referral still awaits review")
	}
}

func TestOnlyAReferralAwaitingReviewCanBeAcceptedOrRejected(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	plain := introduce(t, app, ana, "Al", "al@fabrikam.example", "invited", time.Hour, nil)
	rejected := introduce(t, app, ana, "Eve", "eve@initech.example", "lost", time.Hour, map[string]any{"flag": "duplicate"})
	for _, c := range []struct {
		rec          *core.Record
		flag, status string
	}{{plain, "", "invited"}, {rejected, "duplicate", "lost"}} {
		rec := c.rec
		if err := referrals.Accept(app, rec); !errors.Is(err, referrals.ErrNotAwaitingReview) {
			t.Errorf("accepting %s: %v", rec.GetString("referee_name"), err)
		}
		if err := referrals.Reject(app, rec, "Duplicate"); !errors.Is(err, referrals.ErrNotAwaitingReview) {
			t.Errorf("rejecting %s: %v", rec.GetString("referee_name"), err)
		}
		got, _ := app.FindRecordById("referrals", rec.Id)
		if got.GetString("flag") != c.flag || got.GetString("status") != c.status {
			t.Errorf("%s changed: flag %q, status %q", rec.GetString("referee_name"), got.GetString("flag"), got.GetString("status"))
		}
	}
}
