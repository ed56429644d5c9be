package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserIntegrationsSaveAStageMapByKeyboardOnAPhone signs in on a
// 390 px wide viewport, opens Integrations, types a stage map and saves it
// with the keyboard alone; the screen never scrolls sideways.
func TestBrowserIntegrationsSaveAStageMapByKeyboardOnAPhone(t *testing.T) {
	app := intApp(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var url, notice string
	var overflow bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/dashboard/integrations"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`#crm_stages`, chromedp.ByID),
		chromedp.Value(`#stripe_secret-url-a`, &url, chromedp.ByID),
		chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow),
		chromedp.Focus(`#crm_stages`, chromedp.ByID),
		chromedp.SendKeys(`#crm_stages`, "closedwon = won\nclosedlost = lost", chromedp.ByID),
		chromedp.Focus(`form[action="/dashboard/integrations"] button[type="submit"]`, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`p.notice`, chromedp.ByQuery),
		chromedp.Text(`p.notice`, &notice, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-integrations-phone")
	if overflow {
		t.Error("the Integrations screen scrolls sideways on a 390 px phone")
	}
	if url != srv.URL+"/hooks/moments/stripe" {
		t.Errorf("the Stripe address reads %q, want %s/hooks/moments/stripe", url, srv.URL)
	}
	program.Forget(app)
	s, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "Saved") || s.CRMStages != "closedwon = won\nclosedlost = lost" {
		t.Errorf("after saving: notice %q, stage map %q", notice, s.CRMStages)
	}
}

// TestBrowserIntegrationsOpensALoggedBodyByKeyboardOnAPhone opens the
// refused CRM delivery's masked body with the keyboard on a 390 px wide
// viewport, the delivery lists never scrolling sideways.
func TestBrowserIntegrationsOpensALoggedBodyByKeyboardOnAPhone(t *testing.T) {
	app := intWithDeliveries(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var open, overflow bool
	var body string
	summary := `[id="deliveries-crm/generic"] summary`
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/dashboard/integrations"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(summary, chromedp.ByQuery),
		chromedp.Focus(summary, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`[id="deliveries-crm/generic"] pre`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[id="deliveries-crm/generic"] details').open`, &open),
		chromedp.Text(`[id="deliveries-crm/generic"] pre`, &body, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-integrations-deliveries-phone")
	if !open || !strings.Contains(body, "•••@fabrikam.example") {
		t.Errorf("after Enter on the summary: open %v, body %q; want the masked body shown", open, body)
	}
	if overflow {
		t.Error("the Integrations screen with its deliveries scrolls sideways on a 390 px phone")
	}
}
