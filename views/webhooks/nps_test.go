package webhooks_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

const npsSecret = "nps-test-secret"

var bearer = map[string]string{"Authorization": "Bearer " + npsSecret}

// withSecret is a test app whose settings carry the NPS shared secret.
func withSecret(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("nps_secret", npsSecret)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return app
}

// withoutSecret is a test app whose NPS secret was cleared (a new install
// has one made for it).
func withoutSecret(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("nps_secret", "")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return app
}

func sign(body string) string {
	mac := hmac.New(sha256.New, []byte(npsSecret))
	mac.Write([]byte(body))
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// rows counts rows of a table in the app after a scenario.
func rows(t testing.TB, app *tests.TestApp, table string) int {
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + table).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// expectWritten checks how many moments, asks and outbox rows a scenario left.
func expectWritten(moments, asks, outbox int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if got := rows(t, app, "moments"); got != moments {
			t.Errorf("%d moments, want %d", got, moments)
		}
		if got := rows(t, app, "asks"); got != asks {
			t.Errorf("%d asks, want %d", got, asks)
		}
		if got := rows(t, app, "outbox"); got != outbox {
			t.Errorf("%d outbox rows, want %d", got, outbox)
		}
	}
}

func generic(score string) string {
	return `{"email":"Ana.Lima@Northwind.example","name":"Ana Lima","company":"Northwind","score":` + score +
		`,"comment":"Great support","id":"resp-1","occurred_at":"2026-11-20T10:00:00Z"}`
}

func TestGenericNPSWebhook(t *testing.T) {
	promoter := generic("10")
	scenarios := []tests.ApiScenario{
		{
			Name: "promoter creates the customer, the moment, an ask and its email", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter), Headers: bearer,
			ExpectedStatus:  http.StatusCreated,
			ExpectedContent: []string{`"decision":"asked"`, `"duplicate":false`},
			TestAppFactory:  withSecret,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectWritten(1, 1, 1)(t, app, res)
				c, err := app.FindFirstRecordByData("customers", "email", "ana.lima@northwind.example")
				if err != nil {
					t.Fatal("the unknown email did not become a customer")
				}
				if c.GetString("source") != "import" || c.GetString("company") != "Northwind" || c.GetDateTime("next_ask_at").IsZero() {
					t.Errorf("customer %v: want source import, the company, and enrolment in the cadence", c.FieldsData())
				}
				ask, _ := app.FindFirstRecordByFilter("asks", "")
				mail, _ := app.FindFirstRecordByFilter("outbox", "")
				if ask.GetString("status") != "queued" || len(ask.GetString("token")) < 22 || mail.GetString("to") != "ana.lima@northwind.example" || mail.GetString("ask") != ask.Id {
					t.Errorf("ask %v / email %v not as expected", ask.FieldsData(), mail.FieldsData())
				}
			},
		},
		{
			Name: "passive is recorded but not asked", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(generic("8")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"below_threshold"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(1, 0, 0),
		},
		{
			Name: "detractor is recorded but not asked", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(generic("2")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"below_threshold"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(1, 0, 0),
		},
		{
			Name: "a body signed with HMAC-SHA256 is accepted", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter),
			Headers:        map[string]string{"X-Warmloop-Signature": sign(promoter)},
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`},
			TestAppFactory: withSecret,
		},
		{
			Name: "a token in the query is accepted for tools without headers", Method: http.MethodPost,
			URL: "/hooks/nps/generic?token=" + npsSecret, Body: strings.NewReader(promoter),
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`}, TestAppFactory: withSecret,
		},
		{
			Name: "missing secret is refused and nothing is written", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter),
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"missing or wrong secret"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "wrong bearer is refused", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter),
			Headers:        map[string]string{"Authorization": "Bearer nope"},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"missing or wrong secret"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "a signature of another body is refused", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter),
			Headers:        map[string]string{"X-Warmloop-Signature": sign(generic("9"))},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"missing or wrong secret"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "with the secret cleared every webhook is refused", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(promoter), Headers: map[string]string{"Authorization": "Bearer "},
			ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{"nps_secret"},
			TestAppFactory: withoutSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "unknown provider is a 404 naming the provider", Method: http.MethodPost,
			URL: "/hooks/nps/surveymonkey", Body: strings.NewReader(promoter), Headers: bearer,
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{`"field":"provider"`, "surveymonkey"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
		{
			Name: "a body over 64 KiB is refused", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(`{"comment":"` + strings.Repeat("x", 70000) + `"}`), Headers: bearer,
			ExpectedStatus: http.StatusRequestEntityTooLarge, ExpectedContent: []string{"64 KiB"},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		},
	}
	bad := []struct{ name, body, field string }{
		{"malformed JSON", `{"email":`, "body"},
		{"missing email", `{"score":9,"id":"x"}`, "email"},
		{"invalid email", `{"email":"not-an-email","score":9,"id":"x"}`, "email"},
		{"score above 10", `{"email":"a@b.example","score":11,"id":"x"}`, "score"},
		{"negative score", `{"email":"a@b.example","score":-1,"id":"x"}`, "score"},
		{"fractional score", `{"email":"a@b.example","score":9.5,"id":"x"}`, "score"},
		{"score as words", `{"email":"a@b.example","score":"nine","id":"x"}`, "score"},
		{"missing score", `{"email":"a@b.example","id":"x"}`, "score"},
		{"missing id", `{"email":"a@b.example","score":9}`, "id"},
		{"bad occurred_at", `{"email":"a@b.example","score":9,"id":"x","occurred_at":"yesterday"}`, "occurred_at"},
	}
	for _, b := range bad {
		scenarios = append(scenarios, tests.ApiScenario{
			Name: b.name + " is a 400 naming " + b.field + ", nothing written", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(b.body), Headers: bearer,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"field":"` + b.field + `"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(0, 0, 0),
		})
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func post(t *testing.T, url, body string) int {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+npsSecret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

func TestDuplicateDeliveryCreatesOneMomentAndOneAsk(t *testing.T) {
	app := withSecret(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	for i, want := range []int{http.StatusCreated, http.StatusOK, http.StatusOK} {
		if got := post(t, srv.URL+"/hooks/nps/generic", generic("10")); got != want {
			t.Errorf("delivery %d answered %d, want %d", i+1, got, want)
		}
	}
	expectWritten(1, 1, 1)(t, app, nil)
}

func TestConcurrentDuplicateDeliveriesCreateOneMomentAndOneAsk(t *testing.T) {
	app := withSecret(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	var wg sync.WaitGroup
	codes := make([]int, 10)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = post(t, srv.URL+"/hooks/nps/generic", generic("10"))
		}()
	}
	wg.Wait()
	created := 0
	for _, c := range codes {
		switch c {
		case http.StatusCreated:
			created++
		case http.StatusOK:
		default:
			t.Errorf("a delivery answered %d", c)
		}
	}
	if created != 1 {
		t.Errorf("%d deliveries answered 201, want exactly 1 (codes %v)", created, codes)
	}
	expectWritten(1, 1, 1)(t, app, nil)
}
