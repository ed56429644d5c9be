package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// customerStill fails the test unless customer id has these field values.
func customerStill(id string, fields map[string]string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := app.FindRecordById("customers", id)
		if err != nil {
			t.Fatalf("customer %s: %v", id, err)
		}
		for f, want := range fields {
			if got := c.GetString(f); got != want {
				t.Errorf("%s = %q, want %q", f, got, want)
			}
		}
	}
}

// rowsLeft fails the test unless each table has the given number of rows.
func rowsLeft(want map[string]int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		for table, n := range want {
			if got, _ := app.CountRecords(table); int(got) != n {
				t.Errorf("%d %s, want %d", got, table, n)
			}
		}
	}
}

// checks runs several checks after a scenario.
func checks(all ...func(testing.TB, *tests.TestApp, *http.Response)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		for _, c := range all {
			c(t, app, res)
		}
	}
}

func TestDashboardCustomerEdit(t *testing.T) {
	edit := "/dashboard/customers/" + anaID + "/details/edit"
	scenarios := []tests.ApiScenario{
		{
			Name: "the edit form shows the customer's name, email, company and title", Method: http.MethodGet, URL: edit,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{"Edit Ana Lima", `value="ana@northwind.example"`, `value="Northwind"`, `action="` + edit + `"`, "Save changes"},
			NotExpectedContent: []string{`id="source"`},
		},
		{
			Name: "an edit is saved, the email in its canonical form, and the detail opens", Method: http.MethodPost, URL: edit,
			Body:    webtest.Form(url.Values{"name": {"Ana Lima-Costa"}, "email": {" Ana@Northwind.Example "}, "company": {"Northwind Ltd"}, "title": {"COO"}}),
			Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: customerStill(anaID, map[string]string{"name": "Ana Lima-Costa", "email": "ana@northwind.example", "company": "Northwind Ltd", "title": "COO"}),
		},
		{
			Name: "another customer's email is refused, what was typed is kept and nothing is saved", Method: http.MethodPost, URL: edit,
			Body:    webtest.Form(url.Values{"name": {"Ana Typed"}, "email": {"CARA@corvid.example"}, "company": {"Typed Co"}}),
			Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{"Another customer has this email already.", `value="Ana Typed"`, `value="CARA@corvid.example"`, `value="Typed Co"`,
				`aria-describedby="email-error"`, "Edit Ana Lima"},
			AfterTestFunc: customerStill(anaID, map[string]string{"name": "Ana Lima", "email": "ana@northwind.example", "company": "Northwind"}),
		},
		{
			Name: "an empty name is refused beside its field", Method: http.MethodPost, URL: edit,
			Body:    webtest.Form(url.Values{"name": {""}, "email": {"ana@northwind.example"}}),
			Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{"Enter the customer&#39;s name.", `id="name-error"`},
			AfterTestFunc:   customerStill(anaID, map[string]string{"name": "Ana Lima"}),
		},
		{
			Name: "a cross-site edit is refused and changes nothing", Method: http.MethodPost, URL: edit,
			Body:    webtest.Form(url.Values{"name": {"Mallory"}, "email": {"mallory@evil.example"}}),
			Headers: customersPost("Sec-Fetch-Site", "cross-site"), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"}, TestAppFactory: customersApp,
			AfterTestFunc: customerStill(anaID, map[string]string{"name": "Ana Lima", "email": "ana@northwind.example"}),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardCustomerDelete(t *testing.T) {
	del := "/dashboard/customers/" + anaID + "/delete"
	scenarios := []tests.ApiScenario{
		{
			Name: "deleting asks first, naming the customer and counting what goes with them", Method: http.MethodPost, URL: del,
			Headers: customersPost(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"<h1>Delete Ana Lima?</h1>", "ana@northwind.example", "<li>1 moment</li>", "<li>1 ask</li>",
				"<li>1 referral they made", "<li>1 reward</li>", `name="confirm" value="yes"`, "Delete this customer"},
			AfterTestFunc: rowsLeft(map[string]int{"customers": 4, "moments": 1, "referrals": 1}),
		},
		{
			Name: "a confirmed delete removes the customer, their moments and the referrals they made, and nobody else", Method: http.MethodPost, URL: del,
			Body: webtest.Form(url.Values{"confirm": {"yes"}}), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: checks(rowsLeft(map[string]int{"customers": 3, "moments": 0, "referrals": 0}),
				customerStill(danID, map[string]string{"name": "Dan Reyes", "referred_by": ""})),
		},
		{
			Name: "a cross-site delete is refused and deletes nothing", Method: http.MethodPost, URL: del,
			Body: webtest.Form(url.Values{"confirm": {"yes"}}), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"}, TestAppFactory: customersApp,
			AfterTestFunc: rowsLeft(map[string]int{"customers": 4, "moments": 1, "referrals": 1}),
		},
		{
			Name: "deleting nobody is a 404", Method: http.MethodPost, URL: "/dashboard/customers/nobody/delete",
			Body: webtest.Form(url.Values{"confirm": {"yes"}}), Headers: customersPost(), ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"}, TestAppFactory: customersApp,
			AfterTestFunc: customerCount(4),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardCustomerBulkActions(t *testing.T) {
	const bulk = "/dashboard/customers/bulk"
	back := "/dashboard/customers?source=direct"
	post := func(action string, extra url.Values, ids ...string) *strings.Reader {
		v := url.Values{"action": {action}, "back": {back}, "id": ids}
		for k, vs := range extra {
			v[k] = vs
		}
		return webtest.Form(v)
	}
	tagged := func(id, want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return customerStill(id, map[string]string{"tags": want})
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "the list has a checkbox per customer, a select-all and one action bar", Method: http.MethodGet, URL: "/dashboard/customers",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{`<form id="bulk" method="post" action="/dashboard/customers/bulk"`, `data-select-all="id"`,
				`name="id" value="` + anaID + `"`, `<option value="optout">`, `<option value="tag">`, `<option value="delete">`,
				`href="/dashboard/customers/export.csv"`},
		},
		{
			Name: "bulk opt-out opts out the ticked customers and returns to the filtered list", Method: http.MethodPost, URL: bulk,
			Body: post("optout", nil, anaID, freshID), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: checks(optedOut(anaID, true), optedOut(freshID, true), optedOut(danID, false),
				func(t testing.TB, _ *tests.TestApp, res *http.Response) {
					if loc := res.Header.Get("Location"); loc != back+"&notice=optout_many" {
						t.Errorf("sent to %q", loc)
					}
				}),
		},
		{
			Name: "bulk tag puts the cleaned tag on the ticked customers, and the list shows and filters by it", Method: http.MethodPost, URL: bulk,
			Body: post("tag", url.Values{"tag": {" Pilot "}}, anaID, danID), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: checks(tagged(anaID, `["pilot"]`), tagged(danID, `["pilot"]`), tagged(freshID, `[]`)),
		},
		{
			Name: "a tag too long is refused with the ticked customers still ticked and the tag kept", Method: http.MethodPost, URL: bulk,
			Body: post("tag", url.Values{"tag": {strings.Repeat("t", 31)}}, anaID), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{"Keep a tag under 31 characters.", `id="pick-` + anaID + `" aria-label="Tick Ana Lima" checked`,
				`value="` + strings.Repeat("t", 31) + `"`},
			NotExpectedContent: []string{`id="pick-` + freshID + `" aria-label="Tick Fresh Start" checked`},
			AfterTestFunc:      tagged(anaID, "[]"),
		},
		{
			Name: "an action with nobody ticked is refused and changes nothing", Method: http.MethodPost, URL: bulk,
			Body: post("optout", nil), Headers: customersPost(), ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent: []string{"Tick at least one customer"},
			AfterTestFunc:   optedOut(anaID, false),
		},
		{
			Name: "bulk delete asks first, with the counts of what goes with the ticked customers", Method: http.MethodPost, URL: bulk,
			Body: post("delete", nil, anaID, freshID), Headers: customersPost(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{"Delete 2 customers?", "<li>Ana Lima, ana@northwind.example</li>", "<li>Fresh Start, fresh@fernhill.example</li>",
				"<li>1 moment</li>", "<li>1 referral they made", "Delete 2 customers</button>", `name="back" value="` + "/dashboard/customers?source=direct"},
			AfterTestFunc: customerCount(4),
		},
		{
			Name: "a confirmed bulk delete deletes the ticked customers and nobody else", Method: http.MethodPost, URL: bulk,
			Body: post("delete", url.Values{"confirm": {"yes"}}, anaID, freshID), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: checks(rowsLeft(map[string]int{"customers": 2, "moments": 0}), customerStill(caraID, map[string]string{"name": "Cara Diaz"})),
		},
		{
			Name: "a cross-site bulk delete is refused and deletes nothing", Method: http.MethodPost, URL: bulk,
			Body: post("delete", url.Values{"confirm": {"yes"}}, anaID, freshID), Headers: customersPost("Sec-Fetch-Site", "cross-site"),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"}, TestAppFactory: customersApp, AfterTestFunc: customerCount(4),
		},
		{
			Name: "a back address off the list is not followed", Method: http.MethodPost, URL: bulk,
			Body:    webtest.Form(url.Values{"action": {"optout"}, "id": {anaID}, "back": {"https://evil.example/"}}),
			Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); loc != "/dashboard/customers?notice=optout_many" {
					t.Errorf("sent to %q", loc)
				}
			},
		},
		{
			Name: "a customer's page shows their tags, each a link to the list filtered by it", Method: http.MethodGet, URL: "/dashboard/customers/" + danID,
			Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := customersApp(t)
				c, _ := app.FindRecordById("customers", danID)
				c.Set("tags", []string{"pilot"})
				if err := app.Save(c); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent: []string{`<dt>Tags</dt><dd><a class="pill tag" href="/dashboard/customers?tag=pilot">pilot</a>`},
		},
		{
			Name: "the list filters by tag and shows each customer's tags", Method: http.MethodGet, URL: "/dashboard/customers?tag=pilot",
			Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := customersApp(t)
				c, _ := app.FindRecordById("customers", danID)
				c.Set("tags", []string{"pilot"})
				if err := app.Save(c); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent:    []string{"Dan Reyes", `<span class="pill tag">pilot</span>`, `<option value="pilot" selected>`, `href="/dashboard/customers/export.csv?tag=pilot"`},
			NotExpectedContent: []string{"Ana Lima", "Fresh Start"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardCustomerExportIsTheFilteredListAsCSVWithFormulasDefused(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "the export streams the list's current filter with a header row", Method: http.MethodGet,
			URL: "/dashboard/customers/export.csv?state=opted_out", Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: customersApp,
			ExpectedContent: []string{"id,created,name,email,company,title,source,source_detail,opted_out,tags,referrals\n",
				caraID + ",", ",Cara Diaz,cara@corvid.example,,,import,,true,,0\n"},
			NotExpectedContent: []string{"Ana Lima", "Dan Reyes", "<html"},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" || !strings.Contains(res.Header.Get("Content-Disposition"), `filename="customers-`) {
					t.Errorf("Content-Type %q, Content-Disposition %q", ct, res.Header.Get("Content-Disposition"))
				}
			},
		},
		{
			Name: "a cell a spreadsheet would run as a formula is quoted", Method: http.MethodGet,
			URL: "/dashboard/customers/export.csv?q=evil", Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := customersApp(t)
				testapp.Customer(t, app, "=HYPERLINK(\"http://evil.example\")", "evil@evil.example", map[string]any{"company": "+Evil", "title": "@boss"})
				return app
			},
			ExpectedContent:    []string{`"'=HYPERLINK(""http://evil.example"")",evil@evil.example,'+Evil,'@boss,direct`},
			NotExpectedContent: []string{`,=HYPERLINK`, ",+Evil"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardCustomerPickerOffersMatchingCustomersAsAListbox(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "the moment form's customer field is a combobox that asks the picker as it is typed", Method: http.MethodGet,
			URL: "/dashboard/moments/new", Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{`role="combobox"`, `aria-controls="customer-options"`, `hx-get="/dashboard/customers/pick"`,
				`<ul id="customer-options" class="picker-options" role="listbox" aria-label="Matching customers" hidden>`, `name="email"`},
		},
		{
			Name: "typing part of a company lists its customers as options carrying their email", Method: http.MethodGet,
			URL: "/dashboard/customers/pick?email=north", Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{`<div id="customer-picks">`, `role="option"`, `data-value="ana@northwind.example"`, "Ana Lima", "1 customer matches."},
			NotExpectedContent: []string{"<html", "Cara Diaz", " hidden>"},
		},
		{
			Name: "nothing typed lists nobody", Method: http.MethodGet,
			URL: "/dashboard/customers/pick?email=", Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent:    []string{`role="listbox" aria-label="Matching customers" hidden>`},
			NotExpectedContent: []string{`role="option"`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// importJobID is the fixed id of importedApp's import.
const importJobID = "importjob000001"

// importedApp is the customers fixture after an import that created Hana,
// Ivan and Jo (Ana was there already); Jo has since had a moment.
func importedApp(t testing.TB) *tests.TestApp {
	app := customersApp(t)
	testapp.Save(t, app, "imports", map[string]any{"id": importJobID, "kind": "customers", "file": "people.csv", "status": "done",
		"total": 4, "done": 4, "created_count": 3, "skipped_count": 1})
	for _, p := range [][2]string{{"Hana Hart", "hana@harbor.example"}, {"Ivan Ito", "ivan@ironwood.example"}, {"Jo Jones", "jo@juniper.example"}} {
		testapp.Customer(t, app, p[0], p[1], map[string]any{"source": "import", "import": importJobID})
	}
	jo, _ := app.FindFirstRecordByData("customers", "email", "jo@juniper.example")
	testapp.Save(t, app, "moments", map[string]any{"customer": jo.Id, "kind": "renewal", "source": "api", "external_id": "jo-1", "occurred_at": "2026-01-02 10:00:00.000Z"})
	return app
}

func TestDashboardUndoImportDeletesWhatItCreatedShownWithItsCountFirst(t *testing.T) {
	undo := "/dashboard/customers/import/" + importJobID + "/undo"
	scenarios := []tests.ApiScenario{
		{
			Name: "the import's page offers the undo", Method: http.MethodGet, URL: "/dashboard/customers/import/" + importJobID,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: importedApp,
			ExpectedContent: []string{`href="` + undo + `">Undo this import…</a>`},
		},
		{
			Name: "the undo page counts the customers it deletes and lists those it keeps, with why", Method: http.MethodGet, URL: undo,
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: importedApp,
			ExpectedContent: []string{`<strong>2 customers</strong> this import created are deleted`, "Kept (1)", "Jo Jones", "had a moment or an ask",
				"Delete 2 customers</button>"},
			NotExpectedContent: []string{"Ana Lima", "Hana Hart"},
			AfterTestFunc:      customerCount(7),
		},
		{
			Name: "a confirmed undo deletes the customers the import created but those kept, and says so on the import", Method: http.MethodPost, URL: undo,
			Headers: customersPost(), ExpectedStatus: http.StatusSeeOther, TestAppFactory: importedApp,
			AfterTestFunc: checks(customerCount(5), customerStill(anaID, map[string]string{"name": "Ana Lima"}),
				func(t testing.TB, app *tests.TestApp, res *http.Response) {
					if loc := res.Header.Get("Location"); loc != "/dashboard/customers/import/"+importJobID+"?notice=undone" {
						t.Errorf("sent to %q", loc)
					}
					job, err := intake.FindImport(app, importJobID)
					if err != nil || job.UndoneCount != 2 || job.Undone.IsZero() {
						t.Errorf("the import records %+v, %v", job, err)
					}
					if _, err := app.FindFirstRecordByData("customers", "email", "jo@juniper.example"); err != nil {
						t.Errorf("Jo, kept, was deleted: %v", err)
					}
				}),
		},
		{
			Name: "an import undone already is not undone again", Method: http.MethodPost, URL: undo,
			Headers: customersPost(), ExpectedStatus: http.StatusConflict, ExpectedContent: []string{"this import was undone already"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := importedApp(t)
				if _, err := intake.UndoImport(app, importJobID); err != nil {
					t.Fatal(err)
				}
				return app
			},
			AfterTestFunc: customerCount(5),
		},
		{
			Name: "a cross-site undo is refused and deletes nothing", Method: http.MethodPost, URL: undo,
			Headers: customersPost("Sec-Fetch-Site", "cross-site"), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"}, TestAppFactory: importedApp,
			AfterTestFunc: customerCount(7),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
