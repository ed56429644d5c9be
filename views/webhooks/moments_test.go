package webhooks_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/tests/testapp"
)

const mappedSecret = "mapped-test-secret"

// withMappedSource is a test app with the nps source "acme-survey": the
// email, score, comment, id and time under /data, events kept when /event
// is "response.completed", signed with a base64 HMAC-SHA256 in X-Acme-Sig.
func withMappedSource(t testing.TB) *tests.TestApp {
	app := testapp.New(t)
	testapp.Save(t, app, "sources", map[string]any{
		"name": "acme-survey", "kind": "nps",
		"email_pointer": "/data/contact/email", "score_pointer": "/data/answer/score",
		"comment_pointer": "/data/answer/text", "external_id_pointer": "/data/id", "time_pointer": "/data/at",
		"keep_pointer": "/event", "keep_value": "response.completed",
		"auth": "hmac", "auth_header": "X-Acme-Sig", "hmac_encoding": "base64", "secret": mappedSecret,
	})
	return app
}

// acmeEvent is an acme-survey delivery.
func acmeEvent(event, email, score, id string) string {
	return fmt.Sprintf(`{"event":%q,"data":{"id":%q,"at":"2026-11-20T10:00:00Z","contact":{"email":%q},"answer":{"score":%s,"text":"They fixed our import in an hour, thanks so much"}}}`,
		event, id, email, score)
}

// acmeSigned is the headers that sign body as Acme does.
func acmeSigned(body string) map[string]string {
	mac := hmac.New(sha256.New, []byte(mappedSecret))
	mac.Write([]byte(body))
	return map[string]string{"X-Acme-Sig": "sha256=" + base64.StdEncoding.EncodeToString(mac.Sum(nil))}
}

// expectDeliveries checks the outcomes logged for the source, newest first.
func expectDeliveries(outcomes ...string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		var rows []struct{ Outcome, Body string }
		if err := app.DB().NewQuery("SELECT outcome, body FROM source_deliveries ORDER BY rowid DESC").All(&rows); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Outcome)
			if strings.Contains(strings.ToLower(r.Body), "ana.lima") || strings.Contains(r.Body, mappedSecret) {
				t.Errorf("a logged body shows an email or the secret: %s", r.Body)
			}
		}
		if strings.Join(got, ",") != strings.Join(outcomes, ",") {
			t.Errorf("deliveries logged %v, want %v", got, outcomes)
		}
	}
}

// both runs every check.
func both(checks ...func(testing.TB, *tests.TestApp, *http.Response)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		for _, c := range checks {
			c(t, app, res)
		}
	}
}

func TestMappedSourceWebhook(t *testing.T) {
	url := "/hooks/moments/acme-survey"
	promoter := acmeEvent("response.completed", "Ana.Lima@Northwind.example", "10", "r-1")
	detractor := acmeEvent("response.completed", "ana.lima@northwind.example", `"3"`, "r-2")
	refused := func(name, body string, headers map[string]string, status int, want ...string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: url, Body: strings.NewReader(body), Headers: headers,
			ExpectedStatus: status, ExpectedContent: want,
			AfterTestFunc: both(expectWritten(0, 0, 0), expectDeliveries("refused")),
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "a promoter makes the moment, an ask and its email", Method: http.MethodPost, URL: url,
			Body: strings.NewReader(promoter), Headers: acmeSigned(promoter),
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`, `"duplicate":false`},
			AfterTestFunc: both(expectWritten(1, 1, 1), expectDeliveries("accepted"),
				func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					m, err := app.FindFirstRecordByData("moments", "external_id", "r-1")
					if err != nil {
						t.Fatal(err)
					}
					if m.GetString("source") != "acme-survey" || m.GetInt("score") != 10 || m.GetString("kind") != "nps" ||
						!strings.HasPrefix(m.GetString("comment"), "They fixed") || m.GetDateTime("occurred_at").String() != "2026-11-20 10:00:00.000Z" {
						t.Errorf("the moment is %v", m.PublicExport())
					}
				}),
		},
		{
			Name: "a detractor makes the moment and no ask", Method: http.MethodPost, URL: url,
			Body: strings.NewReader(detractor), Headers: acmeSigned(detractor),
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"below_threshold"`},
			AfterTestFunc: both(expectWritten(1, 0, 0), expectDeliveries("accepted")),
		},
		{
			Name: "a redelivery is recognised as the duplicate it is", Method: http.MethodPost, URL: url,
			Body: strings.NewReader(promoter), Headers: acmeSigned(promoter),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"duplicate":true`},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := withMappedSource(t)
				if _, err := intake.Record(app, intake.Moment{Email: "ana.lima@northwind.example", Kind: "nps", Score: 10,
					Source: "acme-survey", ExternalID: "r-1"}); err != nil {
					t.Fatal(err)
				}
				return app
			},
			AfterTestFunc: both(expectWritten(1, 1, 1), expectDeliveries("duplicate")),
		},
		{
			Name: "an event the keep rule leaves out answers 200 ignored and writes nothing", Method: http.MethodPost, URL: url,
			Body:           strings.NewReader(acmeEvent("response.started", "ana@northwind.example", "10", "r-3")),
			Headers:        acmeSigned(acmeEvent("response.started", "ana@northwind.example", "10", "r-3")),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"ignored":true`, `response.started`},
			AfterTestFunc: both(expectWritten(0, 0, 0), expectDeliveries("ignored")),
		},
		refused("a bad signature is refused", promoter, map[string]string{"X-Acme-Sig": "sha256=AAAA"},
			http.StatusUnauthorized, "does not match the body"),
		refused("an unsigned delivery is refused", promoter, nil, http.StatusUnauthorized, "X-Acme-Sig"),
		refused("no email at the pointer is refused, naming the field",
			`{"event":"response.completed","data":{"id":"r-4","at":"2026-11-20T10:00:00Z","answer":{"score":9}}}`,
			acmeSigned(`{"event":"response.completed","data":{"id":"r-4","at":"2026-11-20T10:00:00Z","answer":{"score":9}}}`),
			http.StatusBadRequest, `"field":"email"`, "nothing at /data/contact/email"),
		refused("a score outside 0 to 10 is refused", acmeEvent("response.completed", "ana@northwind.example", "11", "r-5"),
			acmeSigned(acmeEvent("response.completed", "ana@northwind.example", "11", "r-5")),
			http.StatusBadRequest, `"field":"score"`, "from 0 to 10"),
		refused("an unparsable time is refused",
			strings.Replace(promoter, "2026-11-20T10:00:00Z", "last tuesday", 1),
			acmeSigned(strings.Replace(promoter, "2026-11-20T10:00:00Z", "last tuesday", 1)),
			http.StatusBadRequest, `"field":"occurred_at"`, "RFC 3339"),
		{
			Name: "an unknown source is a 404 naming it", Method: http.MethodPost, URL: "/hooks/moments/nobody",
			Body: strings.NewReader(promoter), ExpectedStatus: http.StatusNotFound,
			ExpectedContent: []string{`"field":"source"`, "no source is named nobody"},
			AfterTestFunc:   both(expectWritten(0, 0, 0), expectDeliveries()),
		},
	}
	for _, s := range scenarios {
		if s.TestAppFactory == nil {
			s.TestAppFactory = withMappedSource
		}
		s.Test(t)
	}
}
