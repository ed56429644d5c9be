package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
)

// TestBrowserTheGermanSetupScreensFitAPhone signs in a superuser who reads
// the dashboard in German and opens the settings, the team and the
// integrations at 390 and 1280 px: no page may scroll sideways and axe
// finds nothing serious. Then the settings refuse a cooldown typed in
// words, and the refused form, German messages and all, still fits the
// phone. Screenshots go to artifacts/i18n-dashboard/setup-….
func TestBrowserTheGermanSetupScreensFitAPhone(t *testing.T) {
	_, base, ctx := germanAdminInBrowser(t)

	for path, heading := range map[string]string{
		"/dashboard/settings":     "Einstellungen",
		"/dashboard/team":         "Team",
		"/dashboard/integrations": "Integrationen",
	} {
		checkPage(t, ctx, base, path, "i18n-dashboard/setup-de"+path)
		var h1 string
		if err := chromedp.Run(ctx, chromedp.Text(`h1`, &h1, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h1, heading) {
			t.Errorf("%s: heading %q, want %q", path, h1, heading)
		}
	}

	var scroll, client int64
	var problem string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, func(p *emulation.SetDeviceMetricsOverrideParams, s *emulation.SetTouchEmulationEnabledParams) {
			p.Mobile = true
		}),
		chromedp.Navigate(base+"/dashboard/settings"),
		chromedp.WaitVisible(`#cooldown_days`, chromedp.ByQuery),
		chromedp.SetValue(`#cooldown_days`, "zwei Wochen", chromedp.ByQuery),
		chromedp.Submit(`#cooldown_days`, chromedp.ByQuery),
		chromedp.WaitVisible(`#cooldown_days-error`, chromedp.ByQuery),
		chromedp.Text(`#cooldown_days-error`, &problem, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problem, "ganze Zahl") {
		t.Errorf("the refused cooldown reads %q, want the German message", problem)
	}
	if scroll > client {
		t.Errorf("the refused settings are %d px wide in %d px", scroll, client)
	}
	browsertest.Screenshot(t, ctx, "i18n-dashboard/setup-de-settings-refused-390")
}
