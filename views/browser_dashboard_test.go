package views_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"warmloop/internal/browsertest"
	"warmloop/internal/demo"
	"warmloop/internal/testapp"
)

// TestBrowserAdminRunsTheProgramFromTheDashboard signs in with the
// superuser's password in headless Chromium, reads the overview, and saves
// a screenshot of it as a test artifact.
func TestBrowserAdminRunsTheProgramFromTheDashboard(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	srv := server(t, app)
	ctx := browsertest.New(t)

	var heading, figures string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(srv.URL+"/dashboard"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`.figures`, chromedp.ByQuery),
		chromedp.WaitVisible(`#activity .activity`, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.Text(`.figures`, &figures, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if heading != "What the program yields" {
		t.Errorf("after signing in the page says %q", heading)
	}
	for _, want := range []string{"Customers asked", "Yield rate", "Pipeline generated", "Pipeline won"} {
		if !strings.Contains(figures, want) {
			t.Errorf("the overview lacks %q: %q", want, figures)
		}
	}
	browsertest.Screenshot(t, ctx, "dashboard-overview")
}
