package dashboard_test

import (
	"testing"
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
		checkGermanScreen(t, ctx, base, screen.path, screen.shot, "h1", screen.heading)
	}
}
