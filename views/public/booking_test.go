package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/pages"
	"warmloop/tests/webtest"
)

// withSettings is WithReferral with settings fields changed.
func withSettings(fields map[string]any) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		s, _ := app.FindFirstRecordByFilter("settings", "")
		for k, v := range fields {
			s.Set(k, v)
		}
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
		return app
	}
}

// countConfirmations checks how many booking confirmations were queued.
func countConfirmations(want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		n, err := app.CountRecords("outbox", dbx.NewExp("json_extract(payload, '$.template') = 'booking_confirmation_email'"))
		if err != nil || int(n) != want {
			t.Errorf("%d booking confirmations (%v), want %d", n, err, want)
		}
	}
}

func TestTheRefereesBookingConfirmation(t *testing.T) {
	book := func() *strings.Reader {
		return webtest.Form(url.Values{"name": {"Jo Bloggs"}, "email": {"jo@fabrikam.example"}, "preferred_times": {"Tuesday afternoon, CET"}})
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "booking shows the booking_confirmation page, what they suggested, and that a confirmation email is on its way",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: book(), Headers: webtest.HTMXForm,
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<h2 id="booking-title">Thank you, Jo!</h2>`, "Someone from Acme will write to you to agree", "<q>Tuesday afternoon, CET</q>",
				"We have sent a confirmation to your email", "Reply to it and it reaches our team",
			},
			NotExpectedContent: []string{"working day", "<html"},
			AfterTestFunc:      countConfirmations(1),
		},
		{
			Name:   "without a sales inbox no confirmation is sent, and the page promises none",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: book(), Headers: webtest.HTMXForm,
			TestAppFactory: withSettings(map[string]any{"sales_inbox": ""}), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"Thank you, Jo!", "Someone from Acme will write to you"},
			NotExpectedContent: []string{"confirmation to your email", "Reply to", "reply", "working day"},
			AfterTestFunc:      countConfirmations(0),
		},
		{
			Name:   "a referral moved to booked by the team, not by the referee, gets no confirmation and the page promises none",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, Headers: browser,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				r := webtest.MustReferral(t, app)
				r.Set("status", "booked")
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Thank you, Jo!"},
			NotExpectedContent: []string{"confirmation to your email"},
			AfterTestFunc:      countConfirmations(0),
		},
		{
			Name:   "the confirmation on the page is the booking_confirmation page as the admin wrote it",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: book(), Headers: webtest.HTMXForm,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				p, _ := pages.FindBySlug(app, "booking_confirmation")
				p.Set("title", "Merci {{referee_first_name}}, from {{company_name}}")
				p.Set("body", "Our calendar team answers **every Monday**, {{referee_name}}.")
				if err := app.Save(p); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<h2 id="booking-title">Merci Jo, from Acme</h2>`,
				"Our calendar team answers <strong>every Monday</strong>, Jo Bloggs."},
			NotExpectedContent: []string{"Someone from Acme will write to you"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheRefereePageDescribesTheCompanyThroughItsSettings(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "the referee page says what the company does, in the settings' words", Method: http.MethodGet, URL: "/i/" + webtest.RefCode,
			Headers: browser, TestAppFactory: withSettings(map[string]any{"what_we_do": "Acme ships <spare> parts overnight."}),
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"<h2>About Acme</h2>", "<p>Acme ships &lt;spare&gt; parts overnight.</p>"},
			NotExpectedContent: []string{"{{what_we_do}}", "referral", "source of new business"},
		},
		{
			Name: "with no line in the settings the page reads a plain line, not a blank or a placeholder", Method: http.MethodGet, URL: "/i/" + webtest.RefCode,
			Headers: browser, TestAppFactory: webtest.WithReferral,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"<h2>About Acme</h2>", "We would rather hear about your work than talk about ours"},
			NotExpectedContent: []string{"{{what_we_do}}", "source of new business"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
