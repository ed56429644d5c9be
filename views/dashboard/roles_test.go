package dashboard_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
	"warmloop/views/dashboard"
)

func TestDashboardEveryRouteIsOpenOrRefusedToSalesAsTheRoleTableSays(t *testing.T) {
	routes, urls, withDemo, cookies := everyRoute(t)

	var scenarios []tests.ApiScenario
	opened, refused := 0, 0
	for _, r := range routes {
		url := urls[r]
		allowed := dashboard.Allows("sales", r.method+" "+r.pattern)
		headers := map[string]string{"Cookie": cookies["sales"], "Content-Type": "application/x-www-form-urlencoded"}
		body := "name=x&email=x%40y.example&role=owner&status=won&body=x"
		if !allowed {
			refused++
			var before map[string]int
			scenarios = append(scenarios, tests.ApiScenario{
				Name:   "sales " + r.method + " " + r.pattern + " is refused with a 403 page and changes nothing",
				Method: r.method, URL: url, Body: strings.NewReader(body), Headers: headers,
				ExpectedStatus:     http.StatusForbidden,
				ExpectedContent:    []string{"Not open to your role", "Your role (sales) does not open this page"},
				NotExpectedContent: []string{"<table", "href=\"/dashboard/settings\""},
				TestAppFactory: func(t testing.TB) *tests.TestApp {
					app := withDemo(t)
					before = programCounts(t, app)
					return app
				},
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
					after := programCounts(t, app)
					for c, n := range before {
						if after[c] != n {
							t.Errorf("a refused %s changed %s", r.method, c)
						}
					}
				},
			})
			continue
		}
		opened++
		scenarios = append(scenarios, tests.ApiScenario{
			Name:   "sales " + r.method + " " + r.pattern + " is open to them",
			Method: r.method, URL: url, Body: strings.NewReader("pipeline_value=1000&body=A+note"), Headers: headers,
			ExpectedStatus:     salesStatus(r),
			NotExpectedContent: []string{"Something went wrong", "Not open to your role"},
			TestAppFactory:     withDemo,
		})
	}
	if opened < 3 || refused < 30 {
		t.Fatalf("the role table opens %d routes to sales and refuses %d: it did not read as expected", opened, refused)
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// salesStatus is what a sales member gets from a route open to them: the
// page, or after a post the redirect back to it.
func salesStatus(r dashboardRoute) int {
	if r.method == http.MethodPost {
		return http.StatusSeeOther
	}
	return http.StatusOK
}

func TestARefusedHTMXRequestGetsA403ItDoesNotSwapIn(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/dashboard/settings/test-email", nil)
	req.Header.Set("Cookie", cookies["sales"])
	req.Header.Set("HX-Request", "true")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || res.Header.Get("HX-Reswap") != "none" || !strings.Contains(string(b), "Your role does not allow this") {
		t.Errorf("answered %d, HX-Reswap %q, %s", res.StatusCode, res.Header.Get("HX-Reswap"), b)
	}
}

func TestTheNavigationShowsOnlyWhatTheRoleMayOpen(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	nav := []string{"/dashboard/customers", "/dashboard/rewards", "/dashboard/program", "/dashboard/pages", "/dashboard/settings", "/dashboard/outbox", "/dashboard/team"}
	for role, shown := range map[string][]string{
		"owner": nav,
		"admin": nav[:len(nav)-1],
		"sales": nil,
	} {
		_, body := call(t, http.MethodGet, srv.URL+"/dashboard/referrals", cookies[role], nil)
		head, _, _ := strings.Cut(body, "</nav>")
		if !strings.Contains(head, `href="/dashboard/referrals"`) {
			t.Errorf("%s: the navigation lacks the referrals", role)
		}
		for _, path := range nav {
			want := false
			for _, s := range shown {
				want = want || s == path
			}
			if got := strings.Contains(head, `href="`+path+`"`); got != want {
				t.Errorf("%s: the navigation links %s: %v, want %v", role, path, got, want)
			}
		}
	}
}

func TestAnAdminIsRefusedTheTeamScreenAndASalesMemberLandsOnTheReferrals(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	get := func(path, cookie string) *http.Response {
		res, _ := call(t, http.MethodGet, srv.URL+path, cookie, nil)
		return res
	}
	if res := get("/dashboard/team", cookies["admin"]); res.StatusCode != http.StatusForbidden {
		t.Errorf("an admin opening the Team screen got %d, want 403", res.StatusCode)
	}
	if res := get("/dashboard/team", cookies["owner"]); res.StatusCode != http.StatusOK {
		t.Errorf("an owner opening the Team screen got %d, want 200", res.StatusCode)
	}
	if res := get("/dashboard", cookies["sales"]); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/dashboard/referrals" {
		t.Errorf("a sales member opening the dashboard got %d to %q, want the referrals", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestACustomerPageLeavesOutWhatASalesMemberWouldBeRefused(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	c, err := seeded.FindFirstRecordByFilter("customers", "opted_out = false")
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{"/optout\"", "/privacy/erase\"", "action=\"/dashboard/moments/new\"", "href=\"/dashboard/customers\""}
	for role, want := range map[string]bool{"owner": true, "sales": false} {
		res, b := call(t, http.MethodGet, srv.URL+"/dashboard/customers/"+c.Id, cookies[role], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: the customer page answered %d", role, res.StatusCode)
		}
		for _, a := range actions {
			if got := strings.Contains(b, a); got != want {
				t.Errorf("%s: the page carries %s: %v, want %v", role, a, got, want)
			}
		}
	}
}

// The referrals screens leave out what a sales member would be refused:
// accepting or rejecting a flagged referral, and a referee's erasure and
// export, on the table, the review list and a referral's own page.
func TestTheReferralsScreensLeaveOutWhatASalesMemberWouldBeRefused(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	r, err := seeded.FindFirstRecordByFilter("referrals", "")
	if err != nil {
		t.Fatal(err)
	}
	// One referral held for review, so the review list has a row.
	r.Set("flag", "duplicate")
	if err := seeded.UnsafeWithoutHooks().Save(r); err != nil {
		t.Fatal(err)
	}
	pages := map[string][]string{
		"/dashboard/referrals?view=table":   {"/privacy/erase\""},
		"/dashboard/referrals?view=flagged": {"/privacy/erase\"", "/review\""},
		"/dashboard/referrals/" + r.Id:      {"/privacy/erase\"", "/privacy/export\""},
	}
	for role, want := range map[string]bool{"owner": true, "sales": false} {
		for page, actions := range pages {
			res, b := call(t, http.MethodGet, srv.URL+page, cookies[role], nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %s answered %d", role, page, res.StatusCode)
			}
			for _, a := range actions {
				if got := strings.Contains(b, a); got != want {
					t.Errorf("%s: %s carries %s: %v, want %v", role, page, a, got, want)
				}
			}
		}
	}
}
