package dashboard_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// germanAdminInBrowser serves the demo program to a browser signed in as
// a superuser who reads the dashboard in German: the start of every
// browser test of the translated screens. It returns the app, the server's
// address and the browser.
func germanAdminInBrowser(t *testing.T) (*tests.TestApp, string, context.Context) {
	app := testapp.Bare(t)
	t.Cleanup(app.Cleanup)
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("UPDATE _superusers SET locale = 'de'").Execute(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	ctx := browsertest.NewFor(t, 10*time.Minute)
	browsertest.SignIn(t, ctx, srv.URL, testapp.SuperuserToken)
	return app, srv.URL, ctx
}

// checkGermanScreen opens a screen as checkPage does (its screenshot at
// both widths, axe) and checks that it is marked German and that the text
// of the element selector (h1, main) holds want ("" asks nothing of it).
func checkGermanScreen(t *testing.T, ctx context.Context, base, path, shot, selector, want string) {
	t.Helper()
	checkPage(t, ctx, base, path, shot)
	var lang, text string
	if err := chromedp.Run(ctx,
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
		chromedp.Text(selector, &text, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if lang != "de" || !strings.Contains(text, want) {
		t.Errorf("%s: lang %q, %s %q; want de and %q in it", path, lang, selector, text, want)
	}
}
