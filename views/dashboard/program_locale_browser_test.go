package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
)

// TestBrowserTheGermanProgramEditorsAndChecklistFitAPhone signs in a
// superuser who reads the dashboard in German and opens the overview's
// setup checklist, the three lists of the program screen and an editor of
// each kind at 390 and 1280 px: no page may scroll sideways and axe finds
// nothing serious. Then a variant whose body lacks the link is refused, and
// the refused form, German messages and all, still fits the phone.
// Screenshots go to artifacts/i18n-dashboard/program-de-….
func TestBrowserTheGermanProgramEditorsAndChecklistFitAPhone(t *testing.T) {
	app, base, ctx := germanAdminInBrowser(t)
	first := func(coll string) string {
		r, err := app.FindFirstRecordByFilter(coll, "")
		if err != nil {
			t.Fatal(err)
		}
		return r.Id
	}
	screens := []struct{ path, heading string }{
		{"/dashboard", "Was das Programm bringt"},
		{"/dashboard/program", "Anreize, Stufen und Nachrichten"},
		{"/dashboard/program?tab=tiers", "Anreize, Stufen und Nachrichten"},
		{"/dashboard/program?tab=variants", "Anreize, Stufen und Nachrichten"},
		{"/dashboard/program/incentives/new", "Anreiz hinzufügen"},
		{"/dashboard/program/incentives/" + first("incentives"), ""},
		{"/dashboard/program/tiers/" + first("tiers"), ""},
		{"/dashboard/program/variants/new", "Nachrichtenvariante hinzufügen"},
		{"/dashboard/program/variants/" + first("variants"), "Variante"},
	}
	for _, s := range screens {
		shot := "i18n-dashboard/program-de" + strings.NewReplacer("/dashboard", "", "?tab=", "-").Replace(s.path)
		checkPage(t, ctx, base, s.path, shot)
		var h1 string
		if err := chromedp.Run(ctx, chromedp.Text(`h1`, &h1, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h1, s.heading) {
			t.Errorf("%s: heading %q, want %q", s.path, h1, s.heading)
		}
	}

	var scroll, client int64
	var problem string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, func(p *emulation.SetDeviceMetricsOverrideParams, s *emulation.SetTouchEmulationEnabledParams) {
			p.Mobile = true
		}),
		chromedp.Navigate(base+"/dashboard/program/variants/new"),
		chromedp.WaitVisible(`#body`, chromedp.ByQuery),
		chromedp.SetValue(`#name`, "kurz", chromedp.ByQuery),
		chromedp.SetValue(`#subject`, "Kennen Sie jemanden?", chromedp.ByQuery),
		chromedp.SetValue(`#body`, "Hallo {{first_name}}, kennen Sie jemanden?", chromedp.ByQuery),
		chromedp.Submit(`#body`, chromedp.ByQuery),
		chromedp.WaitVisible(`#body-error`, chromedp.ByQuery),
		chromedp.Text(`#body-error`, &problem, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problem, "Setzen Sie den Link der Anfrage") {
		t.Errorf("the refused body reads %q, want the German message", problem)
	}
	if scroll > client {
		t.Errorf("the refused variant is %d px wide in %d px", scroll, client)
	}
	browsertest.Screenshot(t, ctx, "i18n-dashboard/program-de-variant-refused-390")
}
