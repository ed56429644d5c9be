package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// rewardsTApp is a program with one referrer, Grace, and three of her
// rewards for three tiers: one earned, one approved, one fulfilled.
func rewardsTApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	testapp.Customer(t, app, "Grace Hopper", "grace@navy.example", map[string]any{"id": "custgrace000001"})
	testapp.Save(t, app, "incentives", map[string]any{"id": "incdinner000001", "name": "Dinner with the founders",
		"kind": "experience", "description": "## Thank you\n\n**Dinner** with our founders in Lisbon.", "active": true})
	for _, tier := range []struct {
		id, name  string
		threshold int
	}{{"tierfixture0050", "Fifty introductions", 50}, {"tierfixture0060", "Sixty introductions", 60}, {"tierfixture0070", "Seventy introductions", 70}} {
		testapp.Save(t, app, "tiers", map[string]any{"id": tier.id, "name": tier.name, "threshold": tier.threshold, "counts": "referrals", "incentive": "incdinner000001"})
	}
	reward := func(id, tier, status string, fields map[string]any) {
		all := map[string]any{"id": id, "referrer": "custgrace000001", "tier": tier, "incentive": "incdinner000001", "status": status}
		for k, v := range fields {
			all[k] = v
		}
		testapp.Save(t, app, "rewards", all)
	}
	reward("rwdearned000001", "tierfixture0050", "earned", nil)
	reward("rwdapproved0001", "tierfixture0060", "approved", map[string]any{"decided_by": "maya@brightwave.example", "approved_at": "2026-01-05 10:00:00.000Z"})
	reward("rwdfulfilled001", "tierfixture0070", "fulfilled", map[string]any{"decided_by": "maya@brightwave.example",
		"approved_at": "2026-01-02 10:00:00.000Z", "fulfilled_at": "2026-01-09 10:00:00.000Z"})
	return app
}

// rewardsTHeaders are a signed-in admin's headers for a form post, as htmx sends it when htmx.
func rewardsTHeaders(htmx bool) map[string]string {
	h := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken, "Content-Type": "application/x-www-form-urlencoded"}
	if htmx {
		h["HX-Request"] = "true"
	}
	return h
}

// rewardsTExpect checks a reward's status, who decided it and which stamps it carries.
func rewardsTExpect(id, status, decidedBy string, stamped ...string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById("rewards", id)
		if err != nil {
			t.Fatal(err)
		}
		if r.GetString("status") != status || r.GetString("decided_by") != decidedBy {
			t.Errorf("reward %s is %q decided by %q, want %q by %q", id, r.GetString("status"), r.GetString("decided_by"), status, decidedBy)
		}
		for _, f := range []string{"approved_at", "fulfilled_at", "declined_at"} {
			want := false
			for _, s := range stamped {
				want = want || s == f
			}
			if got := !r.GetDateTime(f).IsZero(); got != want {
				t.Errorf("reward %s: %s set = %v, want %v", id, f, got, want)
			}
		}
	}
}

// rewardsTEarnedUntouched checks that the earned reward is still waiting, with no email queued.
func rewardsTEarnedUntouched(t testing.TB, app *tests.TestApp, res *http.Response) {
	rewardsTExpect("rwdearned000001", "earned", "")(t, app, res)
	if got := webtest.QueuedTo(t, app, "grace@navy.example"); len(got) != 0 {
		t.Errorf("emails queued: %v", got)
	}
}

func TestDashboardRewardsQueue(t *testing.T) {
	h := rewardsTHeaders(false)
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot see the rewards queue", Method: http.MethodGet, URL: "/dashboard/rewards",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: rewardsTApp,
			AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Frewards"),
		},
		{
			Name: "the queue opens on the rewards to approve, with counts in the tabs", Method: http.MethodGet, URL: "/dashboard/rewards",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: rewardsTApp,
			ExpectedContent: []string{
				`aria-current="page">Earned — to approve (1)</a>`, "Approved — to fulfil (1)", "Fulfilled (1)", "Declined (0)",
				`<a href="/dashboard/customers/custgrace000001">Grace Hopper</a>`, "Fifty introductions", "50 referrals",
				"Dinner with the founders", "Dinner with our founders in Lisbon.", "Waiting for approval",
				`hx-post="/dashboard/rewards/rwdearned000001/approve"`, `action="/dashboard/rewards/rwdearned000001/decline"`,
			},
			NotExpectedContent: []string{"Sixty introductions", "/fulfil"},
		},
		{
			Name: "the approved tab shows who approved and offers fulfilment", Method: http.MethodGet, URL: "/dashboard/rewards?status=approved",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: rewardsTApp,
			ExpectedContent: []string{`aria-current="page">Approved — to fulfil (1)</a>`, "Sixty introductions",
				"Approved 5 Jan 2026 by maya@brightwave.example", `action="/dashboard/rewards/rwdapproved0001/fulfil"`, "Mark fulfilled"},
			NotExpectedContent: []string{"Fifty introductions"},
		},
		{
			Name: "the fulfilled tab offers no buttons", Method: http.MethodGet, URL: "/dashboard/rewards?status=fulfilled",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: rewardsTApp,
			ExpectedContent:    []string{"Seventy introductions", "Fulfilled 9 Jan 2026 by maya@brightwave.example"},
			NotExpectedContent: []string{"/approve", "/fulfil\"", "/decline"},
		},
		{
			Name: "an empty tab says what comes there", Method: http.MethodGet, URL: "/dashboard/rewards?status=earned",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{"Nothing to approve.", "Earned — to approve (0)"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardRewardsDecisions(t *testing.T) {
	post := func(name, id, action string, htmx bool, status int, content, notContent []string, after func(testing.TB, *tests.TestApp, *http.Response)) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/dashboard/rewards/" + id + "/" + action,
			Body: webtest.Form(url.Values{"back": {"/dashboard/rewards?status=earned"}}), Headers: rewardsTHeaders(htmx),
			ExpectedStatus: status, ExpectedContent: content, NotExpectedContent: notContent,
			AfterTestFunc: after, TestAppFactory: rewardsTApp,
		}
	}
	approvedThenFulfilled := post("an approved reward is then fulfilled: stamped and the referrer emailed", "rwdearned000001", "fulfil", true, http.StatusOK,
		[]string{"Marked fulfilled: Fifty introductions for Grace Hopper."}, nil,
		func(t testing.TB, app *tests.TestApp, res *http.Response) {
			rewardsTExpect("rwdearned000001", "fulfilled", testapp.SuperuserEmail, "approved_at", "fulfilled_at")(t, app, res)
			if got := webtest.QueuedTo(t, app, "grace@navy.example"); len(got) != 1 || !strings.Contains(got[0], "Your thank-you is on its way") {
				t.Errorf("emails to the referrer: %v", got)
			}
		})
	approvedThenFulfilled.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		r, err := app.FindRecordById("rewards", "rwdearned000001")
		if err != nil {
			t.Fatal(err)
		}
		r.Set("status", "approved")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "guest cannot approve a reward", Method: http.MethodPost, URL: "/dashboard/rewards/rwdearned000001/approve",
			Body: webtest.Form(url.Values{}), Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: rewardsTApp, AfterTestFunc: rewardsTEarnedUntouched,
		},
		{
			Name: "guest cannot fulfil a reward", Method: http.MethodPost, URL: "/dashboard/rewards/rwdapproved0001/fulfil",
			Body: webtest.Form(url.Values{}), Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther, TestAppFactory: rewardsTApp,
			AfterTestFunc: rewardsTExpect("rwdapproved0001", "approved", "maya@brightwave.example", "approved_at"),
		},
		{
			Name: "guest cannot decline a reward", Method: http.MethodPost, URL: "/dashboard/rewards/rwdearned000001/decline",
			Body: webtest.Form(url.Values{}), Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: rewardsTApp, AfterTestFunc: rewardsTEarnedUntouched,
		},
		{
			Name: "cross-site approval is refused", Method: http.MethodPost, URL: "/dashboard/rewards/rwdearned000001/approve",
			Body: webtest.Form(url.Values{}),
			Headers: map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken,
				"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: rewardsTApp, AfterTestFunc: rewardsTEarnedUntouched,
		},
		post("approving with htmx swaps the row for a confirmation and updates the tabs", "rwdearned000001", "approve", true, http.StatusOK,
			[]string{`<tr id="reward-rwdearned000001">`, "Approved: Fifty introductions for Grace Hopper.", `hx-swap-oob="true"`,
				`aria-current="page">Earned — to approve (0)</a>`, "Approved — to fulfil (2)"},
			[]string{"<html"},
			rewardsTExpect("rwdearned000001", "approved", testapp.SuperuserEmail, "approved_at")),
		post("approving without htmx goes back with a notice", "rwdearned000001", "approve", false, http.StatusSeeOther, nil, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", "/dashboard/rewards?status=earned&notice=approved")(t, app, res)
				rewardsTExpect("rwdearned000001", "approved", testapp.SuperuserEmail, "approved_at")(t, app, res)
			}),
		post("fulfilling an approved reward stamps it and emails the referrer", "rwdapproved0001", "fulfil", false, http.StatusSeeOther, nil, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", "/dashboard/rewards?status=earned&notice=fulfilled")(t, app, res)
				rewardsTExpect("rwdapproved0001", "fulfilled", testapp.SuperuserEmail, "approved_at", "fulfilled_at")(t, app, res)
				if got := webtest.QueuedTo(t, app, "grace@navy.example"); len(got) != 1 || !strings.Contains(got[0], "Your thank-you is on its way") {
					t.Errorf("emails to the referrer: %v", got)
				}
			}),
		post("declining stamps who and when, and tells nobody", "rwdearned000001", "decline", true, http.StatusOK,
			[]string{"Declined: Fifty introductions for Grace Hopper. The referrer is not told."}, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				rewardsTExpect("rwdearned000001", "declined", testapp.SuperuserEmail, "declined_at")(t, app, res)
				if got := webtest.QueuedTo(t, app, "grace@navy.example"); len(got) != 0 {
					t.Errorf("emails queued: %v", got)
				}
			}),
		post("an earned reward cannot be fulfilled before it is approved", "rwdearned000001", "fulfil", true, http.StatusUnprocessableEntity,
			[]string{`<tr id="reward-rwdearned000001">`, `<span class="inline-error" role="alert">Approve the reward before marking it fulfilled.</span>`},
			[]string{"<html"}, rewardsTEarnedUntouched),
		post("a refused decision without htmx shows the queue with the message", "rwdearned000001", "fulfil", false, http.StatusUnprocessableEntity,
			[]string{"<html", "Approve the reward before marking it fulfilled.", "Fifty introductions"}, nil, rewardsTEarnedUntouched),
		post("a fulfilled reward is final", "rwdfulfilled001", "decline", true, http.StatusUnprocessableEntity,
			[]string{"A reward that is fulfilled is final: it cannot become declined."}, nil,
			rewardsTExpect("rwdfulfilled001", "fulfilled", "maya@brightwave.example", "approved_at", "fulfilled_at")),
		post("approving twice is refused", "rwdapproved0001", "approve", true, http.StatusUnprocessableEntity,
			[]string{"This reward is already approved."}, nil,
			rewardsTExpect("rwdapproved0001", "approved", "maya@brightwave.example", "approved_at")),
		approvedThenFulfilled,
		post("an unknown reward is not found", "nosuchreward001", "approve", true, http.StatusNotFound,
			[]string{"That record does not exist"}, nil, nil),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
