package public_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/pages"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// introduction is a valid landing-page post, with fields overridden.
func introduction(over map[string]string) *strings.Reader {
	v := url.Values{
		"referee_name": {"Jo Bloggs"}, "referee_email": {"jo@fabrikam.example"},
		"referee_company": {"Fabrikam"}, "message": {"Jo's team has the reporting mess we had."}, "copy_me": {"1"},
	}
	for k, val := range over {
		v.Set(k, val)
	}
	return webtest.Form(v)
}

// expectReferrals checks how many referrals were written for an email.
func expectReferrals(email string, want int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		n, err := app.CountRecords("referrals", dbx.HashExp{"referee_email": email})
		if err != nil {
			t.Fatal(err)
		}
		if int(n) != want {
			t.Errorf("%d referrals for %s, want %d", n, email, want)
		}
	}
}

// expectNothingWritten checks a refused post left no referral, no email and
// the ask as it was.
func expectNothingWritten(t testing.TB, app *tests.TestApp, _ *http.Response) {
	n, _ := app.CountRecords("referrals", dbx.HashExp{"referrer": webtest.MustAna(t, app).Id})
	m, _ := app.CountRecords("outbox", dbx.HashExp{"kind": "email"})
	ask, _ := app.FindFirstRecordByData("asks", "token", webtest.AskToken)
	if n != 0 || m != 0 || ask.GetString("status") != "sent" {
		t.Errorf("%d referrals, %d emails, ask %s: want nothing written", n, m, ask.GetString("status"))
	}
}

func TestLandingPage(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:   "the ask link shows the program, the incentive, the reassurance and the pre-drafted form",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken, TestAppFactory: webtest.WithReferrer, Headers: browser,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"Hi Ana,", "How it works", "A personal thank-you and a place on our Wall of Thanks",
				"<strong>3 introductions:</strong> a curated gift box, and you become a <em>Connector</em>", "How we treat your contact", "never sold",
				`name="referee_name"`, `name="referee_email"`, `name="referee_company"`, `name="message"`,
				"I&#39;ve been using Acme with my team at Northwind", `name="copy_me" value="1" checked`,
				`name="website"`, "Send my introduction", `href="mailto:?subject=An%20introduction%20to%20Acme&amp;body=`,
				"%2Fs%2F" + webtest.ShareCode + "%3Fvia%3Demail", `value="http://localhost:8090/s/` + webtest.ShareCode + `"`,
			},
			NotExpectedContent: []string{`href="/dashboard"`, "{{", "preview-banner", "disabled data-preview"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ask, _ := app.FindFirstRecordByData("asks", "token", webtest.AskToken)
				if ask.GetString("status") != "clicked" || ask.GetDateTime("clicked_at").IsZero() {
					t.Errorf("first visit: ask %s clicked_at %v, want clicked", ask.GetString("status"), ask.GetDateTime("clicked_at"))
				}
			},
		},
		{
			Name: "a later visit leaves the first click as it was", Method: http.MethodGet, URL: "/r/" + webtest.AskToken,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferrer(t)
				ask, _ := app.FindFirstRecordByData("asks", "token", webtest.AskToken)
				ask.Set("status", "referred")
				ask.Set("clicked_at", "2026-10-01 09:00:00.000Z")
				if err := app.Save(ask); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Hi Ana,"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ask, _ := app.FindFirstRecordByData("asks", "token", webtest.AskToken)
				if ask.GetString("status") != "referred" || ask.GetDateTime("clicked_at").String() != "2026-10-01 09:00:00.000Z" {
					t.Errorf("a later visit changed the ask: %s %v", ask.GetString("status"), ask.GetDateTime("clicked_at"))
				}
			},
		},
		{
			Name: "an unknown token gets the friendly 404 with no hint", Method: http.MethodGet, URL: "/r/ZZZZZZZZZZZZZZZZZZZZZZ",
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
			NotExpectedContent: []string{"Ana", "token"},
		},
		{
			Name: "a malformed token gets the same 404", Method: http.MethodGet, URL: "/r/x",
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
		},
		{
			Name:   "sending the form makes the referral, marks the ask, queues the intro email, and redirects",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(nil), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); loc != "/r/"+webtest.AskToken+"?sent=1" {
					t.Errorf("redirected to %q", loc)
				}
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "jo@fabrikam.example")
				if err != nil {
					t.Fatal("no referral")
				}
				ask, _ := app.FindFirstRecordByData("asks", "token", webtest.AskToken)
				if ref.GetString("status") != "invited" || ref.GetString("referrer") != webtest.MustAna(t, app).Id ||
					ref.GetString("ask") != ask.Id || len(ref.GetString("code")) < 22 || ref.GetString("channel") != "landing" ||
					ref.GetString("flag") != "" || ref.GetString("referee_company") != "Fabrikam" {
					t.Errorf("referral %v", ref.FieldsData())
				}
				if ask.GetString("status") != "referred" || ask.GetDateTime("clicked_at").IsZero() {
					t.Errorf("ask %s, clicked_at %v", ask.GetString("status"), ask.GetDateTime("clicked_at"))
				}
				mail, err := app.FindFirstRecordByData("outbox", "to", "jo@fabrikam.example")
				if err != nil || mail.GetString("status") != "pending" || mail.GetString("subject") != "Ana Lima suggested we talk" ||
					!strings.Contains(mail.GetString("payload"), `"cc":true`) || !strings.Contains(mail.GetString("payload"), ref.Id) {
					t.Errorf("intro email %v, %v", mail, err)
				}
				ev, err := app.FindFirstRecordByData("referral_events", "referral", ref.Id)
				if err != nil || ev.GetString("to_status") != "invited" || ev.GetString("from_status") != "" {
					t.Errorf("history %v, %v", ev, err)
				}
			},
		},
		{
			Name:   "after the redirect the page thanks the referrer and says what happens next",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken + "?sent=1",
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferrer(t)
				testapp.Save(t, app, "referrals", map[string]any{
					"referrer": webtest.MustAna(t, app).Id, "ask": webtest.MustAsk(t, app).Id, "referee_name": "Jo Bloggs",
					"referee_email": "jo@fabrikam.example", "status": "invited", "channel": "landing",
				})
				return app
			},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{"Thank you, Ana!", "Your note to Jo Bloggs is on its way.", "What happens next", "Introduce someone else"},
			NotExpectedContent: []string{`name="referee_name"`},
		},
		{
			Name:   "with htmx the form is swapped for the confirmation fragment",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(nil), Headers: webtest.HTMXForm,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`<section id="refer"`, "Thank you, Ana!", "Your note to Jo Bloggs is on its way."},
			NotExpectedContent: []string{"<html", "<body"},
			AfterTestFunc:      expectReferrals("jo@fabrikam.example", 1),
		},
		{
			Name:   "unticking copy me leaves the referrer out of the email",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"copy_me": ""}), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				mail, err := app.FindFirstRecordByData("outbox", "to", "jo@fabrikam.example")
				if err != nil || !strings.Contains(mail.GetString("payload"), `"cc":false`) {
					t.Errorf("intro email %v, %v", mail, err)
				}
			},
		},
		{
			Name:   "an existing customer is known: nothing is written and the referrer is told kindly",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "Known@Contoso.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"We already know Jo Bloggs", "we have not sent anything"},
			AfterTestFunc:   expectNothingWritten,
		},
		{
			Name:   "someone referred 30 days ago by another customer stays with their first referrer",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "recent@fabrikam.example"}),
			Headers: webtest.HTMXForm, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"We already know Jo Bloggs"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectNothingWritten(t, app, res)
				expectReferrals("recent@fabrikam.example", 1)(t, app, res)
			},
		},
		{
			Name:   "someone referred 200 days ago can be introduced again",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "old@fabrikam.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: expectReferrals("old@fabrikam.example", 2),
		},
		{
			Name:   "someone who declined is never introduced again, however long ago",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "declined@fabrikam.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"We already know"}, AfterTestFunc: expectNothingWritten,
		},
		{
			Name:   "a colleague at the referrer's own company is allowed but flagged for review",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "sam@northwind.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "sam@northwind.example")
				if err != nil || ref.GetString("flag") != "self_referral" {
					t.Errorf("referral %v, %v: want flagged self_referral", ref, err)
				}
			},
		},
		{
			Name:   "two people on the same free-mail provider are not colleagues",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_email": "jo.bloggs@gmail.com"}),
			Headers: webtest.FormHeader, TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferrer(t)
				ana := webtest.MustAna(t, app)
				ana.Set("email", "ana.lima@gmail.com")
				if err := app.Save(ana); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "jo.bloggs@gmail.com")
				if err != nil || ref.GetString("flag") != "" {
					t.Errorf("referral %v, %v: want no flag", ref, err)
				}
			},
		},
		{
			Name:   "an invalid email and an empty name come back beside their fields with everything typed kept",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken,
			Body:    introduction(map[string]string{"referee_name": "  ", "referee_email": "jo at fabrikam", "referee_company": "Fabrikam & Co", "message": "My <b>own</b> words"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{
				`id="referee_name-error">Please give your colleague&#39;s name.`,
				`id="referee_email-error">That doesn&#39;t look like an email address.`,
				`value="jo at fabrikam"`, `value="Fabrikam &amp; Co"`, "My &lt;b&gt;own&lt;/b&gt; words</textarea>",
				`aria-invalid="true" aria-describedby="referee_email-error"`, "Hi Ana,",
			},
			AfterTestFunc: expectNothingWritten,
		},
		{
			Name:   "oversized fields are refused with their limits",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken,
			Body:    introduction(map[string]string{"referee_name": strings.Repeat("n", 201), "message": strings.Repeat("m", 5001)}),
			Headers: webtest.HTMXForm, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"keep it under 200 characters", "keep it under 5,000 characters"},
			AfterTestFunc:   expectNothingWritten,
		},
		{
			Name:   "a bot that fills the hidden field sees a confirmation and nothing is written",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"website": "http://spam.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Your note to Jo Bloggs is on its way."}, AfterTestFunc: expectNothingWritten,
		},
		{
			Name:   "a name with markup is shown as text in the confirmation",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(map[string]string{"referee_name": "<script>alert(1)</script>"}),
			Headers: webtest.HTMXForm, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"Your note to &lt;script&gt;alert(1)&lt;/script&gt; is on its way."},
			NotExpectedContent: []string{"<script>alert"},
		},
		{
			Name: "a post from another site is refused", Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Body: introduction(nil),
			Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"Request refused"},
			AfterTestFunc: expectNothingWritten,
		},
		{
			Name: "posting to an unknown token writes nothing", Method: http.MethodPost, URL: "/r/ZZZZZZZZZZZZZZZZZZZZZZ",
			Body: introduction(nil), Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer,
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"}, AfterTestFunc: expectNothingWritten,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheEleventhPostInAMinuteIsRateLimitedWithAPage(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	var last *http.Response
	for i := range 11 {
		body := introduction(map[string]string{"referee_email": fmt.Sprintf("p%d@fabrikam.example", i), "referee_name": ""})
		res, err := http.Post(srv.URL+"/r/"+webtest.AskToken, "application/x-www-form-urlencoded", body)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if i < 10 && res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("post %d: %s, want 422 (under the limit)", i+1, res.Status)
		}
		last = res
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.HasPrefix(last.Header.Get("Content-Type"), "text/html") {
		t.Errorf("the 11th post: %s %s, want a 429 page", last.Status, last.Header.Get("Content-Type"))
	}
}

func TestLandingPageIsRenderedOnceAndFollowsEdits(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	get := func() string {
		res, err := http.Get(srv.URL + "/r/" + webtest.AskToken)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		_, _ = io.Copy(&b, res.Body)
		return b.String()
	}
	if !strings.Contains(get(), "How it works") {
		t.Fatal("the default landing page is not shown")
	}
	page, _ := pages.FindBySlug(app, "landing")
	page.Set("body", "Hello {{first_name}}, we **changed** this.")
	if err := app.Save(page); err != nil {
		t.Fatal(err)
	}
	if body := get(); !strings.Contains(body, "Hello Ana, we <strong>changed</strong> this.") || strings.Contains(body, "How it works") {
		t.Error("an edit of the landing page is not shown on the next visit")
	}
	ana := webtest.MustAna(t, app)
	ana.Set("name", "Anabel Lima")
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(), "Hello Anabel,") {
		t.Error("a renamed referrer still sees the old name")
	}
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("company_name", "Globex")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(), "An%20introduction%20to%20Globex") {
		t.Error("a renamed company is not shown on the next visit")
	}
}
