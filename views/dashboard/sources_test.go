package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// srcAcme is the id of the source sourcesApp holds.
const srcAcme = "srcacmetest0001"

// sourcesApp is an app with the renewal source "acme-billing" (?token=).
func sourcesApp(t testing.TB) *tests.TestApp {
	app := testapp.New(t)
	testapp.Save(t, app, "sources", map[string]any{"id": srcAcme, "name": "acme-billing", "kind": "renewal",
		"email_pointer": "/customer/email", "external_id_pointer": "/id", "auth": "token", "secret": "keep-me-secret"})
	return app
}

// sourceForm is a complete nps source form with fields replaced by over.
func sourceForm(over url.Values) url.Values {
	v := url.Values{
		"name": {"acme-survey"}, "kind": {"nps"}, "email_pointer": {"/data/email"}, "score_pointer": {"/data/score"},
		"external_id_pointer": {"/data/id"}, "auth": {"hmac"}, "auth_header": {"X-Sig"}, "hmac_encoding": {"hex"}, "secret": {"s3cret"},
	}
	for k, vals := range over {
		v[k] = vals
	}
	return v
}

// sourceCount checks how many sources there are after a scenario.
func sourceCount(want int64) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, _ := app.CountRecords("sources"); n != want {
			t.Errorf("%d sources, want %d", n, want)
		}
	}
}

func TestDashboardSources(t *testing.T) {
	sample := `{"data":{"email":"Ana@Northwind.example","score":9,"id":"r-9"}}`
	scenarios := []tests.ApiScenario{
		{
			Name: "the list shows each source's exact URL", Method: http.MethodGet, URL: "/dashboard/sources",
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"acme-billing", "/hooks/moments/acme-billing?token=&lt;the secret&gt;", "none yet"},
		},
		{
			Name: "a source is added from the form", Method: http.MethodPost, URL: "/dashboard/sources/new",
			Headers: progSessionForm(), Body: webtest.Form(sourceForm(nil)), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: sourceCount(2),
		},
		{
			Name: "a refused source keeps what was typed and names the field", Method: http.MethodPost, URL: "/dashboard/sources/new",
			Headers: progSessionForm(), Body: webtest.Form(sourceForm(url.Values{"email_pointer": {"data.email"}})),
			ExpectedStatus:     http.StatusUnprocessableEntity,
			ExpectedContent:    []string{`value="data.email"`, `value="/data/score"`, "A JSON pointer starts with a slash"},
			NotExpectedContent: []string{"s3cret"},
			AfterTestFunc:      sourceCount(1),
		},
		{
			Name: "the edit page never shows the secret", Method: http.MethodGet, URL: "/dashboard/sources/" + srcAcme,
			Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"A secret is set and never shown", "Nothing has arrived yet"},
			NotExpectedContent: []string{"keep-me-secret"},
		},
		{
			Name: "saving with the secret left empty keeps the stored one", Method: http.MethodPost, URL: "/dashboard/sources/" + srcAcme,
			Headers: progSessionForm(), Body: webtest.Form(url.Values{"name": {"acme-billing"}, "kind": {"renewal"},
				"email_pointer": {"/customer/email"}, "external_id_pointer": {"/invoice"}, "auth": {"token"}, "secret": {""}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				progExpectRecord("sources", srcAcme, "secret", "keep-me-secret")(t, app, res)
				progExpectRecord("sources", srcAcme, "external_id_pointer", "/invoice")(t, app, res)
			},
		},
		{
			Name: "a preview shows the moment and the ask rule's decision and writes nothing", Method: http.MethodPost,
			URL: "/dashboard/sources/preview", Headers: progSessionForm(),
			Body:            webtest.Form(sourceForm(url.Values{"sample": {sample}, "secret": {""}, "name": {""}})),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"This delivery would make this moment", "ana@northwind.example", "r-9", `id="preview-decision">Ask: an ask email would be queued`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				for _, table := range []string{"customers", "moments", "asks", "source_deliveries"} {
					if n, _ := app.CountRecords(table); n != 0 {
						t.Errorf("the preview wrote %d %s", n, table)
					}
				}
			},
		},
		{
			Name: "a preview of a sample without the email says it would be refused", Method: http.MethodPost,
			URL: "/dashboard/sources/preview", Headers: progSessionForm(),
			Body:            webtest.Form(sourceForm(url.Values{"sample": {`{"data":{"score":9,"id":"r-9"}}`}})),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"This delivery would be refused", "email: nothing at /data/email"},
		},
		{
			Name: "a source is deleted", Method: http.MethodPost, URL: "/dashboard/sources/" + srcAcme + "/delete",
			Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther, AfterTestFunc: sourceCount(0),
		},
		{
			Name: "a cross-site post adds nothing", Method: http.MethodPost, URL: "/dashboard/sources/new",
			Headers: progCrossSite(), Body: webtest.Form(sourceForm(nil)), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"},
			AfterTestFunc:   sourceCount(1),
		},
		{
			Name: "a guest is sent to sign in", Method: http.MethodGet, URL: "/dashboard/sources",
			ExpectedStatus: http.StatusSeeOther,
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = sourcesApp
		s.Test(t)
	}
}

func TestDashboardSourcePreviewTellsARepeatAndAnIncompleteSource(t *testing.T) {
	repeat := `{"customer":{"email":"ana@northwind.example"},"id":"inv-1"}`
	scenarios := []tests.ApiScenario{
		{
			Name: "a sample whose external id the source recorded is previewed as a repeat", Method: http.MethodPost,
			URL: "/dashboard/sources/preview", Headers: progSessionForm(),
			Body: webtest.Form(url.Values{"name": {"acme-billing"}, "kind": {"renewal"}, "email_pointer": {"/customer/email"},
				"external_id_pointer": {"/id"}, "auth": {"token"}, "sample": {repeat}}),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"This delivery repeats a moment already recorded", "inv-1"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := sourcesApp(t)
				ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
				testapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "renewal", "source": "acme-billing",
					"external_id": "inv-1", "occurred_at": "2026-11-20 10:00:00.000Z"})
				return app
			},
		},
		{
			Name: "a source without its email pointer is named in the preview", Method: http.MethodPost,
			URL: "/dashboard/sources/preview", Headers: progSessionForm(),
			Body:            webtest.Form(sourceForm(url.Values{"email_pointer": {""}, "sample": {repeat}})),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"The source is not complete yet", "Email: Required: a JSON pointer"},
			TestAppFactory:  sourcesApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
