// Package webtest holds what the HTTP tests of the public pages, the
// dashboard and the webhooks share: a real server over a test app, form
// bodies, and the fixtures of a referrer with an ask and a referral.
package webtest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"warmloop/tests/testapp"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// Server serves app's routes over real HTTP on loopback, for tests that send
// several requests to one app.
func Server(t testing.TB, app *tests.TestApp) *httptest.Server {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var handler http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		handler, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv
}

// Form is a url-encoded form body.
func Form(values url.Values) *strings.Reader { return strings.NewReader(values.Encode()) }

// WithAsk is a test app with one enrolled customer who has an ask.
func WithAsk(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	customers, _ := app.FindCollectionByNameOrId("customers")
	c := core.NewRecord(customers)
	c.Set("name", "Ana Lima")
	c.Set("email", "ana@northwind.example")
	c.Set("source", "direct")
	c.Set("next_ask_at", "2027-01-01 10:00:00.000Z")
	if err := app.Save(c); err != nil {
		t.Fatal(err)
	}
	asks, _ := app.FindCollectionByNameOrId("asks")
	a := core.NewRecord(asks)
	a.Set("customer", c.Id)
	a.Set("touch", 1)
	a.Set("status", "sent")
	a.Set("token", AskToken)
	a.Set("unsubscribe_token", UnsubscribeToken)
	if err := app.Save(a); err != nil {
		t.Fatal(err)
	}
	return app
}

// WithReferrer is WithAsk with Ana's share code fixed, plus a customer
// (known@) and two earlier referrals: one recent, one old, one declined.
func WithReferrer(t testing.TB) *tests.TestApp {
	app := WithAsk(t)
	ana, _ := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	ana.Set("referral_code", ShareCode)
	ana.Set("company", "Northwind")
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	testapp.Customer(t, app, "Kim Known", "known@contoso.example", nil)
	other := testapp.Customer(t, app, "Olu Other", "olu@tailspin.example", nil)
	for _, r := range []struct {
		email, status, reason string
		age                   time.Duration
	}{
		{"recent@fabrikam.example", "invited", "", 30 * 24 * time.Hour},
		{"old@fabrikam.example", "lost", "", 200 * 24 * time.Hour},
		{"declined@fabrikam.example", "lost", "declined", 400 * 24 * time.Hour},
	} {
		ref := testapp.Save(t, app, "referrals", map[string]any{
			"referrer": other.Id, "referee_name": "Earlier Person", "referee_email": r.email,
			"status": r.status, "lost_reason": r.reason, "channel": "landing",
		})
		at := time.Now().Add(-r.age).UTC().Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().Update("referrals", dbx.Params{"created": at}, dbx.HashExp{"id": ref.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	// What those referrals set off (Olu's rewards and their emails) is not
	// what the tests look at: start from an empty outbox.
	if _, err := app.DB().NewQuery("DELETE FROM outbox").Execute(); err != nil {
		t.Fatal(err)
	}
	return app
}

// WithReferral is WithReferrer with a referral from Ana to Jo (invited, with
// a pending intro email), a sales inbox and a booking URL.
func WithReferral(t testing.TB) *tests.TestApp {
	app := WithReferrer(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("sales_inbox", "sales@acme.example")
	s.Set("booking_url", "https://calendly.com/acme/intro")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ref := testapp.Save(t, app, "referrals", map[string]any{
		"referrer": MustAna(t, app).Id, "ask": MustAsk(t, app).Id, "referee_name": "Jo Bloggs",
		"referee_email": "jo@fabrikam.example", "referee_company": "Fabrikam", "code": RefCode,
		"message": "Jo's team has *our* old <b>reporting</b> mess.", "status": "invited", "channel": "landing",
	})
	testapp.Save(t, app, "outbox", map[string]any{
		"kind": "email", "to": "jo@fabrikam.example", "subject": "Ana Lima suggested we talk", "status": "pending",
		"payload": map[string]any{"template": "intro_email", "referral": ref.Id}, "referral": ref.Id,
	})
	// Start from a clean outbox and history: the scenarios count what they add.
	for _, q := range []string{"DELETE FROM outbox WHERE subject != 'Ana Lima suggested we talk'", "DELETE FROM referral_events"} {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	return app
}

func MustAna(t testing.TB, app core.App) *core.Record {
	ana, err := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	if err != nil {
		t.Fatal(err)
	}
	return ana
}

func MustAsk(t testing.TB, app core.App) *core.Record {
	ask, err := app.FindFirstRecordByData("asks", "token", AskToken)
	if err != nil {
		t.Fatal(err)
	}
	return ask
}

func MustReferral(t testing.TB, app core.App) *core.Record {
	r, err := app.FindFirstRecordByData("referrals", "code", RefCode)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// QueuedTo lists the subjects of pending emails to an address.
func QueuedTo(t testing.TB, app core.App, to string) []string {
	rows, _ := app.FindAllRecords("outbox", dbx.HashExp{"to": to, "status": "pending"})
	var out []string
	for _, r := range rows {
		out = append(out, r.GetString("subject"))
	}
	return out
}

const AskToken = "AbCdEfGhIjKlMnOpQrStUv"

// UnsubscribeToken is the key of the unsubscribe link of Ana's ask.
const UnsubscribeToken = "UnSuBsCrIbEkEyOfAnAs01"

const RefCode = "JoBlOgGsReFeRrAlCoDe12"

const ShareCode = "ShArEcOdEfOrAnAlImA123"

// FormHeader is what a browser sends with a form post.
var FormHeader = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}

// HTMXForm is what htmx sends with a form post.
var HTMXForm = map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}
