package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
)

// TestBrowserTheGermanDashboardFitsAPhoneAndPassesAxe signs in a superuser
// who reads the dashboard in German and opens the overview, the customers,
// the settings and their account at 390 and 1280 px: German words are
// long, so no page may scroll sideways, the phone menu opened included,
// and axe finds nothing serious. Screenshots go to artifacts/i18n-dashboard/.
func TestBrowserTheGermanDashboardFitsAPhoneAndPassesAxe(t *testing.T) {
	_, base, ctx := germanAdminInBrowser(t)

	for path, heading := range map[string]string{
		"/dashboard":           "Was das Programm bringt",
		"/dashboard/customers": "Kunden",
		"/dashboard/settings":  "",
		"/dashboard/account":   "Ihr Konto",
	} {
		checkGermanScreen(t, ctx, base, path, "i18n-dashboard/de"+path, "h1", heading)
	}

	// The phone's menu, opened, holds the German navigation without
	// pushing the page sideways.
	var scroll, client int64
	var nav string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, func(p *emulation.SetDeviceMetricsOverrideParams, s *emulation.SetTouchEmulationEnabledParams) {
			p.Mobile = true
		}),
		chromedp.Navigate(base+"/dashboard/customers"),
		chromedp.WaitVisible(`[data-menu-toggle]`, chromedp.ByQuery),
		chromedp.Click(`[data-menu-toggle]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.admin-nav`, chromedp.ByQuery),
		chromedp.Text(`.admin-nav`, &nav, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(nav, "Übersicht") || !strings.Contains(nav, "Einstellungen") {
		t.Errorf("the phone menu reads %q, want the German navigation", nav)
	}
	if scroll > client {
		t.Errorf("the open phone menu is %d px wide in %d px", scroll, client)
	}
	browsertest.Screenshot(t, ctx, "i18n-dashboard/de-menu-390")
}
