package hooks_test

import (
	"testing"
	"time"

	"warmloop/tests/testapp"
)

func TestAReferralRestsTheReferrerThenAsksResume(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Ana Lima", "ana@acme.example", map[string]any{
		"touch": 2, "next_ask_at": time.Now().Add(5 * 24 * time.Hour),
	})
	testapp.Save(t, app, "referrals", map[string]any{
		"referrer": c.Id, "referee_name": "Ben", "referee_email": "ben@globex.example", "status": "invited",
	})
	c, _ = app.FindRecordById("customers", c.Id)
	rest := time.Until(c.GetDateTime("next_ask_at").Time())
	if c.GetInt("touch") != 0 || rest < 29*24*time.Hour || rest > 31*24*time.Hour {
		t.Errorf("after a referral: touch %d, next ask in %v; want a new cycle after the 30-day rest", c.GetInt("touch"), rest)
	}
}

func TestAReferralByAnOptedOutCustomerDoesNotEnrolThem(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Ana Lima", "ana@acme.example", map[string]any{"opted_out": true})
	testapp.Save(t, app, "referrals", map[string]any{
		"referrer": c.Id, "referee_name": "Ben", "referee_email": "ben@globex.example", "status": "invited",
	})
	c, _ = app.FindRecordById("customers", c.Id)
	if !c.GetDateTime("next_ask_at").IsZero() {
		t.Error("an opted-out referrer was put back in the cadence")
	}
}
