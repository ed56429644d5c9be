package dashboard_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// Fixed ids of the customers fixture, so scenarios can name them in URLs.
const (
	anaID   = "ana000000000001" // a promoter, asked, who referred Ben and earned a reward
	caraID  = "cara00000000001" // imported, opted out
	danID   = "dan000000000001" // came by Ana's referral
	freshID = "fresh0000000001" // never had a moment
	momID   = "mom000000000001" // Ana's NPS 10
)

// customersSession signs in as the test superuser.
func customersSession() map[string]string {
	return map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
}

// customersPost is a signed-in form post, with extra headers.
func customersPost(extra ...string) map[string]string {
	h := customersSession()
	h["Content-Type"] = "application/x-www-form-urlencoded"
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = extra[i+1]
	}
	return h
}

// customersApp is a program with four customers: Ana (a promoter who was
// asked, referred Ben and earned a reward), Cara (imported, opted out), Dan
// (referred by Ana) and Fresh (nothing yet).
func customersApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"id": anaID, "company": "Northwind"})
	testapp.Save(t, app, "moments", map[string]any{
		"id": momID, "customer": ana.Id, "kind": "nps", "score": 10, "comment": "Love it",
		"source": "api", "occurred_at": time.Now().UTC(),
	})
	ref := testapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Ben Okafor", "referee_email": "ben@bluepeak.example",
		"referee_company": "Bluepeak", "status": "invited", "channel": "landing", "pipeline_value": 12000,
	})
	testapp.Customer(t, app, "Cara Diaz", "cara@corvid.example", map[string]any{"id": caraID, "source": "import", "opted_out": true})
	testapp.Customer(t, app, "Dan Reyes", "dan@drumlin.example", map[string]any{"id": danID, "source": "referral", "referred_by": ref.Id})
	testapp.Customer(t, app, "Fresh Start", "fresh@fernhill.example", map[string]any{"id": freshID})
	return app
}

// customerCount fails the test unless there are want customers.
func customerCount(want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, _ := app.CountRecords("customers"); int(n) != want {
			t.Errorf("%d customers, want %d", n, want)
		}
	}
}

// optedOut fails the test unless customer id's opt-out is want.
func optedOut(id string, want bool) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := app.FindRecordById("customers", id)
		if err != nil {
			t.Fatal(err)
		}
		if c.GetBool("opted_out") != want {
			t.Errorf("opted_out = %v, want %v", c.GetBool("opted_out"), want)
		}
		if want && !c.GetDateTime("next_ask_at").IsZero() {
			t.Errorf("an opted-out customer still has a next ask at %v", c.GetDateTime("next_ask_at"))
		}
	}
}

func TestDashboardCustomers(t *testing.T) {
	newCustomer := url.Values{"name": {"Gus Green"}, "email": {"gus@granite.example"}, "company": {"Granite"}, "source": {"direct"}}
	scenarios := []tests.ApiScenario{
		// Guests see nothing and change nothing.
		{
			Name: "guest cannot list customers", Method: http.MethodGet, URL: "/dashboard/customers",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Fcustomers"),
		},
		{
			Name: "guest cannot open the add form", Method: http.MethodGet, URL: "/dashboard/customers/new",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
		},
		{
			Name: "guest cannot read a customer", Method: http.MethodGet, URL: "/dashboard/customers/" + anaID,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
		},
		{
			Name: "guest cannot add a customer", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(newCustomer), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp, AfterTestFunc: customerCount(4),
		},
		{
			Name: "guest cannot opt a customer out", Method: http.MethodPost, URL: "/dashboard/customers/" + anaID + "/optout",
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: optedOut(anaID, false),
		},
		{
			Name: "guest cannot opt a customer back in", Method: http.MethodPost, URL: "/dashboard/customers/" + caraID + "/optin",
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: optedOut(caraID, true),
		},

		// The list.
		{
			Name:   "admin lists customers newest first with their source, referrals and status",
			Method: http.MethodGet, URL: "/dashboard/customers", Headers: customersSession(),
			ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{
				"<h1>Customers</h1>", "Add customer", "Import CSV", "Record a moment",
				"Fresh Start", "Ana Lima", "Northwind", "cara@corvid.example", `<span class="pill opted_out">Opted out</span>`,
				`<span class="pill info">In cadence</span>`, `<td class="num">1</td>`, "4 in all",
				`href="/dashboard/customers/` + anaID + `"`,
			},
		},
		{
			Name: "search finds a customer by email", Method: http.MethodGet, URL: "/dashboard/customers?q=cara%40corvid",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{"Cara Diaz", `value="cara@corvid"`},
			NotExpectedContent: []string{"Ana Lima", "Dan Reyes"},
		},
		{
			Name: "search finds a customer by company", Method: http.MethodGet, URL: "/dashboard/customers?q=northwind",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Ana Lima"}, NotExpectedContent: []string{"Cara Diaz"},
		},
		{
			Name: "search takes an underscore literally", Method: http.MethodGet, URL: "/dashboard/customers?q=fresh_",
			Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := customersApp(t)
				testapp.Customer(t, app, "Under Score", "fresh_start@under.example", nil)
				return app
			},
			ExpectedContent: []string{"Under Score"}, NotExpectedContent: []string{"Fresh Start"},
		},
		{
			Name: "search that matches nobody says so", Method: http.MethodGet, URL: "/dashboard/customers?q=nobody%40nowhere",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"No customers match"}, NotExpectedContent: []string{"Ana Lima", "Cara Diaz"},
		},
		{
			Name: "state filter shows only opted-out customers", Method: http.MethodGet, URL: "/dashboard/customers?state=opted_out",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{"Cara Diaz", `<option value="opted_out" selected>`},
			NotExpectedContent: []string{"Ana Lima", "Fresh Start"},
		},
		{
			Name: "can-be-asked filter leaves out opted-out customers", Method: http.MethodGet, URL: "/dashboard/customers?state=askable",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Ana Lima", "Fresh Start"}, NotExpectedContent: []string{"Cara Diaz"},
		},
		{
			Name: "referred-someone filter shows referrers only", Method: http.MethodGet, URL: "/dashboard/customers?state=referred",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Ana Lima"}, NotExpectedContent: []string{"Cara Diaz", "Dan Reyes", "Fresh Start"},
		},
		{
			Name: "source filter shows imported customers only", Method: http.MethodGet, URL: "/dashboard/customers?source=import",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Cara Diaz"}, NotExpectedContent: []string{"Ana Lima", "Dan Reyes"},
		},
		{
			Name: "a long list is paginated 25 a page", Method: http.MethodGet, URL: "/dashboard/customers?page=2&state=askable",
			Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := customersApp(t)
				for i := range 30 {
					testapp.Customer(t, app, fmt.Sprintf("Bulk %02d", i), fmt.Sprintf("bulk%02d@many.example", i), nil)
				}
				return app
			},
			// 33 can be asked; the newest 25 are on page 1, the oldest (the fixture) on page 2.
			ExpectedContent:    []string{"26–33 of 33", "page 2 of 2", "Ana Lima", `rel="prev"`, "state=askable"},
			NotExpectedContent: []string{"Bulk 29"},
		},
		{
			Name: "an empty program says how customers arrive", Method: http.MethodGet, URL: "/dashboard/customers",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{"No customers yet.", `href="/dashboard/customers/import"`},
		},

		// Adding one.
		{
			Name: "add form defaults the source to direct", Method: http.MethodGet, URL: "/dashboard/customers/new",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Add a customer", `<label for="email">Email</label>`, `<option value="direct" selected>Direct</option>`},
		},
		{
			Name: "adding without an email says so beside the field and keeps the rest", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(withValue(newCustomer, "email", "")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{`<p class="field-error" id="email-error">Enter the customer&#39;s email address.</p>`,
				`aria-describedby="email-error"`, `value="Gus Green"`, `value="Granite"`},
			AfterTestFunc: customerCount(4),
		},
		{
			Name: "adding with an invalid email is refused and keeps what was typed", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(withValue(newCustomer, "email", "gus at granite")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{"This is not an email address.", `value="gus at granite"`, `aria-invalid="true"`},
			AfterTestFunc:   customerCount(4),
		},
		{
			Name: "adding an email that is already a customer is refused, whatever its case", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(withValue(newCustomer, "email", "ANA@Northwind.example")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{`id="email-error">A customer with this email already exists.`, `value="ANA@Northwind.example"`},
			AfterTestFunc:   customerCount(4),
		},
		{
			Name: "adding without a name is refused", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(withValue(newCustomer, "name", "")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{`id="name-error">Enter the customer&#39;s name.`, `value="gus@granite.example"`},
			AfterTestFunc:   customerCount(4),
		},
		{
			Name: "adding with an unknown source is refused", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(withValue(newCustomer, "source", "partner")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{`id="source-error">Choose where the customer came from.`},
			AfterTestFunc:   customerCount(4),
		},
		{
			Name: "adding a customer opens their page", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(newCustomer), Headers: customersPost(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				c, err := app.FindFirstRecordByData("customers", "email", "gus@granite.example")
				if err != nil {
					t.Fatal(err)
				}
				if c.GetString("name") != "Gus Green" || c.GetString("company") != "Granite" || c.GetString("source") != "direct" || c.GetString("referral_code") == "" {
					t.Errorf("saved %v", c.FieldsData())
				}
				if loc := res.Header.Get("Location"); loc != "/dashboard/customers/"+c.Id+"?notice=created" {
					t.Errorf("redirected to %q", loc)
				}
			},
		},
		{
			Name: "cross-site add is refused", Method: http.MethodPost, URL: "/dashboard/customers/new",
			Body: webtest.Form(newCustomer), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: customersApp, AfterTestFunc: customerCount(4),
		},

		// The detail.
		{
			Name:   "detail shows a customer's facts, moments, asks, referrals and rewards",
			Method: http.MethodGet, URL: "/dashboard/customers/" + anaID + "?notice=created", Headers: customersSession(),
			ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{
				"<h1>Ana Lima", "Created.", "ana@northwind.example", "Referral code", "Touches this cycle",
				"Moments (1)", "NPS answer", "Love it", `<span class="pill asked">Asked</span>`, "An ask email was queued",
				"Asks (1)", `<span class="pill queued">queued</span>`,
				"Referrals made (1)", "Ben Okafor, Bluepeak", "12,000",
				"Rewards (1)", "First introduction",
				`action="/dashboard/customers/` + anaID + `/optout"`, "Record a happy moment", `name="email" value="ana@northwind.example"`,
			},
		},
		{
			Name: "detail names who referred a customer", Method: http.MethodGet, URL: "/dashboard/customers/" + danID,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Referred by", `<a href="/dashboard/customers/` + anaID + `">Ana Lima</a>`,
				"No moments yet.", "Not asked yet.", "No referrals yet.", "No rewards yet."},
		},
		{
			Name: "detail of an opted-out customer offers to opt back in", Method: http.MethodGet, URL: "/dashboard/customers/" + caraID,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{"Opt back in", `action="/dashboard/customers/` + caraID + `/optin"`, "Opted out: never asked again"},
			NotExpectedContent: []string{"/optout"},
		},
		{
			Name: "detail of an unknown customer is not found", Method: http.MethodGet, URL: "/dashboard/customers/nosuchcustomer1",
			Headers: customersSession(), ExpectedStatus: http.StatusNotFound, TestAppFactory: customersApp,
			ExpectedContent: []string{"That record does not exist"},
		},

		// Opting out and back in.
		{
			Name: "opting out stops the cadence and says so", Method: http.MethodPost, URL: "/dashboard/customers/" + anaID + "/optout",
			Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				optedOut(anaID, true)(t, app, res)
				expectHeader("Location", "/dashboard/customers/"+anaID+"?notice=optout")(t, app, res)
			},
		},
		{
			Name: "opting back in clears the opt-out", Method: http.MethodPost, URL: "/dashboard/customers/" + caraID + "/optin",
			Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				optedOut(caraID, false)(t, app, res)
				expectHeader("Location", "/dashboard/customers/"+caraID+"?notice=optin")(t, app, res)
			},
		},
		{
			Name: "opting out an unknown customer is not found", Method: http.MethodPost, URL: "/dashboard/customers/nosuchcustomer1/optout",
			Headers: customersPost(), ExpectedStatus: http.StatusNotFound, TestAppFactory: customersApp,
			ExpectedContent: []string{"That record does not exist"},
		},
		{
			Name: "cross-site opt-out is refused", Method: http.MethodPost, URL: "/dashboard/customers/" + anaID + "/optout",
			Headers: customersPost("Sec-Fetch-Site", "cross-site"), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"}, TestAppFactory: customersApp,
			AfterTestFunc: optedOut(anaID, false),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardCustomersOptOutStopsAsks(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Ivy Ito", "ivy@ironwood.example", map[string]any{"id": "ivy000000000001"})
	(&tests.ApiScenario{
		Name: "opt out", Method: http.MethodPost, URL: "/dashboard/customers/" + c.Id + "/optout",
		Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
		TestAppFactory: func(testing.TB) *tests.TestApp { return app }, DisableTestAppCleanup: true,
	}).Test(t)
	m := testapp.Save(t, app, "moments", map[string]any{
		"customer": c.Id, "kind": "nps", "score": 10, "source": "api", "occurred_at": time.Now().UTC(),
	})
	m, _ = app.FindRecordById("moments", m.Id)
	if d := m.GetString("decision"); d != "opted_out" {
		t.Errorf("a promoter moment after the dashboard opt-out was decided %q, want opted_out", d)
	}
	if n, _ := app.CountRecords("asks"); n != 0 {
		t.Errorf("%d asks for an opted-out customer", n)
	}
}
