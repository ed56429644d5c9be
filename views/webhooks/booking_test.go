package webhooks_test

import (
	"net/http"
	"strings"
	"testing"
	"warmloop/internal/referrals"
	"warmloop/tests/webtest"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// expectConfirmations checks how many booking confirmations were queued
// for Jo, each to the address the referral was made with.
func expectConfirmations(want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		rows, err := app.FindAllRecords("outbox", dbx.NewExp("json_extract(payload, '$.template') = 'booking_confirmation_email'"))
		if err != nil || len(rows) != want {
			t.Fatalf("%d booking confirmations (%v), want %d", len(rows), err, want)
		}
		for _, r := range rows {
			if r.GetString("to") != "jo@fabrikam.example" || r.GetString("referral") != webtest.MustReferral(t, app).Id {
				t.Errorf("confirmation to %q about %q", r.GetString("to"), r.GetString("referral"))
			}
		}
	}
}

func TestBookingWebhook(t *testing.T) {
	withSecret := func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		s, _ := app.FindFirstRecordByFilter("settings", "")
		s.Set("booking_secret", "bk-secret")
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
		return app
	}
	expectStatus := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if got := webtest.MustReferral(t, app).GetString("status"); got != want {
				t.Errorf("referral %s, want %s", got, want)
			}
		}
	}
	calendly := `{"event":"invitee.created","payload":{"email":"Jo@Fabrikam.example","name":"Jo Bloggs",
		"scheduled_event":{"start_time":"2026-12-01T14:00:00.000000Z"}}}`
	scenarios := []tests.ApiScenario{
		{
			Name:   "a Calendly booking by the referee's email books their referral",
			Method: http.MethodPost, URL: "/hooks/booking/calendly?token=bk-secret", Body: strings.NewReader(calendly),
			TestAppFactory: withSecret, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"matched":true`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectStatus("booked")(t, app, res)
				if got := webtest.MustReferral(t, app).GetString("preferred_times"); got != "Booked in calendly for 2026-12-01T14:00:00.000000Z" {
					t.Errorf("preferred_times %q", got)
				}
			},
		},
		{
			Name:   "a booking made in the booking tool queues the referee's confirmation",
			Method: http.MethodPost, URL: "/hooks/booking/calendly?token=bk-secret", Body: strings.NewReader(calendly),
			TestAppFactory: withSecret, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"matched":true`},
			AfterTestFunc: expectConfirmations(1),
		},
		{
			Name:   "a referee who booked on their page and then in the tool gets one confirmation",
			Method: http.MethodPost, URL: "/hooks/booking/calendly?token=bk-secret", Body: strings.NewReader(calendly),
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := withSecret(t)
				err := referrals.Book(app, webtest.MustReferral(t, app), referrals.Booking{
					Name: "Jo Bloggs", PreferredTimes: "Tuesday"})
				if err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"already_booked":true`},
			AfterTestFunc: expectConfirmations(1),
		},
		{
			Name: "a Cal.com booking is matched the same way", Method: http.MethodPost, URL: "/hooks/booking/calcom",
			Headers:        map[string]string{"Authorization": "Bearer bk-secret"},
			Body:           strings.NewReader(`{"triggerEvent":"BOOKING_CREATED","payload":{"startTime":"2026-12-01T14:00:00Z","attendees":[{"email":"jo@fabrikam.example","name":"Jo"}]}}`),
			TestAppFactory: withSecret, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"matched":true`},
			AfterTestFunc: expectStatus("booked"),
		},
		{
			Name: "a booking by someone nobody referred matches nothing", Method: http.MethodPost, URL: "/hooks/booking/generic?token=bk-secret",
			Body: strings.NewReader(`{"email":"stranger@else.example"}`), TestAppFactory: withSecret,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"matched":false`}, AfterTestFunc: expectStatus("invited"),
		},
		{
			Name: "a cancellation is ignored", Method: http.MethodPost, URL: "/hooks/booking/calendly?token=bk-secret",
			Body: strings.NewReader(`{"event":"invitee.canceled","payload":{"email":"jo@fabrikam.example"}}`), TestAppFactory: withSecret,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"ignored":true`}, AfterTestFunc: expectStatus("invited"),
		},
		{
			Name: "a wrong secret is refused", Method: http.MethodPost, URL: "/hooks/booking/calendly?token=nope",
			Body: strings.NewReader(calendly), TestAppFactory: withSecret,
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"missing or wrong secret"}, AfterTestFunc: expectStatus("invited"),
		},
		{
			Name: "without a secret in the settings booking webhooks are off", Method: http.MethodPost, URL: "/hooks/booking/calendly?token=",
			Body: strings.NewReader(calendly), TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				s, _ := app.FindFirstRecordByFilter("settings", "")
				s.Set("booking_secret", "")
				if err := app.Save(s); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"booking_secret"},
		},
		{
			Name: "a body that is not JSON gets a 400 that says so", Method: http.MethodPost, URL: "/hooks/booking/generic?token=bk-secret",
			Body: strings.NewReader(`email=jo`), TestAppFactory: withSecret,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{"not JSON"}, AfterTestFunc: expectStatus("invited"),
		},
		{
			Name: "an unknown provider is a 404 that lists the known ones", Method: http.MethodPost, URL: "/hooks/booking/zoom?token=bk-secret",
			Body: strings.NewReader(`{}`), TestAppFactory: withSecret,
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"generic, calendly, calcom"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
