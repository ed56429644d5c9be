package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"
	"warmloop/tests/webtest"

	"github.com/pocketbase/pocketbase/tests"
)

// momentCount fails the test unless customer id has want moments.
func momentCount(id string, want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		moments, err := app.FindAllRecords("moments")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range moments {
			if m.GetString("customer") == id {
				n++
			}
		}
		if n != want {
			t.Errorf("%d moments for %s, want %d", n, id, want)
		}
	}
}

// recordedMoment checks the moment a successful post made: the redirect to
// the customer's page naming it, the rule's decision, and whether an ask
// came of it.
func recordedMoment(customerID, decision string, asked bool) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		moments, err := app.FindRecordsByFilter("moments", "customer = {:c} && source = 'dashboard'", "", 0, 0, map[string]any{"c": customerID})
		if err != nil || len(moments) != 1 {
			t.Fatalf("%d dashboard moments for %s (%v), want 1", len(moments), customerID, err)
		}
		m := moments[0]
		if loc := res.Header.Get("Location"); loc != "/dashboard/customers/"+customerID+"?moment="+m.Id+"&notice=moment" {
			t.Errorf("redirected to %q", loc)
		}
		if m.GetString("decision") != decision {
			t.Errorf("the rule decided %q, want %q", m.GetString("decision"), decision)
		}
		asks, _ := app.FindRecordsByFilter("asks", "moment = {:m}", "", 0, 0, map[string]any{"m": m.Id})
		if asked != (len(asks) == 1) {
			t.Errorf("%d asks for the moment, want asked = %v", len(asks), asked)
		}
		if asked {
			queued, _ := app.FindRecordsByFilter("outbox", "ask = {:a}", "", 0, 0, map[string]any{"a": asks[0].Id})
			if len(queued) != 1 {
				t.Errorf("the ask has %d outbox emails, want 1", len(queued))
			}
		}
	}
}

func TestDashboardMoments(t *testing.T) {
	promoter := url.Values{"email": {"fresh@fernhill.example"}, "kind": {"nps"}, "score": {"9"}, "comment": {"Great onboarding"}}
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot open the moment form", Method: http.MethodGet, URL: "/dashboard/moments/new",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Fmoments%2Fnew"),
		},
		{
			Name: "guest cannot record a moment", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(promoter), Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
		{
			Name: "admin sees the moment form with the schema's kinds", Method: http.MethodGet, URL: "/dashboard/moments/new",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Record a happy moment", `<option value="nps" selected>NPS answer</option>`,
				`<option value="support_win">Support win</option>`, `<label for="score">`, `<label for="comment">`},
		},
		{
			Name: "the form opened for a customer names them and fills their email", Method: http.MethodGet,
			URL: "/dashboard/moments/new?customer=" + freshID, Headers: customersSession(),
			ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"for Fresh Start", `value="fresh@fernhill.example"`},
		},
		{
			Name: "the form for an unknown customer is not found", Method: http.MethodGet,
			URL: "/dashboard/moments/new?customer=nosuchcustomer1", Headers: customersSession(),
			ExpectedStatus: http.StatusNotFound, TestAppFactory: customersApp,
			ExpectedContent: []string{"That record does not exist"},
		},
		{
			Name: "a moment without an email is refused", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "email", "")), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="email-error">Enter the customer&#39;s email address.`, `value="9"`, "Great onboarding"},
			TestAppFactory:  customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
		{
			Name: "a moment for an email that is not a customer is refused and keeps what was typed", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(withValue(promoter, "email", "stranger@nowhere.example")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="email-error">No customer has this email.`, `value="stranger@nowhere.example"`,
				`aria-describedby="email-hint email-error"`, "Great onboarding"},
			TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n, _ := app.CountRecords("customers"); n != 4 {
					t.Errorf("%d customers: a refused moment created one", n)
				}
				momentCount(freshID, 0)(t, app, res)
			},
		},
		{
			Name: "an NPS answer needs a score", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "score", "")), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="score-error">Enter the NPS score, a whole number from 0 to 10.`, `value="fresh@fernhill.example"`},
			TestAppFactory:  customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
		{
			Name: "a score above 10 is refused", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "score", "11")), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="score-error">The score must be a whole number from 0 to 10.`, `value="11"`},
			TestAppFactory:  customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
		{
			Name: "an unknown kind is refused", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "kind", "birthday")), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="kind-error">Choose what kind of moment it was.`},
			TestAppFactory:  customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
		{
			Name: "a promoter score on a fresh customer fires an ask", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(promoter), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp, AfterTestFunc: recordedMoment(freshID, "asked", true),
		},
		{
			Name: "a renewal needs no score and fires an ask", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(url.Values{"email": {"FRESH@fernhill.example"}, "kind": {"renewal"}}), Headers: customersPost(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp, AfterTestFunc: recordedMoment(freshID, "asked", true),
		},
		{
			Name: "a detractor score is recorded without an ask", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "score", "3")), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp, AfterTestFunc: recordedMoment(freshID, "below_threshold", false),
		},
		{
			Name: "a promoter who was just asked is not asked again", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "email", "ana@northwind.example")), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp, AfterTestFunc: recordedMoment(anaID, "cooldown", false),
		},
		{
			Name: "an opted-out customer's moment is recorded without an ask", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(withValue(promoter, "email", "cara@corvid.example")), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp, AfterTestFunc: recordedMoment(caraID, "opted_out", false),
		},
		{
			Name: "the customer's page says what the rule decided for the new moment", Method: http.MethodGet,
			URL: "/dashboard/customers/" + anaID + "?moment=" + momID + "&notice=moment", Headers: customersSession(),
			ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Moment recorded.", "What the rule decided for this NPS answer", "An ask email was queued to the customer."},
		},
		{
			Name: "cross-site moment is refused", Method: http.MethodPost, URL: "/dashboard/moments/new",
			Body: webtest.Form(promoter), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: customersApp, AfterTestFunc: momentCount(freshID, 0),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
