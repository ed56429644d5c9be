package public_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

// signedIn is what a signed-in administrator's browser sends.
func signedIn() map[string]string {
	return map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
}

func TestPublicPages(t *testing.T) {
	admin := signedIn()
	scenarios := []tests.ApiScenario{
		{
			Name: "a guest at the home page sees the company's name, that nothing is here, and a way to sign in", Method: http.MethodGet, URL: "/",
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<script src="/static/vendor/htmx.min.js"`, `<link rel="stylesheet" href="/static/app.css">`,
				"<h1>Acme</h1>", "There is nothing to see here.", `<a href="/dashboard/login">Sign in</a>`,
			},
			NotExpectedContent: []string{
				`hx-get="/status"`, "System status", "Your referral program is running", `aria-label="Main"`,
				`href="/dashboard/customers"`, `href="/_/"`, "referrals@example.com",
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a signed-in administrator at the home page sees the system status and the navigation", Method: http.MethodGet, URL: "/",
			Headers:        admin,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`hx-get="/status"`, "System status", "Your referral program is running", `aria-label="Main"`,
				`href="/dashboard/customers"`, `href="/_/"`,
			},
			NotExpectedContent: []string{"There is nothing to see here."},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "a superuser's API token counts as signed in too", Method: http.MethodGet, URL: "/",
			Headers:         map[string]string{"Authorization": testapp.SuperuserToken},
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"System status"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a forged session cookie is a guest", Method: http.MethodGet, URL: "/",
			Headers:            map[string]string{"Cookie": "warmloop_session=not-a-token"},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"There is nothing to see here."},
			NotExpectedContent: []string{"System status"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "a guest asking for the status gets the 404 page", Method: http.MethodGet, URL: "/status",
			ExpectedStatus:     http.StatusNotFound,
			ExpectedContent:    []string{"This page isn"},
			NotExpectedContent: []string{"Database", "SMTP"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "a guest's htmx status poll gets nothing of the status either", Method: http.MethodGet, URL: "/status",
			Headers:            map[string]string{"HX-Request": "true"},
			ExpectedStatus:     http.StatusNotFound,
			NotExpectedContent: []string{"Database", "SMTP"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "status fragment answers an administrator's htmx with the partial only", Method: http.MethodGet, URL: "/status",
			Headers:            map[string]string{"HX-Request": "true", "Cookie": admin["Cookie"]},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`<ul class="status">`, "Database: ok", "no SMTP yet"},
			NotExpectedContent: []string{"<html"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "status without htmx is a whole page for an administrator", Method: http.MethodGet, URL: "/status",
			Headers:         admin,
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
			Name: "a guest at an unknown URL gets the friendly 404 page with no button to a home that holds nothing for them", Method: http.MethodGet, URL: "/no/such/page",
			ExpectedStatus:     http.StatusNotFound,
			ExpectedContent:    []string{"<html", "This page isn"},
			NotExpectedContent: []string{`class="button"`, "Go to the home page", `href="/dashboard"`, `aria-label="Main"`},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "a signed-in administrator at an unknown URL gets a button to the dashboard", Method: http.MethodGet, URL: "/no/such/page",
			Headers:         admin,
			ExpectedStatus:  http.StatusNotFound,
			ExpectedContent: []string{"This page isn", `<a class="button" href="/dashboard">Go to the dashboard</a>`, `aria-label="Main"`},
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
