package dashboard_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/mail"
	"warmloop/internal/privacy"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The referral page's fixture: Ana (Northwind) had an NPS 10 that set off an
// ask; she introduced Jo, who visited and booked, and Max. The settings have
// a sales inbox and a webhook, so each referral queued its own note and
// webhooks. Jo's visit records its actor; the other moves are older than the actor.
const (
	detailJo  = "refjo0000000001"
	detailMax = "refmax000000001"
	detailURL = "/dashboard/referrals/" + detailJo
)

func referralDetailTApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("sales_inbox", "sales@acme.example")
	s.Set("webhook_url", "https://crm.example/hooks/warmloop")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"id": "custana00000001", "company": "Northwind"})
	moment := testapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 10,
		"comment": "Saved us a week of reporting", "source": "delighted", "occurred_at": "2026-11-20 10:00:00.000Z"})
	ask := testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "moment": moment.Id, "touch": 1,
		"variant": "short-and-warm", "status": "referred"})
	testapp.Save(t, app, "referrals", map[string]any{"id": detailJo, "referrer": ana.Id, "ask": ask.Id,
		"referee_name": "Jo Bloggs", "referee_email": "jo@fabrikam.example", "referee_company": "Fabrikam",
		"message": "Jo's team has our old reporting mess.", "status": "invited", "channel": "landing"})
	testapp.Save(t, app, "referrals", map[string]any{"id": detailMax, "referrer": ana.Id,
		"referee_name": "Max Mustermann", "referee_email": "max@contoso.example", "status": "invited", "channel": "share_link"})
	for _, status := range []string{"visited", "booked"} {
		jo, err := app.FindRecordById("referrals", detailJo)
		if err != nil {
			t.Fatal(err)
		}
		jo.Set("status", status)
		if err := app.Save(jo); err != nil {
			t.Fatal(err)
		}
	}
	// Moves made before anyone was recorded have no actor; Kim's has.
	_, err = app.DB().NewQuery(`UPDATE referral_events
		SET actor = CASE to_status WHEN 'visited' THEN 'Kim from sales' ELSE '' END
		WHERE referral = {:id}`).Bind(dbx.Params{"id": detailJo}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	testapp.Save(t, app, "referral_notes", map[string]any{"referral": detailJo, "author": "Lee", "body": "Warm lead: knows our CTO."})
	testapp.Save(t, app, "referral_notes", map[string]any{"referral": detailMax, "author": "Lee", "body": "A note about Max only."})
	return app
}

// referralDetailTNotes lists a referral's note bodies, newest first.
func referralDetailTNotes(t testing.TB, app core.App, id string) []string {
	var bodies []string
	err := app.DB().Select("body").From("referral_notes").Where(dbx.HashExp{"referral": id}).
		OrderBy("created DESC", "rowid DESC").Column(&bodies)
	if err != nil {
		t.Fatal(err)
	}
	return bodies
}

// referralDetailTNotesAre checks a referral's notes after a request.
func referralDetailTNotesAre(id string, want ...string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if got := referralDetailTNotes(t, app, id); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("notes %q, want %q", got, want)
		}
	}
}

// inOrder checks that each piece appears in body after the one before it.
func inOrder(t testing.TB, body string, pieces ...string) {
	t.Helper()
	at := 0
	for _, p := range pieces {
		i := strings.Index(body[at:], p)
		if i < 0 {
			t.Errorf("%q is missing, or not after %q", p, body[:at][max(0, at-80):])
			return
		}
		at += i + len(p)
	}
}

func TestAReferralsPageShowsItsWholeStory(t *testing.T) {
	h := referralsTHeaders(false)
	scenarios := []tests.ApiScenario{
		{
			Name: "the page shows the referee, the referrer, the ask and the moment behind it", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{
				"<h1>Jo Bloggs", `<span class="pill booked">Booked</span>`, "jo@fabrikam.example", "Fabrikam",
				`<a href="/dashboard/customers/custana00000001">Ana Lima</a>`, "Jo&#39;s team has our old reporting mess.",
				"NPS answer, score 10, from delighted on 20 Nov 2026", "Saved us a week of reporting", "short-and-warm",
				"The ask&#39;s landing page",
			},
		},
		{
			Name: "the page shows every move in order, with who made it when known", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{`id="history-title"`},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				body := readBody(t, res)
				history := body[strings.Index(body, `id="history-title"`):]
				inOrder(t, history, "Made: Invited", "Invited → Visited", "by Kim from sales", "Visited → Booked")
				if n := strings.Count(history[:strings.Index(history, "</ol>")], " · by "); n != 1 {
					t.Errorf("%d moves say who made them, want only the one with an actor", n)
				}
			},
		},
		{
			Name: "the page lists this referral's emails and webhooks and not another's", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{
				"New referral: Jo Bloggs from Ana Lima", "sales@acme.example", "referral.created", "referral.booked",
				"https://crm.example/hooks/warmloop", "Thank you", "0 attempts", "Read the email", "Read the webhook&#39;s body",
				"&#34;id&#34;: &#34;" + detailJo + "&#34;",
			},
			NotExpectedContent: []string{"Max Mustermann", detailMax},
		},
		{
			Name: "the page lists this referral's notes newest first, with author and time", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent:    []string{"Internal notes (1)", "Lee · <time", "Warm lead: knows our CTO.", `hx-post="/dashboard/referrals/` + detailJo + `/notes"`},
			NotExpectedContent: []string{"A note about Max only."},
		},
		{
			Name: "the page offers the moves the status allows and no way back", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{
				`<option value="booked" selected>Booked</option><option value="qualified">Qualified</option><option value="won">Won</option><option value="lost">Lost</option></select>`,
				`name="pipeline_value"`, `name="won_value"`, "Save and move",
			},
			NotExpectedContent: []string{`<option value="invited">`, `<option value="visited">`},
		},
		{
			Name: "a referee who is already a customer links to their customer page", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := referralDetailTApp(t)
				testapp.Customer(t, app, "Jo Bloggs", "jo@fabrikam.example", map[string]any{"id": "custjo000000001"})
				return app
			},
			ExpectedContent: []string{`<a href="/dashboard/customers/custjo000000001">Jo Bloggs</a> (already a customer)`},
		},
		{
			Name: "an unknown referral gets the dashboard's not found page", Method: http.MethodGet, URL: "/dashboard/referrals/nosuchreferral1",
			Headers: h, ExpectedStatus: http.StatusNotFound, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{"Not found", "That record does not exist"},
		},
		{
			Name: "an erased referee shows as erased and the page still works", Method: http.MethodGet, URL: detailURL,
			Headers: h, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := referralDetailTApp(t)
				if _, err := privacy.Erase(app, "jo@fabrikam.example"); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent:    []string{"<h1>Erased", `<span class="pill">Erased</span>`, "Erased at their request", "Ana Lima"},
			NotExpectedContent: []string{"jo@fabrikam.example", "Jo Bloggs", "Fabrikam", "Erase the referee…"},
		},
		{
			Name: "board cards link to the referral's page", Method: http.MethodGet, URL: "/dashboard/referrals",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{`<p class="who"><a href="/dashboard/referrals/` + detailJo + `">Jo Bloggs</a></p>`},
		},
		{
			Name: "table rows link to the referral's page", Method: http.MethodGet, URL: "/dashboard/referrals?view=table",
			Headers: h, ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{`<strong><a href="/dashboard/referrals/` + detailJo + `">Jo Bloggs</a></strong>`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestNotesAreAddedOnAReferralsPage(t *testing.T) {
	notes := detailURL + "/notes"
	scenarios := []tests.ApiScenario{
		{
			Name: "a note added with htmx comes back listed first, the form cleared", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {"Called Jo.\u202e\r\nDemo on Friday."}}), Headers: referralsTHeaders(true),
			ExpectedStatus: http.StatusOK, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{
				`<section id="referral-notes"`, "data-focus-heading", "Internal notes (2)", "Note added.", `name="body" rows="3" maxlength="5000"></textarea>`,
				testapp.SuperuserEmail + " (superuser) · <time",
			},
			NotExpectedContent: []string{"<html", "field-error"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralDetailTNotesAre(detailJo, "Called Jo.\nDemo on Friday.", "Warm lead: knows our CTO.")(t, app, res)
				inOrder(t, readBody(t, res), "Demo on Friday.", "Warm lead")
			},
		},
		{
			Name: "a blank note is refused beside its field and nothing is stored or lost", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {"  \r\n "}}), Headers: referralsTHeaders(true),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{
				`<p class="field-error" id="note-body-error" role="alert">Write something before adding the note.</p>`,
				`aria-invalid="true"`, "Warm lead: knows our CTO.",
			},
			NotExpectedContent: []string{"Note added."},
			AfterTestFunc:      referralDetailTNotesAre(detailJo, "Warm lead: knows our CTO."),
		},
		{
			Name: "an overlong note is refused and comes back as typed", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {"Long story: " + strings.Repeat("x", 5000)}}), Headers: referralsTHeaders(true),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{"at most 5,000 characters", ">Long story: xxxx"},
			AfterTestFunc:   referralDetailTNotesAre(detailJo, "Warm lead: knows our CTO."),
		},
		{
			Name: "a note added without htmx goes back to the page", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {"No script here."}}), Headers: referralsTHeaders(false),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: referralDetailTApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", detailURL+"?notice=saved")(t, app, res)
				referralDetailTNotesAre(detailJo, "No script here.", "Warm lead: knows our CTO.")(t, app, res)
			},
		},
		{
			Name: "a blank note without htmx comes back on the whole page", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {""}}), Headers: referralsTHeaders(false),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{"<h1>Jo Bloggs", "Write something before adding the note."},
			AfterTestFunc:   referralDetailTNotesAre(detailJo, "Warm lead: knows our CTO."),
		},
		{
			Name: "a note on an unknown referral is not found", Method: http.MethodPost, URL: "/dashboard/referrals/nosuchreferral1/notes",
			Body: webtest.Form(url.Values{"body": {"Hello"}}), Headers: referralsTHeaders(false),
			ExpectedStatus: http.StatusNotFound, TestAppFactory: referralDetailTApp,
			ExpectedContent: []string{"That record does not exist"},
			AfterTestFunc:   referralDetailTNotesAre(detailJo, "Warm lead: knows our CTO."),
		},
		{
			Name: "a guest is sent to the login and adds no note", Method: http.MethodPost, URL: notes,
			Body: webtest.Form(url.Values{"body": {"Sneaky"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: referralDetailTApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/dashboard/login?next=") {
					t.Errorf("sent to %q, want the login", loc)
				}
				referralDetailTNotesAre(detailJo, "Warm lead: knows our CTO.")(t, app, res)
			},
		},
		{
			Name: "a guest opening the page is sent to the login", Method: http.MethodGet, URL: detailURL,
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: referralDetailTApp,
			NotExpectedContent: []string{"Jo Bloggs"},
			AfterTestFunc:      expectHeader("Location", "/dashboard/login?next="+url.QueryEscape(detailURL)),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestAMoveFromAReferralsPage(t *testing.T) {
	events := func(t testing.TB, app *tests.TestApp) int { return referralsTEvents(t, app, detailJo) }
	var before int
	fixture := func(t testing.TB) *tests.TestApp {
		app := referralDetailTApp(t)
		before = events(t, app)
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "a move to qualified with a value writes one event and goes back to the page", Method: http.MethodPost, URL: detailURL,
			Body:    webtest.Form(url.Values{"view": {"detail"}, "status": {"qualified"}, "pipeline_value": {"18,000"}, "won_value": {""}}),
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusSeeOther, TestAppFactory: fixture,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", detailURL+"?notice=saved")(t, app, res)
				referralsTExpect(detailJo, map[string]any{"status": "qualified", "pipeline_value": 18000.0})(t, app, res)
				if n := events(t, app); n != before+1 {
					t.Errorf("%d events after the move, want %d", n, before+1)
				}
			},
		},
		{
			Name: "a move back is refused beside the status with what was typed, and nothing changes", Method: http.MethodPost, URL: detailURL,
			Body:    webtest.Form(url.Values{"view": {"detail"}, "status": {"invited"}, "pipeline_value": {"7000"}}),
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: fixture,
			ExpectedContent: []string{"<h1>Jo Bloggs", `id="move-status-error"`, "cannot move back", `value="7000"`, "That change was not saved",
				`<option value="invited" selected>Invited</option>`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				referralsTExpect(detailJo, map[string]any{"status": "booked", "pipeline_value": 0.0})(t, app, res)
				if n := events(t, app); n != before {
					t.Errorf("%d events after a refused move, want %d", n, before)
				}
			},
		},
		{
			Name: "a value that is not a number is refused beside it", Method: http.MethodPost, URL: detailURL,
			Body:    webtest.Form(url.Values{"view": {"detail"}, "status": {"qualified"}, "pipeline_value": {"lots"}}),
			Headers: referralsTHeaders(false), ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: fixture,
			ExpectedContent: []string{`id="move-pipeline-error"`, "must be a number", `value="lots"`},
			AfterTestFunc:   referralsTExpect(detailJo, map[string]any{"status": "booked"}),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheSalesNoteLinksToTheReferralsPage(t *testing.T) {
	app := referralDetailTApp(t)
	defer app.Cleanup()
	row, err := app.FindFirstRecordByFilter("outbox", "referral = {:id} && kind = 'email' && subject ~ 'New referral'", dbx.Params{"id": detailJo})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.Compose(app, row)
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`href="([^"]+)"[^>]*>Open the referral`).FindStringSubmatch(msg.HTML)
	if link == nil || !strings.HasSuffix(link[1], "/dashboard/referrals/"+detailJo) {
		t.Errorf("the note's link is %v, want the referral's page", link)
	}
	if strings.Contains(msg.HTML, "/_/") || !strings.Contains(msg.Text, "/dashboard/referrals/"+detailJo) {
		t.Errorf("the note points elsewhere: %s", msg.Text)
	}
}
