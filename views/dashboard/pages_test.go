package dashboard_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/pages"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// pagesPostHeaders is the headers of a signed-in admin posting a form.
func pagesPostHeaders() map[string]string {
	return map[string]string{
		"Cookie":       "warmloop_session=" + testapp.SuperuserToken,
		"Content-Type": "application/x-www-form-urlencoded",
	}
}

// expectPage checks the saved title and body of a page.
func expectPage(slug, title, body string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := pages.FindBySlug(app, slug)
		if err != nil {
			t.Fatal(err)
		}
		if r.GetString("title") != title || r.GetString("body") != body {
			t.Errorf("the %s page is %q / %q, want %q / %q", slug, r.GetString("title"), r.GetString("body"), title, body)
		}
	}
}

// expectDefaultLanding checks that the landing page was not written.
func expectDefaultLanding(t testing.TB, app *tests.TestApp, _ *http.Response) {
	r, err := pages.FindBySlug(app, "landing")
	if err != nil {
		t.Fatal(err)
	}
	if r.GetString("title") != "Know someone who should meet us?" || !strings.Contains(r.GetString("body"), "## How it works") {
		t.Errorf("the landing page was changed: %q / %q", r.GetString("title"), r.GetString("body"))
	}
}

func TestDashboardPages(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	pageSession := pagesPostHeaders()
	htmx := pagesPostHeaders()
	htmx["HX-Request"] = "true"
	scenarios := []tests.ApiScenario{
		{
			Name: "guest asking for the pages is sent to the login", Method: http.MethodGet, URL: "/dashboard/pages",
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Fpages"),
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "guest asking for the editor is sent to the login", Method: http.MethodGet, URL: "/dashboard/pages/landing",
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"How it works"}, TestAppFactory: testapp.Bare,
		},
		{
			Name: "guest cannot save a page", Method: http.MethodPost, URL: "/dashboard/pages/landing",
			Body: webtest.Form(url.Values{"title": {"Hacked"}, "body": {"Hacked"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: expectDefaultLanding, TestAppFactory: testapp.Bare,
		},
		{
			Name: "guest cannot render a preview", Method: http.MethodPost, URL: "/dashboard/pages/landing/preview",
			Body: webtest.Form(url.Values{"body": {"Hi {{first_name}}"}}), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"Dana"}, TestAppFactory: testapp.Bare,
		},
		{
			Name: "htmx preview from a guest is redirected by header", Method: http.MethodPost, URL: "/dashboard/pages/landing/preview",
			Body: webtest.Form(url.Values{"body": {"Hi"}}), Headers: map[string]string{"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"},
			ExpectedStatus: http.StatusUnauthorized, TestAppFactory: testapp.Bare,
		},
		{
			Name: "admin sees every page with what it is for", Method: http.MethodGet, URL: "/dashboard/pages",
			Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"Pages and emails", "Pages people open", "Emails",
				"The page a customer opens from their ask email", `href="/dashboard/pages/landing"`,
				"The personal page of the person introduced", "The ask email", "<code>intro_email</code>",
				"<code>draft_message</code>", "<code>thanks_booked</code>", "<code>thanks_won</code>",
				"<code>sales_new_referral</code>", "<code>sales_booked</code>", "<code>reward_earned</code>",
				"<code>reward_fulfilled</code>", "Know someone who should meet us?",
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "the editor lists the page's variables beside the markdown, with a live preview", Method: http.MethodGet,
			URL: "/dashboard/pages/landing", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<label for="body">`, `<textarea id="body" name="body"`, "## How it works",
				`hx-post="/dashboard/pages/landing/preview"`, `hx-trigger="input changed delay:400ms, load"`, `hx-target="#preview"`,
				`<code>{{first_name}}</code>`, "The customer&#39;s first name", "e.g. Dana",
				`<code>{{company}}</code>`, `<code>{{company_name}}</code>`, `<code>{{incentive}}</code>`, `<code>{{tiers}}</code>`,
				`value="Know someone who should meet us?"`, `<div id="preview" class="preview"`,
				"<h2>How it works</h2>", "Hi Dana,", "A personal thank-you and a place on our Wall of Thanks",
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "an email's editor shows the email as it arrives and its text version", Method: http.MethodGet,
			URL: "/dashboard/pages/ask_email", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"<label for=\"title\">Subject</label>", `<label for="body">Text (markdown)</label>`, `<code>{{link}}</code>`, "Subject:</span> <strong>A quick favour, Dana?</strong>",
				`<iframe class="email-frame"`, `sandbox=""`, "srcdoc=\"&lt;!doctype html&gt;", "Unsubscribe from these emails",
				"Plain-text version", "Introduce someone: http", "/r/sample-link",
				"15 message variants are active</strong>, so ask emails use their wording", `href="/dashboard/program?tab=variants"`,
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a page that does not exist is a 404", Method: http.MethodGet, URL: "/dashboard/pages/nope",
			Headers: session, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "the preview renders markdown with sample values and leaves out HTML the admin typed", Method: http.MethodPost,
			URL:     "/dashboard/pages/landing/preview",
			Body:    webtest.Form(url.Values{"title": {"Hello {{first_name}}"}, "body": {"## Welcome, {{first_name}} of {{company}}\n\n<script>alert(1)</script>\n\n**Thanks** for <b onclick=x>this</b>"}}),
			Headers: htmx, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"<h1>Hello Dana</h1>", "<h2>Welcome, Dana of Northwind Traders</h2>", "<strong>Thanks</strong> for <!-- raw HTML omitted -->this",
			},
			NotExpectedContent: []string{"<script>", "alert(1)", "<b onclick", "<html", "site-header"},
			AfterTestFunc:      expectDefaultLanding,
			TestAppFactory:     testapp.Bare,
		},
		{
			Name: "the preview points out a mistyped variable", Method: http.MethodPost, URL: "/dashboard/pages/landing/preview",
			Body:    webtest.Form(url.Values{"title": {"Hi"}, "body": {"Hi {{frist_name}}"}}),
			Headers: htmx, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Not a variable of this page", "{{frist_name}}"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "an email preview is the email with its subject and text version", Method: http.MethodPost,
			URL:     "/dashboard/pages/intro_email/preview",
			Body:    webtest.Form(url.Values{"title": {"{{referrer_name}} says hello"}, "body": {"Hi {{referee_first_name}}, see [your page]({{link}})."}}),
			Headers: htmx, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"<strong>Dana Whitfield says hello</strong>",
				"Hi Sam, see &lt;a href=&#34;http://localhost:8090/i/sample-code&#34;&gt;your page&lt;/a&gt;.",
				"Hi Sam, see your page: http://localhost:8090/i/sample-code.",
				"Dana Whitfield asked Acme to write to you.",
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "saving a page changes it and goes back to the editor", Method: http.MethodPost, URL: "/dashboard/pages/referee",
			Body:    webtest.Form(url.Values{"title": {"Meet us, {{referee_first_name}}"}, "body": {"{{referrer_name}} sent you.\r\n\r\n## Next\r\nBook a call."}}),
			Headers: pageSession, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectHeader("Location", "/dashboard/pages/referee?notice=saved")(t, app, res)
				expectPage("referee", "Meet us, {{referee_first_name}}", "{{referrer_name}} sent you.\n\n## Next\nBook a call.")(t, app, res)
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "the editor confirms a save", Method: http.MethodGet, URL: "/dashboard/pages/referee?notice=saved",
			Headers: session, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`<p class="notice" role="status">Saved.</p>`},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "an empty page is refused beside the field and nothing is written", Method: http.MethodPost, URL: "/dashboard/pages/landing",
			Body:    webtest.Form(url.Values{"title": {"A new heading"}, "body": {"  \r\n "}}),
			Headers: pageSession, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{
				`<p class="field-error" id="body-error">Write the text of the page: it cannot be empty.</p>`,
				`aria-invalid="true" aria-describedby="body-error"`, `value="A new heading"`,
			},
			AfterTestFunc:  expectDefaultLanding,
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "an unknown variable is refused, named, with the known ones listed and the markdown kept", Method: http.MethodPost,
			URL:     "/dashboard/pages/landing",
			Body:    webtest.Form(url.Values{"title": {"Hi {{first_name}}"}, "body": {"Hello {{frist_name}},\n\n*keep* this {{ Company }}"}}),
			Headers: pageSession, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{
				`id="body-error">This page does not know {{frist_name}}, {{ Company }}. Check the spelling: it can use {{first_name}}, {{company}}, {{company_name}}, {{sender_name}}, {{incentive}}, {{tiers}}.</p>`,
				"\nHello {{frist_name}},\n\n*keep* this {{ Company }}</textarea>", `value="Hi {{first_name}}"`,
			},
			AfterTestFunc:  expectDefaultLanding,
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a variable the heading is not filled with is refused beside the heading", Method: http.MethodPost,
			URL:     "/dashboard/pages/landing",
			Body:    webtest.Form(url.Values{"title": {"From {{sender_name}}"}, "body": {"Hello"}}),
			Headers: pageSession, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{
				`id="title-error">The heading does not know {{sender_name}}. It can use {{first_name}}, {{company}}, {{company_name}}.</p>`,
				`aria-invalid="true"`, `value="From {{sender_name}}"`,
			},
			AfterTestFunc:  expectDefaultLanding,
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a thank-you to a referrer cannot carry the admin link the sales notes have", Method: http.MethodPost,
			URL:     "/dashboard/pages/thanks_won",
			Body:    webtest.Form(url.Values{"title": {"Thanks"}, "body": {"See [the referral]({{link}})"}}),
			Headers: pageSession, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="body-error">This page does not know {{link}}.`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if r, _ := pages.FindBySlug(app, "thanks_won"); r.GetString("title") == "Thanks" {
					t.Error("the thank-you was saved")
				}
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "an empty subject is refused beside it", Method: http.MethodPost, URL: "/dashboard/pages/ask_email",
			Body:    webtest.Form(url.Values{"title": {""}, "body": {"Hi {{first_name}}"}}),
			Headers: pageSession, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="title-error">Write the subject: it cannot be empty.</p>`, "\nHi {{first_name}}</textarea>"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				r, _ := pages.FindBySlug(app, "ask_email")
				if r.GetString("title") != "A quick favour, {{first_name}}?" || r.GetString("body") == "Hi {{first_name}}" {
					t.Errorf("the ask email was written: %q / %q", r.GetString("title"), r.GetString("body"))
				}
			},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "saving a page that does not exist is a 404", Method: http.MethodPost, URL: "/dashboard/pages/nope",
			Body: webtest.Form(url.Values{"title": {"x"}, "body": {"x"}}), Headers: pageSession,
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"}, TestAppFactory: testapp.Bare,
		},
		{
			Name: "a cross-site save is refused", Method: http.MethodPost, URL: "/dashboard/pages/landing",
			Body: webtest.Form(url.Values{"title": {"Hacked"}, "body": {"Hacked"}}),
			Headers: map[string]string{
				"Cookie": "warmloop_session=" + testapp.SuperuserToken, "Content-Type": "application/x-www-form-urlencoded",
				"Sec-Fetch-Site": "cross-site",
			},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: expectDefaultLanding, TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardPagesSaveShowsOnTheLandingPageAtOnce(t *testing.T) {
	app := webtest.WithAsk(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, body url.Values) (int, string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if _, page := do(http.MethodGet, "/r/"+webtest.AskToken, nil); !strings.Contains(page, "How it works") {
		t.Fatal("the default landing page is not shown")
	}
	status, _ := do(http.MethodPost, "/dashboard/pages/landing", url.Values{
		"title": {"Who do you know, {{first_name}}?"}, "body": {"Hello {{first_name}}, we **edited** this in the dashboard."},
	})
	if status != http.StatusSeeOther {
		t.Fatalf("saving the landing page: %d", status)
	}
	page := ""
	if _, page = do(http.MethodGet, "/r/"+webtest.AskToken, nil); !strings.Contains(page, "Hello Ana, we <strong>edited</strong> this in the dashboard.") ||
		!strings.Contains(page, "Who do you know, Ana?") || strings.Contains(page, "How it works") {
		t.Errorf("the landing page does not show the edit at once:\n%s", page)
	}
}

// signIn logs the browser in to the dashboard with the test superuser.
func signIn(srvURL string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Navigate(srvURL + "/dashboard/login"),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`form.signout`, chromedp.ByQuery), // shown once signed in
	}
}

// TestDashboardPagesBrowserPreviewFollowsTyping edits the landing page in
// headless Chromium: the preview follows what is typed (htmx), and the save
// comes back to the editor with a confirmation. It saves a screenshot.
func TestDashboardPagesBrowserPreviewFollowsTyping(t *testing.T) {
	app := webtest.WithAsk(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var notice string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1400, 1000),
		signIn(srv.URL),
		chromedp.Navigate(srv.URL+"/dashboard/pages/landing"),
		chromedp.WaitVisible(`//div[@id="preview"]//h2[contains(., "How it works")]`, chromedp.BySearch),
		chromedp.Clear(`#body`, chromedp.ByID),
		chromedp.SendKeys(`#body`, "## Fresh words for {{first_name}}\n\nTell us who **you** know.", chromedp.ByID),
		chromedp.WaitVisible(`//div[@id="preview"]//h2[contains(., "Fresh words for Dana")]`, chromedp.BySearch),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-pages-editor")
	err = chromedp.Run(ctx,
		chromedp.Click(`#page-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.Text(`.notice`, &notice, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if notice != "Saved." {
		t.Errorf("after saving the notice reads %q", notice)
	}
	if r, _ := pages.FindBySlug(app, "landing"); r.GetString("body") != "## Fresh words for {{first_name}}\n\nTell us who **you** know." {
		t.Errorf("the landing page body is %q", r.GetString("body"))
	}
}

// TestDashboardPagesEveryDefaultSavesAsItIs saves every shipped page
// unchanged: the variables the editor knows are the ones the defaults use.
func TestDashboardPagesEveryDefaultSavesAsItIs(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	recs, err := app.FindAllRecords("pages")
	if err != nil || len(recs) < 11 {
		t.Fatalf("%d pages, %v", len(recs), err)
	}
	for _, r := range recs {
		body := url.Values{"title": {r.GetString("title")}, "body": {r.GetString("body")}}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/dashboard/pages/"+r.GetString("slug"), strings.NewReader(body.Encode()))
		for k, v := range pagesPostHeaders() {
			req.Header.Set(k, v)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("saving the default %s page: %d\n%s", r.GetString("slug"), res.StatusCode, page)
		}
	}
}

// germanLandingEdited is a program whose landing page is written in German
// alone, and rewritten by its admin.
func germanLandingEdited(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	all, err := app.FindAllRecords("pages", dbx.HashExp{"slug": "landing"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.GetString("locale") == "de" {
			r.Set("title", "Geändert")
			r.Set("body", "Geänderter Text")
			err = app.Save(r)
		} else {
			err = app.Delete(r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return app
}

func TestDashboardPagesRestoreTheShippedWording(t *testing.T) {
	edited := func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		r, _ := pages.FindBySlug(app, "landing")
		r.Set("title", "Changed")
		r.Set("body", "Changed text")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "restoring puts back the landing page's shipped title and markdown", Method: http.MethodPost,
			URL: "/dashboard/pages/landing/restore", Headers: pagesPostHeaders(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: edited,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectDefaultLanding(t, app, res)
				if loc := res.Header.Get("Location"); loc != "/dashboard/pages/landing?notice=restored" {
					t.Errorf("sent to %q", loc)
				}
			},
		},
		{
			Name: "restoring a German page puts back the German shipped copy, not the English", Method: http.MethodPost,
			URL: "/dashboard/pages/landing/restore?locale=de", Headers: pagesPostHeaders(),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: germanLandingEdited,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				r, err := app.FindFirstRecordByFilter("pages", "slug = 'landing' && locale = 'de'")
				if err != nil {
					t.Fatal(err)
				}
				title, body, _ := pages.ShippedIn("landing", "de")
				if r.GetString("title") != "Kennen Sie jemanden, der uns kennenlernen sollte?" || r.GetString("title") != title || r.GetString("body") != body {
					t.Errorf("the German landing page is now %q:\n%s", r.GetString("title"), r.GetString("body"))
				}
			},
		},
		{
			Name: "the editor offers the restore button", Method: http.MethodGet, URL: "/dashboard/pages/landing",
			Headers:         map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken},
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`action="/dashboard/pages/landing/restore"`, "Restore the default"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "restoring an unknown page is not found", Method: http.MethodPost,
			URL: "/dashboard/pages/no_such_page/restore", Headers: pagesPostHeaders(),
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"}, TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
