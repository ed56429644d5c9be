package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/privacy"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// leaRefID is Ana's referral of Lea, a referee who is no customer.
const leaRefID = "learef000000001"

// privacyApp is the customers fixture plus Ana's referral of Lea Stone.
func privacyApp(t testing.TB) *tests.TestApp {
	app := customersApp(t)
	testapp.Save(t, app, "referrals", map[string]any{
		"id": leaRefID, "referrer": anaID, "referee_name": "Lea Stone", "referee_email": "lea@larch.example",
		"referee_company": "Larch", "message": "Lea, meet Acme.", "status": "invited", "channel": "landing",
	})
	return app
}

// privacyAppErased is privacyApp after Ana was erased.
func privacyAppErased(t testing.TB) *tests.TestApp {
	app := privacyApp(t)
	if _, err := privacy.Erase(app, "ana@northwind.example"); err != nil {
		t.Fatal(err)
	}
	return app
}

// confirm is the erase form with the typed confirmation.
func confirm(email string) *strings.Reader { return webtest.Form(url.Values{"confirm": {email}}) }

// named fails the test unless the record of coll with id has field = want.
func named(coll, id, field, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById(coll, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.GetString(field); got != want {
			t.Errorf("%s %s: %s = %q, want %q", coll, id, field, got, want)
		}
	}
}

// both runs two checks.
func both(a, b func(testing.TB, *tests.TestApp, *http.Response)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		a(t, app, res)
		b(t, app, res)
	}
}

func TestDashboardPrivacyCustomer(t *testing.T) {
	base := "/dashboard/customers/" + anaID + "/privacy"
	anaKept := named("customers", anaID, "name", "Ana Lima")
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot download a customer's data", Method: http.MethodGet, URL: base + "/export",
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"@"}, TestAppFactory: privacyApp,
		},
		{
			Name: "guest cannot erase a customer", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("ana@northwind.example"), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: privacyApp, AfterTestFunc: anaKept,
		},
		{
			Name: "customer page offers the export and the erasure", Method: http.MethodGet, URL: "/dashboard/customers/" + anaID,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{`href="` + base + `/export" download>Export this person&#39;s data`, `href="` + base + `/erase">Erase this person`},
		},
		{
			Name: "erase page says what is stored and asks for the email", Method: http.MethodGet, URL: base + "/erase",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{"<h1>Erase Ana Lima</h1>", "ana@northwind.example", "What is stored about them",
				"<dt>Referrals they made</dt><dd>2</dd>", "<dt>Happy moments</dt><dd>1</dd>", `action="` + base + `/erase"`,
				"Type their email address to confirm", "This cannot be undone"},
		},
		{
			Name: "export downloads one JSON file of everything about the customer", Method: http.MethodGet, URL: base + "/export",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{`"email":"ana@northwind.example"`, `"name":"Ana Lima"`, `"referee_name":"Ben Okafor"`, `"comment":"Love it"`},
			AfterTestFunc: both(expectHeader("Content-Disposition", `attachment; filename="warmloop-customer-`+anaID+`.json"`),
				expectHeader("Content-Type", "application/json; charset=utf-8")),
		},
		{
			Name: "a mistyped confirmation erases nothing and keeps what was typed", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("ana@northwind.exampl"), Headers: customersPost(),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Type the address exactly as it is shown above", `value="ana@northwind.exampl"`, `aria-invalid="true"`},
			TestAppFactory:  privacyApp, AfterTestFunc: anaKept,
		},
		{
			Name: "an empty confirmation erases nothing", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm(""), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Nothing was erased"}, TestAppFactory: privacyApp, AfterTestFunc: anaKept,
		},
		{
			Name: "cross-site erase is refused", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("ana@northwind.example"), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: privacyApp, AfterTestFunc: anaKept,
		},
		{
			Name: "the confirmed erasure erases the customer and goes back saying so", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm(" ANA@northwind.example"), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: privacyApp,
			AfterTestFunc: both(named("customers", anaID, "name", privacy.ErasedName),
				expectHeader("Location", "/dashboard/customers/"+anaID+"?notice=erased")),
		},
		{
			Name: "an erased customer's page says so and offers no second erasure", Method: http.MethodGet,
			URL: "/dashboard/customers/" + anaID + "?notice=erased", Headers: customersSession(),
			ExpectedStatus: http.StatusOK, TestAppFactory: privacyAppErased,
			ExpectedContent:    []string{"Erased: their name, address and words are gone", "<h1>Erased"},
			NotExpectedContent: []string{"Ana Lima", "northwind", base + "/erase"},
		},
		{
			Name: "the erase page of an erased customer has no form", Method: http.MethodGet, URL: base + "/erase",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyAppErased,
			ExpectedContent: []string{"has been erased already"}, NotExpectedContent: []string{`name="confirm"`},
		},
		{
			Name: "erasing an unknown customer is not found", Method: http.MethodPost, URL: "/dashboard/customers/nosuchcustomer1/privacy/erase",
			Body: confirm("ana@northwind.example"), Headers: customersPost(), ExpectedStatus: http.StatusNotFound,
			ExpectedContent: []string{"That record does not exist"}, TestAppFactory: privacyApp, AfterTestFunc: anaKept,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardPrivacyReferee(t *testing.T) {
	base := "/dashboard/referrals/" + leaRefID + "/privacy"
	leaKept := named("referrals", leaRefID, "referee_name", "Lea Stone")
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot erase a referee", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("lea@larch.example"), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: privacyApp, AfterTestFunc: leaKept,
		},
		{
			Name: "each referral row offers to erase its referee", Method: http.MethodGet, URL: "/dashboard/referrals?view=table",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{`href="` + base + `/erase">Erase this referee`},
		},
		{
			Name: "referee erase page names the referee and what is stored", Method: http.MethodGet, URL: base + "/erase",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{"<h1>Erase Lea Stone</h1>", "lea@larch.example, introduced in a referral",
				"<dt>Customer record</dt><dd>No</dd>", "<dt>Referrals of them</dt><dd>1</dd>", `action="` + base + `/erase"`},
		},
		{
			Name: "referee export downloads their referral", Method: http.MethodGet, URL: base + "/export",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: privacyApp,
			ExpectedContent: []string{`"email":"lea@larch.example"`, `"customer":null`, `"referee_name":"Lea Stone"`},
		},
		{
			Name: "a confirmation with another address erases nothing", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("ana@northwind.example"), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Type the address exactly"}, TestAppFactory: privacyApp, AfterTestFunc: leaKept,
		},
		{
			Name: "cross-site referee erase is refused", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("lea@larch.example"), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: privacyApp, AfterTestFunc: leaKept,
		},
		{
			Name: "the confirmed erasure erases the referee only", Method: http.MethodPost, URL: base + "/erase",
			Body: confirm("lea@larch.example"), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: privacyApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				named("referrals", leaRefID, "referee_name", privacy.ErasedName)(t, app, res)
				named("referrals", leaRefID, "message", "")(t, app, res)
				named("customers", anaID, "name", "Ana Lima")(t, app, res)
				expectHeader("Location", "/dashboard/referrals?view=table&notice=erased")(t, app, res)
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
