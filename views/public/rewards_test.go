package public_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/metrics"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// withReward is withReferrer with Olu's first reward (earned by the
// fixture's referrals), its status set as given.
func withReward(status string) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferrer(t)
		if _, err := app.DB().NewQuery("UPDATE rewards SET status = {:s}").Bind(dbx.Params{"s": status}).Execute(); err != nil {
			t.Fatal(err)
		}
		return app
	}
}

func firstReward(t testing.TB, app core.App) *core.Record {
	rs, err := app.FindRecordsByFilter("rewards", "", "created", 1, 0)
	if err != nil || len(rs) == 0 {
		t.Fatalf("no reward: %v", err)
	}
	return rs[0]
}

func TestRewardLifecycleThroughTheRESTAPI(t *testing.T) {
	su := map[string]string{"Authorization": testapp.SuperuserToken, "Content-Type": "application/json"}
	patch := func(name, from, to string, status int, content []string, after func(testing.TB, *tests.TestApp, *http.Response)) *tests.ApiScenario {
		s := &tests.ApiScenario{Name: name, Method: http.MethodPatch, Headers: su,
			Body: strings.NewReader(`{"status":"` + to + `"}`), ExpectedStatus: status, ExpectedContent: content, AfterTestFunc: after}
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := withReward(from)(t)
			s.URL = "/api/collections/rewards/records/" + firstReward(t, app).Id
			return app
		}
		return s
	}
	scenarios := []*tests.ApiScenario{
		patch("approving records who and when", "earned", "approved", http.StatusOK, []string{`"status":"approved"`},
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				r := firstReward(t, app)
				if r.GetString("decided_by") != testapp.SuperuserEmail || r.GetDateTime("approved_at").IsZero() {
					t.Errorf("reward %v", r.FieldsData())
				}
			}),
		patch("fulfilling stamps the time and tells the referrer", "approved", "fulfilled", http.StatusOK, []string{`"status":"fulfilled"`},
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if firstReward(t, app).GetDateTime("fulfilled_at").IsZero() {
					t.Error("no fulfilled_at")
				}
				if got := webtest.QueuedTo(t, app, "olu@tailspin.example"); len(got) != 1 || !strings.Contains(got[0], "Your thank-you is on its way") {
					t.Errorf("emails to the referrer: %v", got)
				}
			}),
		patch("declining stamps the time", "earned", "declined", http.StatusOK, []string{`"status":"declined"`},
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if firstReward(t, app).GetDateTime("declined_at").IsZero() {
					t.Error("no declined_at")
				}
			}),
		patch("an earned reward is approved before it is fulfilled", "earned", "fulfilled", http.StatusBadRequest,
			[]string{"Approve the reward before marking it fulfilled."}, nil),
		patch("a fulfilled reward is final", "fulfilled", "declined", http.StatusBadRequest, []string{"is final"}, nil),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheWallShowsOnlyReferrersWhoConsented(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "without consent nobody is on the wall", Method: http.MethodGet, URL: "/thanks", TestAppFactory: webtest.WithReferrer,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"The wall is waiting for its first name"},
			NotExpectedContent: []string{"Olu Other"},
		},
		{
			Name: "a referrer who consented is shown with their tier", Method: http.MethodGet, URL: "/thanks",
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferrer(t)
				olu, _ := app.FindFirstRecordByData("customers", "email", "olu@tailspin.example")
				olu.Set("wall_opt_in", true)
				olu.Set("company", "Tailspin <Toys>")
				if err := app.Save(olu); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"Olu Other", "Tailspin &lt;Toys&gt;", `class="badge">Connector`, "3 introductions"},
			NotExpectedContent: []string{"Ana Lima", "Kim Known"},
		},
		{
			Name:   "ticking the box on the landing form puts the referrer on the wall",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"wall_opt_in": "1"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if !webtest.MustAna(t, app).GetBool("wall_opt_in") {
					t.Error("the consent was not recorded")
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheWallKeptRenderedChangesAtOnceWithWhatItShows(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	wall := func() string {
		t.Helper()
		res, err := http.Get(srv.URL + "/thanks")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	olu, _ := app.FindFirstRecordByData("customers", "email", "olu@tailspin.example")
	consent := func(yes bool) {
		t.Helper()
		olu.Set("wall_opt_in", yes)
		if err := app.Save(olu); err != nil {
			t.Fatal(err)
		}
	}

	if strings.Contains(wall(), "Olu Other") {
		t.Fatal("Olu is on the wall before consenting")
	}
	consent(true)
	if !strings.Contains(wall(), "Olu Other") {
		t.Error("Olu consented but the wall kept showing the page without them")
	}
	consent(false)
	if strings.Contains(wall(), "Olu Other") {
		t.Error("Olu withdrew consent but the wall kept showing them")
	}
}

// TestTheViralLoopOverTwoGenerations: Ana refers Ben, Ben is won and becomes
// a customer, Ben has a happy moment and is asked, Ben refers Cleo, Cleo is
// won. Every record and email is checked, through the public pages and the
// REST API as a user and a CRM would drive them.
func TestTheViralLoopOverTwoGenerations(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	api := func(method, path, body string) string {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", testapp.SuperuserToken)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		out, _ := io.ReadAll(res.Body)
		if res.StatusCode >= 300 {
			t.Fatalf("%s %s: %s %s", method, path, res.Status, out)
		}
		return string(out)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// happy: a promoter answer for a customer; returns their ask's token.
	happy := func(email string) string {
		api(http.MethodPost, "/api/collections/moments/records", `{"customer_email":"`+email+`","kind":"nps","score":10}`)
		c, _ := app.FindFirstRecordByData("customers", "email", email)
		ask, err := app.FindFirstRecordByData("asks", "customer", c.Id)
		if err != nil {
			t.Fatalf("%s was not asked after a promoter score", email)
		}
		return ask.GetString("token")
	}
	// introduce: the referrer sends the landing form.
	introduce := func(token, name, email string) *core.Record {
		res, err := noRedirect.PostForm(srv.URL+"/r/"+token, url.Values{"referee_name": {name}, "referee_email": {email}, "copy_me": {"1"}})
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("introducing %s: %v %v", email, res, err)
		}
		r, err := app.FindFirstRecordByData("referrals", "referee_email", email)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// winIt: the CRM moves the referral along to won.
	winIt := func(r *core.Record) *core.Record {
		for _, body := range []string{`{"status":"qualified","pipeline_value":20000}`, `{"status":"won"}`} {
			api(http.MethodPatch, "/api/collections/referrals/records/"+r.Id, body)
		}
		r, _ = app.FindRecordById("referrals", r.Id)
		return r
	}

	testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	benRef := winIt(introduce(happy("ana@northwind.example"), "Ben Okafor", "ben@fabrikam.example"))
	ben, err := app.FindFirstRecordByData("customers", "email", "ben@fabrikam.example")
	if err != nil || ben.GetString("source") != "referral" || ben.GetString("referred_by") != benRef.Id || benRef.GetString("referee_customer") != ben.Id {
		t.Fatalf("Ben as a customer: %v, %v; referral %v", ben, err, benRef.FieldsData())
	}
	if benRef.GetFloat("won_value") != 20000 {
		t.Errorf("won_value %v", benRef.GetFloat("won_value"))
	}
	cleoRef := winIt(introduce(happy("ben@fabrikam.example"), "Cleo Park", "cleo@litware.example"))
	cleo, err := app.FindFirstRecordByData("customers", "email", "cleo@litware.example")
	if err != nil || cleo.GetString("referred_by") != cleoRef.Id || cleoRef.GetString("referrer") != ben.Id {
		t.Fatalf("Cleo: %v, %v", cleo, err)
	}
	// Winning again never duplicates a customer.
	if n, _ := app.CountRecords("customers", dbx.HashExp{"email": "cleo@litware.example"}); n != 1 {
		t.Errorf("%d Cleo customers", n)
	}

	subjects := func(to string) string {
		rows, _ := app.FindRecordsByFilter("outbox", "to = {:to} && kind = 'email'", "created", 0, 0, dbx.Params{"to": to})
		var out []string
		for _, r := range rows {
			out = append(out, r.GetString("subject"))
		}
		return strings.Join(out, " | ")
	}
	for to, want := range map[string][]string{
		"ana@northwind.example": {"you reached the First introduction tier", "Ben Okafor became a customer, thanks to you", "you reached the First win tier"},
		"ben@fabrikam.example":  {"Ana Lima suggested we talk", "you reached the First introduction tier", "Cleo Park became a customer, thanks to you", "you reached the First win tier"},
		"cleo@litware.example":  {"Ben Okafor suggested we talk"},
	} {
		got := subjects(to)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("emails to %s lack %q: %s", to, w, got)
			}
		}
	}
	for _, c := range []string{"ana@northwind.example", "ben@fabrikam.example"} {
		cust, _ := app.FindFirstRecordByData("customers", "email", c)
		if n, _ := app.CountRecords("outbox", dbx.NewExp("payload LIKE {:p}", dbx.Params{"p": "%ask_email%"}), dbx.HashExp{"to": c}); n != 1 {
			t.Errorf("%s: %d ask emails, want 1", c, n)
		}
		if cust.GetDateTime("next_ask_at").Time().Before(time.Now().Add(20 * 24 * time.Hour)) {
			t.Errorf("%s is not resting after referring", c)
		}
	}
	loop, err := metrics.ComputeLoop(app)
	if err != nil || loop.Referred != 2 || loop.ReferredWhoReferred != 1 || loop.Others != 1 || loop.OthersWhoReferred != 1 {
		t.Errorf("loop %+v, %v: want 2 referred customers of whom 1 referred, 1 other who referred", loop, err)
	}
}
