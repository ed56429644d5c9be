package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

func TestDashboardAccess(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	withDemo := func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		if _, err := demo.Seed(app, time.Now()); err != nil {
			t.Fatal(err)
		}
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "guest is sent to the login page", Method: http.MethodGet, URL: "/dashboard",
			ExpectedStatus: http.StatusSeeOther, ExpectedContent: nil,
			AfterTestFunc:  expectHeader("Location", "/dashboard/login?next=%2Fdashboard"),
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "guest sees no figures", Method: http.MethodGet, URL: "/dashboard?days=30",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: withDemo,
		},
		{
			Name: "htmx request from a guest is redirected by header", Method: http.MethodGet, URL: "/dashboard",
			Headers:        map[string]string{"HX-Request": "true"},
			ExpectedStatus: http.StatusUnauthorized,
			AfterTestFunc:  expectHeader("HX-Redirect", "/dashboard/login?next=%2Fdashboard"),
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "login page shows the form, and no administrator navigation to a guest", Method: http.MethodGet, URL: "/dashboard/login",
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`name="email"`, `name="password"`, `<label for="email">`},
			NotExpectedContent: []string{`href="/dashboard/customers"`, `href="/dashboard/settings"`, `aria-label="Main"`},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "empty login says what to fill in", Method: http.MethodPost, URL: "/dashboard/login",
			Body: webtest.Form(url.Values{"email": {"someone@x.example"}}), Headers: webtest.FormHeader,
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Enter your email and password.", `value="someone@x.example"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "wrong password is refused and keeps the email", Method: http.MethodPost, URL: "/dashboard/login",
			Body: webtest.Form(url.Values{"email": {testapp.SuperuserEmail}, "password": {"wrong"}}), Headers: webtest.FormHeader,
			ExpectedStatus:     http.StatusUnauthorized,
			ExpectedContent:    []string{"do not match", `value="` + testapp.SuperuserEmail + `"`},
			NotExpectedContent: []string{"warmloop_session"},
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "right password starts a session cookie for every path and goes to next", Method: http.MethodPost, URL: "/dashboard/login",
			Body:    webtest.Form(url.Values{"email": {testapp.SuperuserEmail}, "password": {"a-long-test-password"}, "next": {"/dashboard?days=90"}}),
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); loc != "/dashboard?days=90" {
					t.Errorf("redirected to %q", loc)
				}
				c := res.Header.Get("Set-Cookie")
				for _, want := range []string{"warmloop_session=", "HttpOnly", "SameSite=Lax", "Path=/;", "Max-Age="} {
					if !strings.Contains(c, want) {
						t.Errorf("session cookie %q lacks %q", c, want)
					}
				}
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "login never redirects off the dashboard", Method: http.MethodPost, URL: "/dashboard/login",
			Body:    webtest.Form(url.Values{"email": {testapp.SuperuserEmail}, "password": {"a-long-test-password"}, "next": {"https://evil.example/"}}),
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  expectHeader("Location", "/dashboard"),
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "cross-site login post is refused", Method: http.MethodPost, URL: "/dashboard/login",
			Body:            webtest.Form(url.Values{"email": {testapp.SuperuserEmail}, "password": {"a-long-test-password"}}),
			Headers:         map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			ExpectedStatus:  http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a forged cookie does not sign in", Method: http.MethodGet, URL: "/dashboard",
			Headers:        map[string]string{"Cookie": "warmloop_session=not-a-token"},
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: testapp.Bare,
		},
		{
			Name:   "signed-in admin sees the headline figures with their change, the funnel, the loop and the breakdowns",
			Method: http.MethodGet, URL: "/dashboard?days=365",
			Headers:        session,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"Customers asked", "Yield rate", "Pipeline generated", "Pipeline won", "vs the previous 365 days",
				"<th scope=\"row\">Booked</th>", `aria-current="page">Last 365 days`, testapp.SuperuserEmail,
				"The viral loop", "(1 of 4)", "What drives referrals", "By trigger", "By touch", "By cadence preset",
				"By incentive kind", "By message variant", `<th scope="row">Cadence touch</th>`,
			},
			TestAppFactory: withDemo,
		},
		{
			Name:   "the overview draws the trends, the projection, the leaderboard and polls the activity",
			Method: http.MethodGet, URL: "/dashboard?days=90",
			Headers:        session,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<svg class="chart"`, `aria-label="Asks delivered per week"`, `aria-label="Referrals made per week"`,
				`aria-label="Pipeline generated per week, in USD"`, `aria-label="Customers won by referral over the next 12 months"`,
				"Top referrers", `href="/dashboard/customers/`, `hx-get="/dashboard/overview/activity"`, `hx-trigger="load, every 15s"`,
				"the last 90 days", "would bring about",
			},
			TestAppFactory: withDemo,
		},
		{
			Name:   "a custom range shows its dates, per day when a month or shorter",
			Method: http.MethodGet, URL: "/dashboard?from=2026-01-01&to=2026-01-14",
			Headers:         session,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"1 Jan 2026 – 14 Jan 2026", "vs the previous 14 days", `aria-label="Asks delivered per day"`, `value="2026-01-01"`},
			TestAppFactory:  withDemo,
		},
		{
			Name:   "a custom range ending before it starts is refused beside the dates, which are kept",
			Method: http.MethodGet, URL: "/dashboard?from=2026-03-01&to=2026-02-01",
			Headers:         session,
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{"The end date is before the start date.", `value="2026-03-01"`, `aria-invalid="true"`, "the last 365 days"},
			TestAppFactory:  withDemo,
		},
		{
			Name: "guest cannot read the activity", Method: http.MethodGet, URL: "/dashboard/overview/activity",
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"referred by"},
			TestAppFactory: withDemo,
		},
		{
			Name:   "the activity fragment lists the newest moments, moves and rewards",
			Method: http.MethodGet, URL: "/dashboard/overview/activity",
			Headers:            map[string]string{"Cookie": session["Cookie"], "HX-Request": "true"},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`<ol class="activity">`, "ago</time>", `href="/dashboard/customers/`},
			NotExpectedContent: []string{"<html"},
			TestAppFactory:     withDemo,
		},
		{
			Name: "signed-in admin skips the login form", Method: http.MethodGet, URL: "/dashboard/login",
			Headers: session, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  expectHeader("Location", "/dashboard"),
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "logout clears the cookie, and the one older versions kept for /dashboard", Method: http.MethodPost, URL: "/dashboard/logout",
			Headers: session, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				cleared := map[string]bool{}
				for _, c := range res.Header.Values("Set-Cookie") {
					if strings.Contains(c, "warmloop_session=;") && strings.Contains(c, "Max-Age=0") {
						cleared[strings.SplitN(strings.SplitN(c, "Path=", 2)[1], ";", 2)[0]] = true
					}
				}
				if !cleared["/"] || !cleared["/dashboard"] {
					t.Errorf("logout cookies %q do not clear the session on / and /dashboard", res.Header.Values("Set-Cookie"))
				}
			},
			TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func expectHeader(name, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		if got := res.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// withValue is a copy of a filled form with one field changed.
func withValue(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	out.Set(key, value)
	return out
}
