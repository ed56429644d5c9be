package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// expectMoves checks the referral's history, oldest first, as "from>to".
func expectMoves(want ...string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		evs, _ := app.FindRecordsByFilter("referral_events", "referral = {:r}", "at", 0, 0, dbx.Params{"r": webtest.MustReferral(t, app).Id})
		var got []string
		for _, e := range evs {
			got = append(got, e.GetString("from_status")+">"+e.GetString("to_status"))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("history %v, want %v", got, want)
		}
	}
}

func TestRefereePage(t *testing.T) {
	booking := func(over map[string]string) *strings.Reader {
		v := url.Values{"name": {"Jo Bloggs"}, "email": {"jo@fabrikam.example"}, "company": {"Fabrikam"},
			"preferred_times": {"Tuesday afternoon, CET"}, "phone": {"+44 20 7946 0000"}}
		for k, val := range over {
			v.Set(k, val)
		}
		return webtest.Form(v)
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "the page says who referred them, in their words, with one next step, and marks the first visit",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusOK,
			Headers: browser,
			ExpectedContent: []string{
				"Introduced by Ana Lima, Northwind", "Jo&#39;s team has *our* old &lt;b&gt;reporting&lt;/b&gt; mess.",
				"About Acme", "Book a 20-minute conversation",
				`href="https://calendly.com/acme/intro?email=jo%40fabrikam.example&amp;name=Jo&#43;Bloggs"`,
				`name="name" type="text" autocomplete="name" required maxlength="200" value="Jo Bloggs"`,
				`value="jo@fabrikam.example"`, `name="preferred_times"`, `name="phone"`, "Not for me right now",
			},
			NotExpectedContent: []string{"<b>reporting</b>", "<em>our</em>", `href="/dashboard"`, "preview-banner", "source of new business"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				r := webtest.MustReferral(t, app)
				if r.GetString("status") != "visited" || r.GetDateTime("visited_at").IsZero() {
					t.Errorf("after the first visit: %s, visited_at %v", r.GetString("status"), r.GetDateTime("visited_at"))
				}
				expectMoves("invited>visited")(t, app, res)
			},
		},
		{
			Name: "an unknown code gets the friendly 404", Method: http.MethodGet, URL: "/i/ZZZZZZZZZZZZZZZZZZZZZZ",
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
			NotExpectedContent: []string{"Jo"},
		},
		{
			Name:   "a booking request moves the referral to booked, keeps the details, thanks the referrer and tells sales",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: booking(nil), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				r := webtest.MustReferral(t, app)
				if r.GetString("status") != "booked" || r.GetString("preferred_times") != "Tuesday afternoon, CET" ||
					r.GetString("phone") != "+44 20 7946 0000" || r.GetDateTime("booked_at").IsZero() {
					t.Errorf("referral %v", r.FieldsData())
				}
				if res.Header.Get("Location") != "/i/"+webtest.RefCode {
					t.Errorf("redirected to %q", res.Header.Get("Location"))
				}
				expectMoves("invited>booked")(t, app, res)
				if got := webtest.QueuedTo(t, app, "ana@northwind.example"); len(got) != 1 || got[0] != "Jo Bloggs booked a time with us: thank you" {
					t.Errorf("emails to the referrer: %v", got)
				}
				if got := webtest.QueuedTo(t, app, "sales@acme.example"); len(got) != 1 || got[0] != "Booked: Jo Bloggs wants to talk" {
					t.Errorf("emails to sales: %v", got)
				}
			},
		},
		{
			Name:   "after booking the page says what happens next",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				r := webtest.MustReferral(t, app)
				r.Set("status", "booked")
				r.Set("preferred_times", "Tuesday afternoon")
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Thank you, Jo!", "<q>Tuesday afternoon</q>"},
			NotExpectedContent: []string{`name="preferred_times"`},
		},
		{
			Name:   "with htmx the booking form is swapped for the confirmation",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: booking(nil), Headers: webtest.HTMXForm,
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<section id="booking"`, "Thank you, Jo!"}, NotExpectedContent: []string{"<html"},
		},
		{
			Name:   "a half-filled booking comes back with what to fix and what was typed",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: booking(map[string]string{"preferred_times": " ", "name": "", "phone": "0123"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Please tell us a few times that suit you", "Please tell us your name.", `value="Fabrikam"`, `value="0123"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if s := webtest.MustReferral(t, app).GetString("status"); s != "invited" {
					t.Errorf("status %s after a refused booking", s)
				}
				expectMoves()(t, app, res)
			},
		},
		{
			Name:   "declining loses the referral as declined and cancels every email still waiting for them",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: webtest.Form(url.Values{"decline": {"1"}}), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				r := webtest.MustReferral(t, app)
				if r.GetString("status") != "lost" || r.GetString("lost_reason") != "declined" {
					t.Errorf("referral %s / %s", r.GetString("status"), r.GetString("lost_reason"))
				}
				if got := webtest.QueuedTo(t, app, "jo@fabrikam.example"); len(got) != 0 {
					t.Errorf("emails still waiting for the person who declined: %v", got)
				}
				expectMoves("invited>lost")(t, app, res)
			},
		},
		{
			Name: "after declining the page only says so", Method: http.MethodGet, URL: "/i/" + webtest.RefCode,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				r := webtest.MustReferral(t, app)
				r.Set("status", "lost")
				r.Set("lost_reason", "declined")
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Understood, Jo", "We won&#39;t contact you again"},
			NotExpectedContent: []string{`name="preferred_times"`},
		},
		{
			Name:   "a won referral is not moved by a late booking post",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Body: booking(nil), Headers: webtest.FormHeader,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				if _, err := app.DB().NewQuery("UPDATE referrals SET status = 'won'").Execute(); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if s := webtest.MustReferral(t, app).GetString("status"); s != "won" {
					t.Errorf("status %s", s)
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestPipelineTransitionsThroughTheRESTAPI(t *testing.T) {
	su := map[string]string{"Authorization": testapp.SuperuserToken, "Content-Type": "application/json"}
	at := func(status string) func(testing.TB) *tests.TestApp {
		return func(t testing.TB) *tests.TestApp {
			app := webtest.WithReferral(t)
			if _, err := app.DB().NewQuery("UPDATE referrals SET status = {:s}").Bind(dbx.Params{"s": status}).Execute(); err != nil {
				t.Fatal(err)
			}
			return app
		}
	}
	url := "/api/collections/referrals/records/"
	var scenarios []tests.ApiScenario
	for _, c := range []struct {
		from, to string
		legal    bool
	}{
		{"invited", "visited", true}, {"visited", "booked", true}, {"booked", "qualified", true},
		{"qualified", "won", true}, {"invited", "qualified", true}, {"visited", "lost", true}, {"qualified", "lost", true},
		{"won", "invited", false}, {"won", "lost", false}, {"lost", "visited", false}, {"booked", "visited", false},
		{"qualified", "invited", false},
	} {
		s := tests.ApiScenario{
			Name:   c.from + " → " + c.to,
			Method: http.MethodPatch, Body: strings.NewReader(`{"status":"` + c.to + `","pipeline_value":12000}`),
			Headers: su, TestAppFactory: at(c.from),
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {},
		}
		s.URL = url + "REFID"
		if c.legal {
			s.ExpectedStatus = http.StatusOK
			s.ExpectedContent = []string{`"status":"` + c.to + `"`}
			from, to := c.from, c.to
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectMoves(from+">"+to)(t, app, res)
				r := webtest.MustReferral(t, app)
				if to == "won" && r.GetFloat("won_value") != 12000 {
					t.Errorf("won_value %v, want the pipeline value", r.GetFloat("won_value"))
				}
			}
		} else {
			s.ExpectedStatus = http.StatusBadRequest
			s.ExpectedContent = []string{`"status":{"code":"invalid_transition"`}
			from := c.from
			s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := webtest.MustReferral(t, app).GetString("status"); got != from {
					t.Errorf("status %s after a refused move, want %s", got, from)
				}
				expectMoves()(t, app, res)
			}
		}
		scenarios = append(scenarios, s)
	}
	for _, s := range scenarios {
		// the referral's id is only known once the app exists
		factory := s.TestAppFactory
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := factory(t)
			s.URL = url + webtest.MustReferral(t, app).Id
			return app
		}
		s.Test(t)
	}
}
