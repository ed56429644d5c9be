package public_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

func TestPublicPages(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "home page renders from the layout with the vendored htmx", Method: http.MethodGet, URL: "/",
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<script src="/static/vendor/htmx.min.js"`, `<link rel="stylesheet" href="/static/app.css">`,
				`hx-get="/status"`, "Your referral program is running", "Acme",
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "home page shows no program data to a guest", Method: http.MethodGet, URL: "/",
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"Sign in"},
			NotExpectedContent: []string{"referrals@example.com", "pipeline_value"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "status fragment answers htmx with the partial only", Method: http.MethodGet, URL: "/status",
			Headers:            map[string]string{"HX-Request": "true"},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`<ul class="status">`, "Database: ok", "no SMTP yet"},
			NotExpectedContent: []string{"<html"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "status without htmx is a whole page", Method: http.MethodGet, URL: "/status",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"<html", "<h1>System status</h1>", "Database: ok"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "vendored htmx is served from the embedded files", Method: http.MethodGet, URL: "/static/vendor/htmx.min.js",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"htmx"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "stylesheet is served", Method: http.MethodGet, URL: "/static/app.css",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"--accent"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "the page script is served", Method: http.MethodGet, URL: "/static/app.js",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"data-copy", "htmx:afterSwap"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "unknown static file is a 404", Method: http.MethodGet, URL: "/static/nope.js",
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{"404"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "unknown URL gets the friendly 404 page", Method: http.MethodGet, URL: "/no/such/page",
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{"<html", "This page isn", "Go to the home page"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "PocketBase's API still answers beside the catch-all", Method: http.MethodGet, URL: "/api/health",
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"message":"API is healthy."`},
			TestAppFactory:  testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
