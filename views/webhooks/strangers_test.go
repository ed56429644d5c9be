package webhooks_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
)

// answer is a generic NPS body with the given email and occurred_at.
func answer(email, occurredAt string) string {
	body := `{"email":` + strconv.Quote(email) + `,"name":"Ana Lima","score":10,"id":"resp-9"`
	if occurredAt != "" {
		body += `,"occurred_at":"` + occurredAt + `"`
	}
	return body + "}"
}

func TestNPSWebhookRefusesMalformedEmailsWithA400(t *testing.T) {
	for _, email := range []string{"a@[127.0.0.1]", "a@127.0.0.1", "ana@localhost", `"ana lima"@northwind.example`, "Ana <ana@northwind.example>"} {
		(&tests.ApiScenario{
			Name: "the email " + email + " is a 400 naming email", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(answer(email, "")), Headers: bearer,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"field":"email"`, "not an email address"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		}).Test(t)
	}
}

func TestNPSWebhookAcceptsOnlyDatesFrom2000ToTomorrow(t *testing.T) {
	soon := time.Now().UTC().Add(12 * time.Hour).Format(time.RFC3339)
	for _, c := range []struct {
		name, provider, body, field string
	}{
		{"9999-12-31", "generic", answer("ana@northwind.example", "9999-12-31T00:00:00Z"), "occurred_at"},
		{"two days ahead", "generic", answer("ana@northwind.example", time.Now().UTC().Add(48*time.Hour).Format(time.RFC3339)), "occurred_at"},
		{"1999-12-31", "generic", answer("ana@northwind.example", "1999-12-31T23:59:59Z"), "occurred_at"},
		{"the Unix epoch", "generic", answer("ana@northwind.example", "1970-01-01T00:00:00Z"), "occurred_at"},
		{"Delighted's created_at in 9999", "delighted",
			`{"event_type":"survey_response.created","event_data":{"id":"d-1","person":{"email":"ana@northwind.example"},"score":10,"created_at":253402214400}}`,
			"event_data.created_at"},
		{"Typeform's submitted_at in 9999", "typeform",
			`{"event_type":"form_response","form_response":{"token":"tf-1","submitted_at":"9999-12-31T00:00:00Z","hidden":{"email":"ana@northwind.example"},"answers":[{"type":"number","number":10,"field":{"type":"opinion_scale"}}]}}`,
			"form_response.submitted_at"},
	} {
		(&tests.ApiScenario{
			Name: c.name + " is a 400 naming " + c.field, Method: http.MethodPost,
			URL: "/hooks/nps/" + c.provider, Body: strings.NewReader(c.body), Headers: bearer,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"field":"` + c.field + `"`, "from 2000-01-01"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		}).Test(t)
	}
	for _, at := range []string{"2000-01-01T00:00:00Z", soon} {
		(&tests.ApiScenario{
			Name: at + " is accepted", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(answer("ana@northwind.example", at)), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(1, 1, 1),
		}).Test(t)
	}
}

func TestNPSWebhookStoresNamesAndCommentsWithoutControlOrDirectionCharacters(t *testing.T) {
	body := `{"email":"ana@northwind.example","name":"Ana\u0000 \u202eLima\r\n","company":"North\u2066wind\u001b Ltd",` +
		`"score":9,"comment":"Great\r\nsupport\u0007 \u202eteam","id":"resp-ctl"}`
	(&tests.ApiScenario{
		Name: "control and direction characters are removed, the comment keeps its line break", Method: http.MethodPost,
		URL: "/hooks/nps/generic", Body: strings.NewReader(body), Headers: bearer,
		ExpectedStatus: http.StatusCreated, TestAppFactory: withSecret, ExpectedContent: []string{`"duplicate":false`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			c, err := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
			if err != nil {
				t.Fatal(err)
			}
			if c.GetString("name") != "Ana Lima" || c.GetString("company") != "Northwind Ltd" {
				t.Errorf("customer stored as %q of %q", c.GetString("name"), c.GetString("company"))
			}
			m, _ := app.FindFirstRecordByFilter("moments", "")
			if got := m.GetString("comment"); got != "Great\nsupport team" {
				t.Errorf("comment stored as %q", got)
			}
		},
	}).Test(t)
}

func TestBookingWebhookRefusesMalformedEmailsAndCleansTheName(t *testing.T) {
	withSecret := func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		s, _ := app.FindFirstRecordByFilter("settings", "")
		s.Set("booking_secret", "bk-secret")
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
		return app
	}
	auth := map[string]string{"Authorization": "Bearer bk-secret"}
	scenarios := []tests.ApiScenario{
		{
			Name: "an attendee email with an IP literal is a 400", Method: http.MethodPost, URL: "/hooks/booking/generic",
			Body: strings.NewReader(`{"email":"jo@[127.0.0.1]","name":"Jo"}`), Headers: auth, TestAppFactory: withSecret,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{"is not an email address"},
		},
		{
			Name: "the attendee's name is stored without control or direction characters", Method: http.MethodPost,
			URL: "/hooks/booking/generic", Body: strings.NewReader(`{"email":"jo@fabrikam.example","name":"Jo\u0000 \u202eBloggs\r\n"}`),
			Headers: auth, TestAppFactory: withSecret, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"matched":true`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if got := webtest.MustReferral(t, app).GetString("referee_name"); got != "Jo Bloggs" {
					t.Errorf("referee_name stored as %q", got)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
