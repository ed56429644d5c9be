package referrals_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
)

func TestAReferrerWhoOptedOutSendsNothingThroughAnyChannel(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	// Ana opts out after her page was opened: the record the caller holds
	// still says she is in.
	if _, err := app.DB().NewQuery("UPDATE customers SET opted_out = TRUE WHERE id = {:id}").Bind(map[string]any{"id": ana.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	for _, channel := range []string{referrals.Landing, referrals.ShareLink, referrals.OwnEmail} {
		out, err := referrals.Refer(app, referrals.Introduction{Referrer: ana, Channel: channel, Now: time.Now(),
			Form: referrals.Form{RefereeName: "Jo", RefereeEmail: "jo@fabrikam.example"}})
		if !errors.Is(err, referrals.ErrOptedOut) || out.Referral != nil {
			t.Errorf("%s: %+v, %v; want ErrOptedOut", channel, out, err)
		}
	}
	for _, coll := range []string{"referrals", "outbox"} {
		if n, _ := app.CountRecords(coll); n != 0 {
			t.Errorf("%d %s written for an opted-out referrer", n, coll)
		}
	}
}

func TestShareLinkReferralsCountTowardsNoCap(t *testing.T) {
	app := schemaapp.New(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("referrer_intros_per_week", 2)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	refer := func(channel string, n int) referrals.Outcome {
		out, err := referrals.Refer(app, referrals.Introduction{Referrer: ana, Channel: channel, Now: time.Now(),
			Form: referrals.Form{RefereeName: "Jo", RefereeEmail: fmt.Sprintf("jo%d@fabrikam%d.example", n, n)}})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for n := range 3 {
		if out := refer(referrals.ShareLink, n); out.Refused != "" || out.Referral == nil {
			t.Errorf("share-link visitor %d: %+v, want made", n, out)
		}
	}
	for n := 3; n < 5; n++ {
		if out := refer(referrals.Landing, n); out.Refused != "" {
			t.Errorf("introduction %d from the landing page: refused over %s", n, out.Refused)
		}
	}
	if out := refer(referrals.Landing, 5); out.Refused != referrals.OverReferrerWeek || out.Limit != 2 || out.Referral != nil {
		t.Errorf("the third introduction of the week: %+v, want refused over the weekly cap of 2", out)
	}
	if n, err := referrals.RefusedSince(app, time.Now().Add(-time.Hour)); err != nil || n != 1 {
		t.Errorf("RefusedSince = %d, %v; want 1", n, err)
	}
}
