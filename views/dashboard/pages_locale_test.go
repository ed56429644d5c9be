package dashboard_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// withGermanLanding is a program whose landing page is also written in German.
func withGermanLanding(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	// The shipped translations are set aside: this program has its English
	// pages and the German landing page below, so the others are missing.
	if _, err := app.DB().NewQuery("DELETE FROM pages WHERE locale != 'en'").Execute(); err != nil {
		t.Fatal(err)
	}
	testapp.Save(t, app, "pages", map[string]any{"slug": "landing", "locale": "de", "title": "Kennen Sie jemanden?", "body": "## So geht es"})
	return app
}

// expectPageIn checks the saved title and body of a page in a locale.
func expectPageIn(slug, loc, title, body string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindFirstRecordByFilter("pages", "slug = {:s} && locale = {:l}", map[string]any{"s": slug, "l": loc})
		if err != nil {
			t.Fatalf("no %s page in %s: %v", slug, loc, err)
		}
		if r.GetString("title") != title || r.GetString("body") != body {
			t.Errorf("the %s page in %s is %q / %q, want %q / %q", slug, loc, r.GetString("title"), r.GetString("body"), title, body)
		}
	}
}

// expectEnglishLanding checks that the English landing page was not written.
func expectEnglishLanding(t testing.TB, app *tests.TestApp) {
	r, err := app.FindFirstRecordByFilter("pages", "slug = 'landing' && locale = 'en'")
	if err != nil || r.GetString("title") != "Know someone who should meet us?" {
		t.Errorf("the English landing page was changed: %v (%v)", r, err)
	}
}

func TestDashboardPagesMarkMissingLocales(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	scenarios := []tests.ApiScenario{
		{
			Name: "the list marks the locales a page lacks and links the ones it has", Method: http.MethodGet, URL: "/dashboard/pages",
			Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`<a class="pill" href="/dashboard/pages/landing?locale=de"`,
				`<a class="pill missing" href="/dashboard/pages/landing?locale=fr"`,
				`<a class="pill missing" href="/dashboard/pages/referee?locale=de"`,
				`<a class="pill" href="/dashboard/pages/landing"`,
				"3 missing", "4 missing",
			},
		},
		{
			Name: "a missing locale opens the editor started from the English text, with the English beside it", Method: http.MethodGet,
			URL: "/dashboard/pages/landing?locale=fr", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`id="missing-note"`, "This page has no French text yet", `class="editor translating"`,
				`<section class="english-ref" lang="en"`, `value="Know someone who should meet us?"`, `action="/dashboard/pages/landing?locale=fr"`,
				`aria-current="page">French <span>(missing)</span>`},
		},
		{
			Name: "a written locale opens its own text, the English beside it", Method: http.MethodGet,
			URL: "/dashboard/pages/landing?locale=de", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`value="Kennen Sie jemanden?"`, `class="editor translating"`, "## How it works"},
			NotExpectedContent: []string{`id="missing-note"`},
		},
		{
			Name: "the English page is written without a reference column", Method: http.MethodGet,
			URL: "/dashboard/pages/landing", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<div class="editor">`}, NotExpectedContent: []string{`english-ref`},
		},
		{
			Name: "a locale Warmloop does not ship is not found", Method: http.MethodGet,
			URL: "/dashboard/pages/landing?locale=ja", Headers: session, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"},
		},
		{
			Name: "saving a missing locale creates the page in it and leaves the English one", Method: http.MethodPost,
			URL: "/dashboard/pages/landing?locale=fr", Headers: pagesPostHeaders(),
			Body:           strings.NewReader(url.Values{"title": {"Vous connaissez quelqu'un ?"}, "body": {"## Comment ça marche"}}.Encode()),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectPageIn("landing", "fr", "Vous connaissez quelqu'un ?", "## Comment ça marche")(t, app, res)
				expectEnglishLanding(t, app)
				if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/dashboard/pages/landing?locale=fr") {
					t.Errorf("after saving, sent to %q", loc)
				}
			},
		},
		{
			Name: "saving a written locale changes it alone", Method: http.MethodPost,
			URL: "/dashboard/pages/landing?locale=de", Headers: pagesPostHeaders(),
			Body:           strings.NewReader(url.Values{"title": {"Neu"}, "body": {"## Neu"}}.Encode()),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectPageIn("landing", "de", "Neu", "## Neu")(t, app, res)
				expectEnglishLanding(t, app)
			},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = withGermanLanding
		s.Test(t)
	}
}

// TestDashboardPagesBrowserWritesGermanBesideEnglish writes the German
// landing page in headless Chromium at a phone's width and a desktop's:
// the English text sits beside the form at 1280 px and above it at 390 px,
// nothing scrolls sideways, the fields are reached by keyboard, and the
// saved page is German. It saves a screenshot at each width.
func TestDashboardPagesBrowserWritesGermanBesideEnglish(t *testing.T) {
	app := webtest.WithAsk(t)
	defer app.Cleanup()
	// Without the shipped German copy, the German landing page is one the
	// program lacks, so the editor starts it from the English text.
	if _, err := app.DB().NewQuery("DELETE FROM pages WHERE locale != 'en'").Execute(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	for _, width := range []int64{390, 1280} {
		ctx := browsertest.New(t)
		browsertest.SignIn(t, ctx, srv.URL, testapp.SuperuserToken)
		var scroll, refX, refY, refBottom, fieldX, fieldY float64
		var focused string
		title := fmt.Sprintf("Kennen Sie jemanden? (%d)", width)
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(srv.URL+"/dashboard/pages/landing?locale=de"),
			chromedp.WaitVisible(`.english-ref pre`, chromedp.ByQuery),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
			chromedp.Evaluate(`document.querySelector('.english-ref').getBoundingClientRect().left`, &refX),
			chromedp.Evaluate(`document.querySelector('.english-ref').getBoundingClientRect().top`, &refY),
			chromedp.Evaluate(`document.querySelector('.english-ref').getBoundingClientRect().bottom`, &refBottom),
			chromedp.Evaluate(`document.querySelector('#title').getBoundingClientRect().left`, &fieldX),
			chromedp.Evaluate(`document.querySelector('#title').getBoundingClientRect().top`, &fieldY),
			// From the English text, the keyboard reaches the title next.
			chromedp.Focus(`.english-ref pre`, chromedp.ByQuery),
			chromedp.KeyEvent("\t"),
			chromedp.Evaluate(`document.activeElement.id`, &focused),
		)
		if err != nil {
			t.Fatal(err)
		}
		if scroll > float64(width) {
			t.Errorf("at %d px the editor scrolls sideways: %v px wide", width, scroll)
		}
		if width >= 1280 && !(fieldX > refX && fieldY-refY < 120) {
			t.Errorf("at %d px the English (%v,%v) is not beside the field (%v,%v)", width, refX, refY, fieldX, fieldY)
		}
		if width < 900 && !(fieldY >= refBottom) {
			t.Errorf("at %d px the English (%v,%v) is not above the field (%v,%v)", width, refX, refY, fieldX, fieldY)
		}
		if focused != "title" {
			t.Errorf("at %d px, Tab from the English text reaches %q, want the title", width, focused)
		}
		browsertest.Screenshot(t, ctx, fmt.Sprintf("dashboard-pages-german-%d", width))
		err = chromedp.Run(ctx,
			chromedp.SetValue(`#title`, title, chromedp.ByID),
			chromedp.Click(`#page-form button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		r, err := app.FindFirstRecordByFilter("pages", "slug = 'landing' && locale = 'de'")
		if err != nil || r.GetString("title") != title || !strings.Contains(r.GetString("body"), "## How it works") {
			t.Errorf("at %d px the German page saved as %v (%v), want the title typed and the English text it started from", width, r, err)
		}
	}
}
