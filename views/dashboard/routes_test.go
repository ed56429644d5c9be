package dashboard_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// dashboardRoute is one registered dashboard route, read from the source.
type dashboardRoute struct{ method, pattern string }

// dashboardRoutes reads every route the dashboard registers from its one
// route table, routes.go: each group adminGroup makes (bound to a variable,
// or passed to a bind function) and the GET and POST calls on it. A route
// added to the table is tested below without a list to keep up to date.
func dashboardRoutes(t *testing.T) []dashboardRoute {
	t.Helper()
	raw, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	prefixes := map[string]string{} // a group's variable, or bind function, → its path
	for _, m := range regexp.MustCompile(`(\w+) := adminGroup\(g, "([^"]*)"\)`).FindAllStringSubmatch(src, -1) {
		prefixes[m[1]] = "/dashboard" + m[2]
	}
	for _, m := range regexp.MustCompile(`(bind\w+)\(adminGroup\(g, "([^"]*)"\)\)`).FindAllStringSubmatch(src, -1) {
		prefixes[m[1]] = "/dashboard" + m[2]
	}
	var routes []dashboardRoute
	found := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\t(\w+)\.(GET|POST)\("([^"]*)"`).FindAllStringSubmatch(src, -1) {
		if prefix, ok := prefixes[m[1]]; ok {
			found[m[1]] = true
			routes = append(routes, dashboardRoute{m[2], prefix + m[3]})
		}
	}
	// A screen's bind function may live in the screen's own file.
	all := src
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if f != "routes.go" && !strings.HasSuffix(f, "_test.go") {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all += "\n" + string(b)
		}
	}
	for _, fn := range regexp.MustCompile(`(?s)func (bind\w+)\(g \*router\.RouterGroup\[\*core\.RequestEvent\]\) \{(.*?)\n\}`).FindAllStringSubmatch(all, -1) {
		prefix, ok := prefixes[fn[1]]
		if !ok {
			continue
		}
		found[fn[1]] = true
		for _, c := range regexp.MustCompile(`g\.(GET|POST)\("([^"]*)"`).FindAllStringSubmatch(fn[2], -1) {
			routes = append(routes, dashboardRoute{c[1], prefix + c[2]})
		}
	}
	for name := range prefixes {
		if !found[name] {
			t.Errorf("group %s is made in routes.go but its routes were not found", name)
		}
	}
	if len(prefixes) < 9 || len(routes) < 40 {
		t.Fatalf("read %d groups and %d routes: the source did not parse as expected", len(prefixes), len(routes))
	}
	sort.Slice(routes, func(i, j int) bool { return routes[i].pattern+routes[i].method < routes[j].pattern+routes[j].method })
	return routes
}

// concreteURL fills a route's wildcards with records of the demo program.
func concreteURL(t *testing.T, app core.App, pattern string) string {
	t.Helper()
	first := func(coll string) string {
		recs, err := app.FindRecordsByFilter(coll, "", "created", 1, 0)
		if err != nil || len(recs) == 0 {
			t.Fatalf("no %s to put in %s", coll, pattern)
		}
		return recs[0].Id
	}
	url := strings.ReplaceAll(pattern, "{$}", "")
	url = strings.ReplaceAll(url, "{slug}", "landing")
	url = strings.ReplaceAll(url, "{job}", "no-such-job")
	if strings.Contains(url, "{id}") {
		coll := map[string]string{
			"/dashboard/customers/": "customers", "/dashboard/referrals/": "referrals", "/dashboard/rewards/": "rewards",
			"/dashboard/outbox/": "outbox", "/dashboard/program/incentives/": "incentives",
			"/dashboard/program/tiers/": "tiers", "/dashboard/program/variants/": "variants",
			"/dashboard/team/":    "team",
			"/dashboard/sources/": "sources",
		}[url[:strings.Index(url, "{id}")]]
		if coll == "" {
			t.Fatalf("no collection for %s", pattern)
		}
		url = strings.Replace(url, "{id}", first(coll), 1)
	}
	return url
}

// programCounts counts every record the dashboard can change, to show a
// refused request wrote nothing.
func programCounts(t testing.TB, app core.App) map[string]int {
	counts := map[string]int{}
	for _, c := range []string{"customers", "moments", "asks", "referrals", "referral_events", "incentives", "tiers", "variants", "rewards", "pages", "outbox", "settings", "team", "sources"} {
		var n int
		if err := app.DB().NewQuery("SELECT COUNT(*) + COALESCE(SUM(LENGTH(updated)), 0) FROM " + c).Row(&n); err != nil {
			t.Fatal(err)
		}
		counts[c] = n
	}
	return counts
}

func TestDashboardEveryRouteNeedsASignedInAdmin(t *testing.T) {
	routes, urls, withDemo, _ := everyRoute(t)

	var scenarios []tests.ApiScenario
	for _, r := range routes {
		url := urls[r]
		var before map[string]int
		scenarios = append(scenarios, tests.ApiScenario{
			Name:   "guest " + r.method + " " + r.pattern + " is sent to the login and sees no data",
			Method: r.method, URL: url,
			Body: strings.NewReader("name=x&email=x%40y.example&status=won&body=x"), Headers: webtest.FormHeader,
			ExpectedStatus:     http.StatusSeeOther,
			NotExpectedContent: []string{"@", "Referred by", "<table"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := withDemo(t)
				before = programCounts(t, app)
				return app
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/dashboard/login?next=") {
					t.Errorf("sent to %q, want the login", loc)
				}
				after := programCounts(t, app)
				for c, n := range before {
					if after[c] != n {
						t.Errorf("a guest's %s changed %s", r.method, c)
					}
				}
			},
		})
		if r.method == http.MethodGet {
			scenarios = append(scenarios, tests.ApiScenario{
				Name:   "admin GET " + r.pattern + " answers without a server error",
				Method: r.method, URL: url,
				Headers:            map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken},
				ExpectedStatus:     expectedAdminStatus(r.pattern),
				NotExpectedContent: []string{"Something went wrong"},
				TestAppFactory:     withDemo,
			})
		}
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// everyRoute reads every dashboard route and fills its URL from one demo
// program with a team (seededWithTeam), which withDemo copies for every
// scenario, so the ids in the URLs exist in each copy; cookies are the
// team's sessions by role.
func everyRoute(t *testing.T) (routes []dashboardRoute, urls map[dashboardRoute]string, withDemo func(testing.TB) *tests.TestApp, cookies map[string]string) {
	t.Helper()
	seeded, cookies := seededWithTeam(t)
	seedSource(t, seeded)
	routes = dashboardRoutes(t)
	urls = map[dashboardRoute]string{}
	for _, r := range routes {
		urls[r] = concreteURL(t, seeded, r.pattern)
	}
	if err := seeded.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	withDemo = func(t testing.TB) *tests.TestApp { return testapp.Copy(t, seeded.DataDir()) }
	return routes, urls, withDemo, cookies
}

// seededWithTeam is a demo program with three team members who have
// accepted their invitations, an owner, an admin and a sales member, and
// the session cookie of each by role.
func seededWithTeam(t *testing.T) (*tests.TestApp, map[string]string) {
	t.Helper()
	seeded := testapp.New(t)
	if _, err := demo.Seed(seeded, time.Now()); err != nil {
		t.Fatal(err)
	}
	cookies := map[string]string{}
	_, cookies["owner"] = testapp.Member(t, seeded, "Ana Ruiz", "ana@acme.example", "owner")
	_, cookies["admin"] = testapp.Member(t, seeded, "Bo Chen", "bo@acme.example", "admin")
	_, cookies["sales"] = testapp.Member(t, seeded, "Dana Lee", "dana@acme.example", "sales")
	return seeded, cookies
}

// expectedAdminStatus is what a signed-in admin gets from a GET: the page,
// or 404 for the import job that does not exist.
func expectedAdminStatus(pattern string) int {
	if strings.Contains(pattern, "{job}") {
		return http.StatusNotFound
	}
	return http.StatusOK
}

// seedSource adds a mapped source, so the sources' routes have an id to open.
func seedSource(t testing.TB, app core.App) {
	t.Helper()
	testapp.Save(t, app, "sources", map[string]any{"name": "acme", "kind": "renewal",
		"email_pointer": "/email", "external_id_pointer": "/id", "auth": "token", "secret": "s"})
}
