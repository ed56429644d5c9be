package hooks_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/asks"
	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

func newCustomer(t *testing.T, app core.App, email string, fields map[string]any) *core.Record {
	t.Helper()
	return testapp.Customer(t, app, "Test Person", email, fields)
}

func newMoment(t *testing.T, app core.App, customer, kind string, score int) *core.Record {
	t.Helper()
	coll, _ := app.FindCollectionByNameOrId("moments")
	m := core.NewRecord(coll)
	m.Set("customer", customer)
	m.Set("kind", kind)
	m.Set("score", score)
	m.Set("source", "test")
	m.Set("occurred_at", time.Now())
	if err := app.Save(m); err != nil {
		t.Fatal(err)
	}
	// the after-create hook has run: read the decision it wrote
	m, _ = app.FindRecordById("moments", m.Id)
	return m
}

func countAsks(t *testing.T, app core.App, customer string) int {
	t.Helper()
	n, err := app.CountRecords("asks", dbx.HashExp{"customer": customer})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestEachDecisionIsRecordedOnTheMoment(t *testing.T) {
	now := time.Now().UTC()
	cases := []struct {
		name     string
		customer map[string]any
		openAsk  bool
		kind     string
		score    int
		want     string
		asks     int
	}{
		{"promoter is asked", nil, false, "nps", 9, "asked", 1},
		{"renewal is asked", nil, false, "renewal", 0, "asked", 1},
		{"passive is below the threshold", nil, false, "nps", 8, "below_threshold", 0},
		{"opted-out customer is not asked", map[string]any{"opted_out": true}, false, "support_win", 0, "opted_out", 0},
		{"customer asked 3 days ago is in the cooldown", map[string]any{"last_asked_at": now.Add(-72 * time.Hour)}, false, "renewal", 0, "cooldown", 0},
		{"customer with an unanswered ask of the cycle is not asked again",
			map[string]any{"last_asked_at": now.Add(-30 * 24 * time.Hour), "next_ask_at": now.Add(12 * 24 * time.Hour), "touch": 1},
			true, "renewal", 0, "open_ask", 1},
		{"customer whose cycle ended is asked again",
			map[string]any{"last_asked_at": now.Add(-100 * 24 * time.Hour), "touch": 3},
			true, "nps", 10, "asked", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := testapp.New(t)
			cust := newCustomer(t, app, "p@acme.example", c.customer)
			if c.openAsk {
				asks, _ := app.FindCollectionByNameOrId("asks")
				a := core.NewRecord(asks)
				a.Set("customer", cust.Id)
				a.Set("touch", 1)
				a.Set("status", "sent")
				if err := app.Save(a); err != nil {
					t.Fatal(err)
				}
			}
			m := newMoment(t, app, cust.Id, c.kind, c.score)
			if got := m.GetString("decision"); got != c.want {
				t.Errorf("decision = %q, want %q", got, c.want)
			}
			if got := countAsks(t, app, cust.Id); got != c.asks {
				t.Errorf("%d asks, want %d", got, c.asks)
			}
		})
	}
}

func TestAskIsWrittenWithItsEmailAndTheCustomersCadenceState(t *testing.T) {
	app := testapp.New(t)
	cust := newCustomer(t, app, "ana@acme.example", map[string]any{"name": "Ana Lima"})
	m := newMoment(t, app, cust.Id, "nps", 10)

	ask, err := app.FindFirstRecordByData("asks", "moment", m.Id)
	if err != nil {
		t.Fatal("no ask for the promoter's moment")
	}
	if ask.GetString("status") != "queued" || ask.GetInt("touch") != 1 || len(ask.GetString("token")) < 22 ||
		ask.GetString("incentive") == "" || ask.GetString("variant") == "" || ask.GetString("cadence") != "balanced" {
		t.Errorf("ask %v is not a queued first touch with token, incentive, variant and cadence", ask.FieldsData())
	}
	mail, err := app.FindFirstRecordByData("outbox", "ask", ask.Id)
	if err != nil {
		t.Fatal("no outbox email for the ask")
	}
	// the subject is the drawn variant's, filled in
	subject := mail.GetString("subject")
	if mail.GetString("to") != "ana@acme.example" || mail.GetString("status") != "pending" ||
		subject == "" || strings.Contains(subject, "{{") || !(strings.Contains(subject, "Ana") || strings.Contains(subject, "Acme")) {
		t.Errorf("outbox row %v", mail.FieldsData())
	}
	cust, _ = app.FindRecordById("customers", cust.Id)
	if cust.GetDateTime("last_asked_at").IsZero() || cust.GetInt("touch") != 1 {
		t.Errorf("customer not marked as asked: %v", cust.FieldsData())
	}
	gap := cust.GetDateTime("next_ask_at").Time().Sub(cust.GetDateTime("last_asked_at").Time())
	if gap < 41*24*time.Hour || gap > 43*24*time.Hour {
		t.Errorf("next touch %v after the ask, want the balanced 42 days", gap)
	}
}

func TestDecidingTwiceNeverAsksTwice(t *testing.T) {
	app := testapp.New(t)
	cust := newCustomer(t, app, "ana@acme.example", nil)
	m := newMoment(t, app, cust.Id, "renewal", 0)
	d, err := asks.DecideMoment(app, m, time.Now())
	if err != nil || d != "asked" {
		t.Fatalf("second decision %q, %v", d, err)
	}
	if n := countAsks(t, app, cust.Id); n != 1 {
		t.Errorf("%d asks after deciding twice, want 1", n)
	}
}

func TestRESTMomentByCustomerEmail(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	scenarios := []tests.ApiScenario{
		{
			Name: "an integration that knows only the email creates the customer and the moment", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"New.Person@Globex.example","customer_name":"New Person","customer_company":"Globex","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"kind":"renewal"`, `"source":"api"`},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				c, err := app.FindFirstRecordByData("customers", "email", "new.person@globex.example")
				if err != nil || c.GetString("source") != "import" || c.GetString("company") != "Globex" {
					t.Fatalf("customer not created from the email: %v", err)
				}
				m, _ := app.FindFirstRecordByData("moments", "customer", c.Id)
				if m == nil || m.GetString("decision") != "asked" {
					t.Errorf("the moment did not fire the rule: %v", m)
				}
			},
		},
		{
			Name: "a moment the API refuses leaves no customer behind", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"ghost@globex.example","kind":"nps","score":14}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"score"`},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if _, err := app.FindFirstRecordByData("customers", "email", "ghost@globex.example"); err == nil {
					t.Error("the refused moment left a customer behind")
				}
			},
		},
		{
			Name: "a malformed customer_email is refused", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"nope","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"customer_email"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "an unknown kind is refused", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"x@globex.example","kind":"birthday"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"kind"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "an nps moment without its score is refused, naming the score", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"quiet@globex.example","kind":"nps"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"score"`, "needs its score"},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords("moments"); n != 0 {
					t.Errorf("%d moments written for a refused answer", n)
				}
			},
		},
		{
			Name: "an nps moment with a score of 0 is a detractor's answer, not a missing one", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"grumpy@globex.example","kind":"nps","score":0}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"score":0`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a guest cannot post moments", Method: http.MethodPost,
			URL:            "/api/collections/moments/records",
			Body:           strings.NewReader(`{"customer_email":"x@globex.example","kind":"renewal"}`),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
			TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestRESTMomentRefusesMalformedEmailsAndImpossibleDatesNamingTheField(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	nothingWritten := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, _ := app.CountRecords("moments"); n != 0 {
			t.Errorf("%d moments written", n)
		}
		if n, _ := app.CountRecords("customers"); n != 0 {
			t.Errorf("%d customers written", n)
		}
	}
	post := func(name, body, field string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/api/collections/moments/records",
			Body: strings.NewReader(body), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"` + field + `":{"code":"validation_`}, TestAppFactory: testapp.Bare, AfterTestFunc: nothingWritten,
		}
	}
	tomorrowAndABit := time.Now().UTC().Add(26 * time.Hour).Format("2006-01-02 15:04:05.000Z")
	scenarios := []tests.ApiScenario{
		post("customer_email with an IP literal is a 400 naming customer_email",
			`{"customer_email":"a@[127.0.0.1]","kind":"renewal"}`, "customer_email"),
		post("customer_email with a display name is a 400 naming customer_email",
			`{"customer_email":"Ana <ana@globex.example>","kind":"renewal"}`, "customer_email"),
		post("occurred_at 9999-12-31 is a 400 naming occurred_at",
			`{"customer_email":"ana@globex.example","kind":"renewal","occurred_at":"9999-12-31 00:00:00.000Z"}`, "occurred_at"),
		post("occurred_at before 2000 is a 400 naming occurred_at",
			`{"customer_email":"ana@globex.example","kind":"renewal","occurred_at":"1999-12-31 23:59:59.000Z"}`, "occurred_at"),
		post("occurred_at over a day ahead is a 400 naming occurred_at",
			`{"customer_email":"ana@globex.example","kind":"renewal","occurred_at":"`+tomorrowAndABit+`"}`, "occurred_at"),
		{
			Name: "occurred_at on 2000-01-01 is accepted", Method: http.MethodPost, URL: "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"ana@globex.example","kind":"renewal","occurred_at":"2000-01-01 00:00:00.000Z"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"occurred_at":"2000-01-01 00:00:00.000Z"`},
			TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestAMomentsDateIsCheckedOnUpdateAndItsCommentCleanedOnEveryPath(t *testing.T) {
	app := testapp.New(t)
	c := newCustomer(t, app, "ana@globex.example", nil)
	m := newMoment(t, app, c.Id, "renewal", 0)
	m.Set("occurred_at", "9999-12-31 00:00:00.000Z")
	err := app.Save(m)
	var errs validation.Errors
	if !errors.As(err, &errs) || errs["occurred_at"] == nil {
		t.Errorf("moving a moment to 9999 saved or failed otherwise: %v", err)
	}
	// A moment written before the rule keeps its date through later saves.
	if _, err := app.DB().Update("moments", dbx.Params{"occurred_at": "1990-05-01 00:00:00.000Z"}, dbx.HashExp{"id": m.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	m, _ = app.FindRecordById("moments", m.Id)
	m.Set("comment", "Renewed\x00 early\r\nfor two \u202eyears")
	if err := app.Save(m); err != nil {
		t.Fatal(err)
	}
	if got := m.GetString("comment"); got != "Renewed early\nfor two years" {
		t.Errorf("comment stored as %q", got)
	}
}

func TestRESTMomentTakesTheCustomersLocaleInItsOneForm(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	locale := func(email, want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			c, err := app.FindFirstRecordByData("customers", "email", email)
			if err != nil {
				t.Fatalf("no customer %s: %v", email, err)
			}
			if got := c.GetString("locale"); got != want {
				t.Errorf("%s has locale %q, want %q", email, got, want)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "customer_locale gives a new customer their language, written in its one form", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"lea@wien.example","customer_locale":"de_at","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			AfterTestFunc: locale("lea@wien.example", "de-AT"),
		},
		{
			Name: "a malformed customer_locale is not stored: the customer reads the program's default", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"odd@globex.example","customer_locale":"<b>klingon</b>","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			AfterTestFunc: locale("odd@globex.example", ""),
		},
		{
			Name: "a known customer without a language takes the one sent", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"known@globex.example","customer_locale":"nl","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				testapp.Customer(t, app, "Known", "known@globex.example", nil)
				return app
			},
			AfterTestFunc: locale("known@globex.example", "nl"),
		},
		{
			Name: "a customer's own language is kept over the one sent", Method: http.MethodPost,
			URL:     "/api/collections/moments/records",
			Body:    strings.NewReader(`{"customer_email":"fran@globex.example","customer_locale":"es","kind":"renewal"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				testapp.Customer(t, app, "Fran", "fran@globex.example", map[string]any{"locale": "fr"})
				return app
			},
			AfterTestFunc: locale("fran@globex.example", "fr"),
		},
	}
	for _, s := range scenarios {
		s.ExpectedContent = []string{`"kind":"renewal"`, `"source":"api"`}
		s.Test(t)
	}
}
