package dashboard_test

import (
	"encoding/csv"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// referralsTApp is a program with one referrer and four referrals: Ada
// (invited, 12,000 in pipeline), Alan (won), Sam (a colleague of the
// referrer, flagged) and one whose name looks like a spreadsheet formula.
func referralsTApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	testapp.Customer(t, app, "Grace Hopper", "grace@navy.example", map[string]any{"id": "custgrace000001", "company": "US Navy"})
	referral := func(id, name, email, status string, fields map[string]any) {
		all := map[string]any{"id": id, "referrer": "custgrace000001", "referee_name": name, "referee_email": email, "status": status}
		for k, v := range fields {
			all[k] = v
		}
		testapp.Save(t, app, "referrals", all)
	}
	referral("refinvited00001", "Ada Lovelace", "ada@engines.example", "invited", map[string]any{"referee_company": "Analytical Engines", "pipeline_value": 12000})
	referral("refwon000000001", "Alan Turing", "alan@bletchley.example", "won", map[string]any{"pipeline_value": 30000, "won_value": 28000})
	referral("refflagged00001", "Sam Colleague", "sam@navy.example", "invited", map[string]any{"flag": "self_referral"})
	referral("refformula00001", `=HYPERLINK("http://evil.example")`, "eve@evil.example", "visited", map[string]any{"referee_company": "+Evil Co"})
	return app
}

// referralsTHeaders are a signed-in admin's headers, as a form post and,
// when htmx, as htmx sends it.
func referralsTHeaders(htmx bool) map[string]string {
	h := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken, "Content-Type": "application/x-www-form-urlencoded"}
	if htmx {
		h["HX-Request"] = "true"
	}
	return h
}

// referralsTExpect checks one referral's stored fields after a request.
func referralsTExpect(id string, want map[string]any) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById("referrals", id)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range want {
			if got := r.Get(k); got != v {
				t.Errorf("referral %s: %s = %#v, want %#v", id, k, got, v)
			}
		}
	}
}

// referralsTEvents counts a referral's history rows.
func referralsTEvents(t testing.TB, app *tests.TestApp, id string) int {
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM referral_events WHERE referral = {:id}").Bind(dbx.Params{"id": id}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// referralsTUnchanged checks that a refused change left Ada as she was: invited, 12,000, one history row.
func referralsTUnchanged(t testing.TB, app *tests.TestApp, res *http.Response) {
	referralsTExpect("refinvited00001", map[string]any{"status": "invited", "pipeline_value": 12000.0, "won_value": 0.0})(t, app, res)
	if n := referralsTEvents(t, app, "refinvited00001"); n != 1 {
		t.Errorf("%d history rows, want 1", n)
	}
}

func TestDashboardReferralsAccess(t *testing.T) {
	guest := []struct{ name, method, url string }{
		{"guest cannot see the board", http.MethodGet, "/dashboard/referrals"},
		{"guest cannot see the table", http.MethodGet, "/dashboard/referrals?view=table"},
		{"guest cannot see the flagged referrals", http.MethodGet, "/dashboard/referrals?view=flagged"},
		{"guest cannot export referrals", http.MethodGet, "/dashboard/referrals/export.csv"},
	}
	var scenarios []tests.ApiScenario
	for _, g := range guest {
		scenarios = append(scenarios, tests.ApiScenario{
			Name: g.name, Method: g.method, URL: g.url, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  expectHeader("Location", "/dashboard/login?next="+url.QueryEscape(g.url)),
			TestAppFactory: referralsTApp,
		})
	}
	scenarios = append(scenarios,
		tests.ApiScenario{
			Name: "guest cannot change a referral", Method: http.MethodPost, URL: "/dashboard/referrals/refinvited00001",
			Body: webtest.Form(url.Values{"status": {"booked"}, "pipeline_value": {"1"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: referralsTApp, AfterTestFunc: referralsTUnchanged,
		},
		tests.ApiScenario{
			Name: "guest cannot review a flagged referral", Method: http.MethodPost, URL: "/dashboard/referrals/refflagged00001/review",
			Body: webtest.Form(url.Values{"action": {"accept"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: referralsTApp,
			AfterTestFunc: referralsTExpect("refflagged00001", map[string]any{"flag": "self_referral"}),
		},
		tests.ApiScenario{
			Name: "guest htmx change is redirected by header", Method: http.MethodPost, URL: "/dashboard/referrals/refinvited00001",
			Body: webtest.Form(url.Values{"status": {"booked"}}), Headers: webtest.HTMXForm,
			ExpectedStatus: http.StatusUnauthorized, TestAppFactory: referralsTApp, AfterTestFunc: referralsTUnchanged,
		},
		tests.ApiScenario{
			Name: "cross-site status change is refused", Method: http.MethodPost, URL: "/dashboard/referrals/refinvited00001",
			Body: webtest.Form(url.Values{"status": {"booked"}}),
			Headers: map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken,
				"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: referralsTApp, AfterTestFunc: referralsTUnchanged,
		},
		tests.ApiScenario{
			Name: "cross-site review is refused", Method: http.MethodPost, URL: "/dashboard/referrals/refflagged00001/review",
			Body: webtest.Form(url.Values{"action": {"accept"}}),
			Headers: map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken,
				"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			TestAppFactory: referralsTApp, AfterTestFunc: referralsTExpect("refflagged00001", map[string]any{"flag": "self_referral"}),
		},
	)
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardReferralsBoardAndTable(t *testing.T) {
	h := referralsTHeaders(false)
	board := &tests.ApiScenario{
		Name: "board shows a column per status with the demo's newest referrals", Method: http.MethodGet, URL: "/dashboard/referrals",
		Headers: h, ExpectedStatus: http.StatusOK,
	}
	board.TestAppFactory = func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		if _, err := demo.Seed(app, time.Now()); err != nil {
			t.Fatal(err)
		}
		board.ExpectedContent = []string{`aria-current="page">Board</a>`, "Flagged (1)"}
		for _, s := range []string{"invited", "visited", "booked", "qualified", "won", "lost"} {
			var newest struct {
				Name string `db:"referee_name"`
				N    int    `db:"n"`
			}
			err := app.DB().NewQuery(`SELECT referee_name, (SELECT COUNT(*) FROM referrals WHERE status = {:s}) AS n
				FROM referrals WHERE status = {:s} ORDER BY created DESC LIMIT 1`).Bind(dbx.Params{"s": s}).One(&newest)
			if err != nil {
				t.Fatalf("the demo has no %s referral: %v", s, err)
			}
			label := strings.ToUpper(s[:1]) + s[1:]
			board.ExpectedContent = append(board.ExpectedContent,
				`<h2 id="col-`+s+`"><span>`+label+`</span><span>`+strconv.Itoa(newest.N)+`</span></h2>`, html.EscapeString(newest.Name))
		}
		return app
	}
	scenarios := []*tests.ApiScenario{
		board,
		{
			Name: "board cards show the referee linked to their page, company, value, age and a move menu", Method: http.MethodGet, URL: "/dashboard/referrals",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{
				`<article class="board-card" id="referral-refinvited00001">`, `<a href="/dashboard/referrals/refinvited00001">Ada Lovelace</a>`, "Analytical Engines",
				`<p class="meta">$12,000 · `, `hx-post="/dashboard/referrals/refinvited00001"`, `hx-target="closest .board-card"`, `name="status"`,
				">Move</button>", "Self-referral: in review", "Flagged (1)", `<select id="board-stage" aria-controls="referral-board">`,
			},
			NotExpectedContent: []string{`<option value="invited">Invited</option></select><p class="field-error"`, `name="pipeline_value"`, `name="won_value"`},
		},
		{
			Name: "a won card shows its value and no status select", Method: http.MethodGet, URL: "/dashboard/referrals",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent:    []string{`<article class="board-card" id="referral-refwon000000001">`, `<p class="meta">Won $28,000 · `},
			NotExpectedContent: []string{`id="status-refwon000000001"`},
		},
		{
			Name: "an empty program says where referrals come from", Method: http.MethodGet, URL: "/dashboard/referrals",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{"No referrals yet.", "Flagged (0)"},
		},
		{
			Name: "table lists referrals with inline forms and an export link", Method: http.MethodGet, URL: "/dashboard/referrals?view=table",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{
				`aria-current="page">Table</a>`, `<tr id="referral-refinvited00001">`, `form="rf-refinvited00001"`,
				`value="12000"`, "Alan Turing", "4 referrals", `href="/dashboard/referrals/export.csv?q=&amp;status="`,
			},
		},
		{
			Name: "table search finds a referee by company", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&q=analytical",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent:    []string{"Ada Lovelace", "1 referral<", `value="analytical"`, "export.csv?q=analytical"},
			NotExpectedContent: []string{"Alan Turing"},
		},
		{
			Name: "table search takes an underscore literally", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&q=R_D",
			Headers: h, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := referralsTApp(t)
				testapp.Save(t, app, "referrals", map[string]any{"referrer": "custgrace000001", "referee_name": "Rae Dunn",
					"referee_email": "rae@rd.example", "referee_company": "R_D Labs", "status": "invited"})
				return app
			},
			ExpectedContent:    []string{"Rae Dunn", "1 referral<"},
			NotExpectedContent: []string{"Ada Lovelace"},
		},
		{
			Name: "table search finds referrals by the referrer's name", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&q=Grace",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{"Ada Lovelace", "Alan Turing", "Sam Colleague", "4 referrals"},
		},
		{
			Name: "table filters by status", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&status=won",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent:    []string{"Alan Turing", `<option value="won" selected>Won</option>`},
			NotExpectedContent: []string{"Ada Lovelace"},
		},
		{
			Name: "a search that finds nothing says how to clear it", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&q=nobody",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{"No referral matches this search.", "Clear the filters"},
		},
		{
			Name: "table paginates the demo 25 at a time", Method: http.MethodGet, URL: "/dashboard/referrals?view=table&page=2",
			Headers: h, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				if _, err := demo.Seed(app, time.Now()); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent: []string{"<span>26–", "page 2 of", `rel="prev"`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardReferralsInlineChange(t *testing.T) {
	post := func(name, id string, values url.Values, htmx bool, status int, content, notContent []string, after func(testing.TB, *tests.TestApp, *http.Response)) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/dashboard/referrals/" + id, Body: webtest.Form(values),
			Headers: referralsTHeaders(htmx), ExpectedStatus: status, ExpectedContent: content, NotExpectedContent: notContent,
			AfterTestFunc: after, TestAppFactory: referralsTApp,
		}
	}
	scenarios := []tests.ApiScenario{
		post("a status change in the table saves, logs and returns the row", "refinvited00001",
			url.Values{"view": {"table"}, "status": {"booked"}, "pipeline_value": {"15,000"}, "won_value": {""}}, true, http.StatusOK,
			[]string{`<tr id="referral-refinvited00001">`, "Moved to booked.", `<span class="pill booked">Booked</span>`, `value="15000"`},
			[]string{"<html", "<nav"},
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralsTExpect("refinvited00001", map[string]any{"status": "booked", "pipeline_value": 15000.0})(t, app, res)
				r, _ := app.FindRecordById("referrals", "refinvited00001")
				if r.GetDateTime("booked_at").IsZero() {
					t.Error("booked_at was not stamped")
				}
				var to string
				if err := app.DB().NewQuery("SELECT to_status FROM referral_events WHERE referral = 'refinvited00001' AND from_status = 'invited'").Row(&to); err != nil || to != "booked" {
					t.Errorf("no history row for the move: %q %v", to, err)
				}
			}),
		post("a move on the board redraws the board with the card in its new column", "refinvited00001",
			url.Values{"view": {"board"}, "back": {"/dashboard/referrals"}, "status": {"visited"}, "pipeline_value": {"12000"}}, true, http.StatusOK,
			[]string{`<div class="board" id="referral-board">`, "Moved to visited.", `<h2 id="col-visited"><span>Visited</span><span>2</span></h2>`},
			[]string{"<html"},
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("HX-Retarget", "#referral-board")(t, app, res)
				referralsTExpect("refinvited00001", map[string]any{"status": "visited"})(t, app, res)
				if n := referralsTEvents(t, app, "refinvited00001"); n != 2 {
					t.Errorf("%d history rows, want 2", n)
				}
			}),
		post("a value change on a card returns the card", "refinvited00001",
			url.Values{"view": {"board"}, "status": {"invited"}, "pipeline_value": {"5000"}, "won_value": {""}}, true, http.StatusOK,
			[]string{`<article class="board-card" id="referral-refinvited00001">`, "Saved.", `<p class="meta">$5,000 · `},
			[]string{"<html", `id="referral-board"`},
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralsTExpect("refinvited00001", map[string]any{"status": "invited", "pipeline_value": 5000.0})(t, app, res)
				if n := referralsTEvents(t, app, "refinvited00001"); n != 1 {
					t.Errorf("a value change wrote history: %d rows", n)
				}
			}),
		post("without htmx a change goes back to the list it came from", "refinvited00001",
			url.Values{"view": {"table"}, "back": {"/dashboard/referrals?view=table&q=Ada"}, "status": {"qualified"}}, false, http.StatusSeeOther,
			nil, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", "/dashboard/referrals?q=Ada&view=table&notice=saved")(t, app, res)
				referralsTExpect("refinvited00001", map[string]any{"status": "qualified", "pipeline_value": 12000.0})(t, app, res)
			}),
		post("a return address off the referrals screen is ignored", "refinvited00001",
			url.Values{"back": {"https://evil.example/dashboard/referrals"}, "status": {"visited"}}, false, http.StatusSeeOther,
			nil, nil, expectHeader("Location", "/dashboard/referrals?view=board&notice=saved")),
		post("an illegal move is refused beside the status with the pipeline's words", "refwon000000001",
			url.Values{"view": {"table"}, "status": {"invited"}, "pipeline_value": {"30000"}, "won_value": {"1"}}, true, http.StatusUnprocessableEntity,
			[]string{"A referral that is won is final: it cannot move to invited.", `aria-invalid="true" aria-describedby="status-refwon000000001-error"`,
				`<option value="invited" selected>Invited</option>`, `value="1"`},
			[]string{"<html"},
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralsTExpect("refwon000000001", map[string]any{"status": "won", "won_value": 28000.0})(t, app, res)
				if n := referralsTEvents(t, app, "refwon000000001"); n != 1 {
					t.Errorf("a refused move wrote history: %d rows", n)
				}
			}),
		post("an illegal move without htmx shows the screen again with the message", "refwon000000001",
			url.Values{"view": {"board"}, "back": {"/dashboard/referrals"}, "status": {"booked"}}, false, http.StatusUnprocessableEntity,
			[]string{"<html", "A referral that is won is final: it cannot move to booked.", "That change was not saved"}, nil,
			referralsTExpect("refwon000000001", map[string]any{"status": "won"})),
		post("a negative value is refused beside its field and nothing is saved", "refinvited00001",
			url.Values{"view": {"table"}, "status": {"booked"}, "pipeline_value": {"-5"}}, true, http.StatusUnprocessableEntity,
			[]string{"Pipeline value cannot be negative.", `value="-5"`, `id="pipeline-refinvited00001-error"`, `<option value="booked" selected>Booked</option>`},
			nil, referralsTUnchanged),
		post("a won value that is not a number is refused beside its field", "refinvited00001",
			url.Values{"view": {"board"}, "status": {"invited"}, "won_value": {"lots"}}, true, http.StatusUnprocessableEntity,
			[]string{"Won value must be a number, like 12000.", `id="won-refinvited00001-error"`, "Set the values on its page"}, []string{`name="won_value"`}, referralsTUnchanged),
		post("an unknown status is refused", "refinvited00001",
			url.Values{"view": {"table"}, "status": {"archived"}}, true, http.StatusUnprocessableEntity,
			[]string{"is not a referral status"}, nil, referralsTUnchanged),
		post("a win without a won value takes the pipeline value and makes the referee a customer", "refinvited00001",
			url.Values{"view": {"table"}, "status": {"won"}, "won_value": {""}}, true, http.StatusOK,
			[]string{"Moved to won.", `value="12000"`}, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralsTExpect("refinvited00001", map[string]any{"status": "won", "won_value": 12000.0})(t, app, res)
				if c, err := app.FindFirstRecordByData("customers", "email", "ada@engines.example"); err != nil || c.GetString("source") != "referral" {
					t.Errorf("the referee did not become a referred customer: %v", err)
				}
			}),
		post("an unknown referral is not found", "nosuchreferral1", url.Values{"status": {"booked"}}, true, http.StatusNotFound,
			[]string{"That record does not exist"}, nil, nil),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardReferralsFlaggedReview(t *testing.T) {
	review := func(name, id string, values url.Values, htmx bool, status int, content []string, after func(testing.TB, *tests.TestApp, *http.Response)) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/dashboard/referrals/" + id + "/review", Body: webtest.Form(values),
			Headers: referralsTHeaders(htmx), ExpectedStatus: status, ExpectedContent: content,
			AfterTestFunc: after, TestAppFactory: referralsTApp,
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "the flagged list shows each held referral with why", Method: http.MethodGet, URL: "/dashboard/referrals?view=flagged",
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{
				`aria-current="page">Flagged (1)</a>`, "Sam Colleague", "Self-referral", "referrer&#39;s own company domain (navy.example)",
				`hx-post="/dashboard/referrals/refflagged00001/review"`, `value="accept" type="submit">Accept</button>`, `value="reject" type="submit">Reject</button>`,
			},
			NotExpectedContent: []string{"Ada Lovelace"},
		},
		{
			Name: "nothing to review says so", Method: http.MethodGet, URL: "/dashboard/referrals?view=flagged",
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := referralsTApp(t)
				if _, err := app.DB().NewQuery("UPDATE referrals SET flag = ''").Execute(); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent: []string{"Nothing to review.", "Flagged (0)"},
		},
		review("accepting clears the flag so the referral counts", "refflagged00001", url.Values{"action": {"accept"}}, true, http.StatusOK,
			[]string{"Accepted: Sam Colleague now counts toward Grace Hopper&#39;s rewards."},
			referralsTExpect("refflagged00001", map[string]any{"flag": "", "status": "invited"})),
		review("rejecting marks it lost and keeps it out of the counts", "refflagged00001",
			url.Values{"action": {"reject"}, "back": {"/dashboard/referrals?view=flagged"}}, false, http.StatusSeeOther, nil,
			func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", "/dashboard/referrals?view=flagged&notice=saved")(t, app, res)
				referralsTExpect("refflagged00001", map[string]any{"status": "lost", "flag": "self_referral", "lost_reason": "Rejected in review: self-referral"})(t, app, res)
				if n := referralsTEvents(t, app, "refflagged00001"); n != 2 {
					t.Errorf("%d history rows, want the creation and the loss", n)
				}
			}),
		{
			Name: "a won referral cannot be rejected: the pipeline's words say why", Method: http.MethodPost,
			URL: "/dashboard/referrals/refflagged00001/review", Body: webtest.Form(url.Values{"action": {"reject"}}),
			Headers: referralsTHeaders(true), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"A referral that is won is final: it cannot move to lost."},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := referralsTApp(t)
				if _, err := app.DB().NewQuery("UPDATE referrals SET status = 'won' WHERE id = 'refflagged00001'").Execute(); err != nil {
					t.Fatal(err)
				}
				return app
			},
			AfterTestFunc: referralsTExpect("refflagged00001", map[string]any{"status": "won", "flag": "self_referral", "lost_reason": ""}),
		},
		review("a referral that is not held cannot be reviewed", "refinvited00001", url.Values{"action": {"accept"}}, true, http.StatusUnprocessableEntity,
			[]string{"no longer waiting for review"}, referralsTUnchanged),
		review("a review needs accept or reject", "refflagged00001", url.Values{"action": {"maybe"}}, true, http.StatusUnprocessableEntity,
			[]string{"Choose accept or reject."}, referralsTExpect("refflagged00001", map[string]any{"flag": "self_referral", "status": "invited"})),
		review("a refused review without htmx shows the list again", "refflagged00001", url.Values{"action": {"maybe"}}, false, http.StatusUnprocessableEntity,
			[]string{"<html", "Choose accept or reject."}, referralsTExpect("refflagged00001", map[string]any{"flag": "self_referral"})),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardReferralsExport(t *testing.T) {
	readCSV := func(t testing.TB, res *http.Response) [][]string {
		body, _ := io.ReadAll(res.Body)
		rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, body)
		}
		return rows
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "export is a CSV attachment of every referral with formulas defused", Method: http.MethodGet, URL: "/dashboard/referrals/export.csv",
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{"id,created,referee_name,referee_email,referee_company,referrer_name,referrer_email,status,pipeline_value,won_value,channel,flagged"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
					t.Errorf("Content-Type %q", ct)
				}
				if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="referrals-`) {
					t.Errorf("Content-Disposition %q", cd)
				}
				rows := readCSV(t, res)
				if len(rows) != 5 {
					t.Fatalf("%d lines, want a header and 4 referrals", len(rows))
				}
				var formula []string
				for _, r := range rows {
					if r[0] == "refformula00001" {
						formula = r
					}
				}
				if formula == nil || formula[2] != `'=HYPERLINK("http://evil.example")` || formula[4] != "'+Evil Co" {
					t.Errorf("formula-looking cells were not defused: %q", formula)
				}
			},
		},
		{
			Name: "export keeps the table's filters", Method: http.MethodGet, URL: "/dashboard/referrals/export.csv?q=&status=won",
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusOK, TestAppFactory: referralsTApp,
			ExpectedContent: []string{"Alan Turing", "30000,28000"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if rows := readCSV(t, res); len(rows) != 2 {
					t.Errorf("%d lines, want a header and the one won referral", len(rows))
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
