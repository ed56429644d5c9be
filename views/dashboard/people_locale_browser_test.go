package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTheGermanPeopleScreensFitAPhoneAndPassAxe signs in a
// superuser who reads the dashboard in German and opens the referrals
// board and table, a referral's page, a customer's page, the import form
// and the outbox at 390 and 1280 px: no page scrolls sideways with the
// long German words, and axe finds nothing serious. Screenshots go to
// artifacts/sweep/i18n-people-*.
func TestBrowserTheGermanPeopleScreensFitAPhoneAndPassAxe(t *testing.T) {
	app, base, ctx := germanAdminInBrowser(t)
	referral, err := app.FindFirstRecordByFilter("referrals", "status = 'won'")
	if err != nil {
		t.Fatal(err)
	}

	for _, screen := range []struct{ path, shot, heading string }{
		{"/dashboard/referrals", "i18n-people/referrals", "Empfehlungen"},
		{"/dashboard/referrals?view=table", "i18n-people/referrals-table", "Empfehlungen"},
		{"/dashboard/referrals/" + referral.Id, "i18n-people/referral", ""},
		{"/dashboard/customers/" + referral.GetString("referrer"), "i18n-people/customer", ""},
		{"/dashboard/customers/import", "i18n-people/import", "Kunden aus einer CSV-Datei importieren"},
		{"/dashboard/outbox", "i18n-people/outbox", ""},
	} {
		checkPage(t, ctx, base, screen.path, screen.shot)
		var lang, h1 string
		if err := chromedp.Run(ctx,
			chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
			chromedp.Text(`h1`, &h1, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		if lang != "de" || !strings.Contains(h1, screen.heading) {
			t.Errorf("%s: lang %q, heading %q; want de and %q", screen.path, lang, h1, screen.heading)
		}
	}
}
