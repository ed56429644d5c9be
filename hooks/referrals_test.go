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

func TestEveryPathKeepsTheAddressesMatchKeys(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Ana Lima", "J.O.Bloggs+crm@GoogleMail.com", nil)
	if got := c.GetString("email_key"); got != "jobloggs@gmail.com" {
		t.Errorf("a new customer's email_key is %q", got)
	}
	r := testapp.Save(t, app, "referrals", map[string]any{
		"referrer": c.Id, "referee_name": "Ben", "referee_email": "Ben+x@Globex.example", "status": "invited", "referee_key": "forged@x.example",
	})
	if got := r.GetString("referee_key"); got != "ben@globex.example" {
		t.Errorf("a new referral's referee_key is %q, want the key of its email, whatever was sent", got)
	}
	r.Set("referee_email", "ben.okafor@globex.example")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if got := r.GetString("referee_key"); got != "ben.okafor@globex.example" {
		t.Errorf("after a change of email the referee_key is %q", got)
	}
}

func TestOnlyANewReferralCanWaitForConfirmation(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Ana Lima", "ana@acme.example", nil)
	r := testapp.Save(t, app, "referrals", map[string]any{
		"referrer": c.Id, "referee_name": "Ben", "referee_email": "ben@globex.example", "status": "invited",
	})
	r.Set("flag", "unconfirmed")
	if err := app.Save(r); err == nil {
		t.Error("a confirmed referral was made to wait for a confirmation nobody was sent")
	}
}

func TestAWonRefereeInheritsTheReferrersLocale(t *testing.T) {
	app := testapp.New(t)
	lea := testapp.Customer(t, app, "Lea Braun", "lea@wien.example", map[string]any{"locale": "de-AT"})
	testapp.Customer(t, app, "Max Known", "max@known.example", map[string]any{"locale": "fr"})
	for email, want := range map[string]string{"ben@globex.example": "de-AT", "max@known.example": "fr"} {
		ref := testapp.Save(t, app, "referrals", map[string]any{
			"referrer": lea.Id, "referee_name": "Someone", "referee_email": email, "status": "invited", "channel": "landing",
		})
		winReferral(t, app, ref)
		c, err := app.FindFirstRecordByData("customers", "email", email)
		if err != nil {
			t.Fatalf("the won referee %s is no customer: %v", email, err)
		}
		if got := c.GetString("locale"); got != want {
			t.Errorf("%s reads %q, want %q (a new customer inherits the referrer's; a known one keeps theirs)", email, got, want)
		}
	}
}
