package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
)

// customerLocale fails the test unless customer id's stored language is want.
func customerLocale(id, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := app.FindRecordById("customers", id)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.GetString("locale"); got != want {
			t.Errorf("the customer's language is %q, want %q", got, want)
		}
	}
}

// customersAppAnaReadsFrench is customersApp with Ana's language set to French.
func customersAppAnaReadsFrench(t testing.TB) *tests.TestApp {
	app := customersApp(t)
	if _, err := app.DB().NewQuery("UPDATE customers SET locale = 'fr' WHERE id = {:id}").Bind(map[string]any{"id": anaID}).Execute(); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestTheMomentFormsLanguage(t *testing.T) {
	promoter := url.Values{"email": {"fresh@fernhill.example"}, "kind": {"nps"}, "score": {"9"}, "locale": {"de"}}
	scenarios := []tests.ApiScenario{
		{
			Name: "the form offers the program's default, chosen, and the shipped languages", Method: http.MethodGet,
			URL: "/dashboard/moments/new", Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: customersApp,
			ExpectedContent: []string{`<select id="locale" name="locale"`, `<option value="" selected>The program&#39;s default`,
				`<option value="de">`, `<option value="fr">`, `<option value="es">`, `<option value="nl">`, `<option value="en">`},
		},
		{
			Name: "a language chosen for a customer who has none is stored, and their ask is written in it", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(promoter), Headers: customersPost(), ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				recordedMoment(freshID, "asked", true)(t, app, res)
				customerLocale(freshID, "de")(t, app, res)
				asks, err := app.FindRecordsByFilter("asks", "customer = {:c}", "", 0, 0, map[string]any{"c": freshID})
				if err != nil || len(asks) != 1 {
					t.Fatalf("%d asks (%v), want 1", len(asks), err)
				}
				if got := asks[0].GetString("locale"); got != "de" {
					t.Errorf("the ask is written in %q, want de", got)
				}
			},
		},
		{
			Name: "the program's default leaves the customer without a language of their own", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(withValue(promoter, "locale", "")), Headers: customersPost(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				recordedMoment(freshID, "asked", true)(t, app, res)
				customerLocale(freshID, "")(t, app, res)
			},
		},
		{
			Name: "a customer who has a language keeps it, as with a tool's", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(withValue(promoter, "email", "ana@northwind.example")), Headers: customersPost(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: customersAppAnaReadsFrench,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				recordedMoment(anaID, "cooldown", false)(t, app, res)
				customerLocale(anaID, "fr")(t, app, res)
			},
		},
		{
			Name: "a language the list does not offer is refused and nothing is written", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(withValue(promoter, "locale", "xx-<b>")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent:    []string{`id="locale-error">Choose a language from the list, or the program&#39;s default.`, `value="9"`},
			NotExpectedContent: []string{"<b>"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				momentCount(freshID, 0)(t, app, res)
				customerLocale(freshID, "")(t, app, res)
			},
		},
		{
			Name: "a half-filled form keeps the chosen language and stores nothing", Method: http.MethodPost,
			URL: "/dashboard/moments/new", Body: webtest.Form(withValue(promoter, "score", "")), Headers: customersPost(),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: customersApp,
			ExpectedContent:    []string{`id="score-error">`, `<option value="de" selected>`},
			NotExpectedContent: []string{`<option value="" selected>`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				momentCount(freshID, 0)(t, app, res)
				customerLocale(freshID, "")(t, app, res)
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
