package dashboard_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/internal/intake"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserImportProgressPollsToItsSummaryAndAnInterruptedImportIsListed
// opens a running import on a 390 px phone: the page polls with htmx, and
// when the import ends its summary replaces the bar without a reload. An
// import a restart interrupted is listed on the import form and opened
// from there with the keyboard. Neither the job's pages nor the list scroll
// sideways.
func TestBrowserImportProgressPollsToItsSummaryAndAnInterruptedImportIsListed(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	interrupted, _ := importJob(t, app)
	if _, err := intake.MarkInterruptedImports(app); err != nil {
		t.Fatal(err)
	}
	running, file := importJob(t, app)
	ctx := browsertest.New(t)

	var runningWidth int64
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/dashboard/customers/import/"+running),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password"+kb.Enter, chromedp.ByID),
		chromedp.WaitVisible(`#import-job progress`, chromedp.ByQuery),
		chromedp.Evaluate(`window.__noReload = "still here"`, nil),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &runningWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(app, running, file); err != nil {
		t.Fatal(err)
	}
	var marker string
	var summaryWidth, formWidth, interruptedWidth int64
	err = chromedp.Run(ctx,
		chromedp.WaitVisible(`//h2[starts-with(., "Import finished: customers.csv")]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__noReload || ""`, &marker),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &summaryWidth),
		chromedp.Navigate(srv.URL+"/dashboard/customers/import"),
		chromedp.WaitVisible(`#recent-title`, chromedp.ByID),
		// The list's own edge: the upload form above it is wider than a
		// phone already (its file input), which this test does not judge.
		chromedp.Evaluate(`Math.ceil(document.querySelector("section[aria-labelledby=recent-title]").getBoundingClientRect().right)`, &formWidth),
		chromedp.Focus(`a[href="/dashboard/customers/import/`+interrupted+`"]`, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`//h2[starts-with(., "Import interrupted: customers.csv")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &interruptedWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-import-interrupted-phone")
	if marker != "still here" {
		t.Error("the page reloaded: the summary did not come from htmx polling")
	}
	for name, w := range map[string]int64{"running import": runningWidth, "summary": summaryWidth, "latest imports list": formWidth, "interrupted import": interruptedWidth} {
		if w > 390 {
			t.Errorf("on a 390px screen the %s page is %dpx wide: it scrolls sideways", name, w)
		}
	}
}
