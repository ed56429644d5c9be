package dashboard_test

import (
	"testing"

	"warmloop/tests/testapp"
)

// TestBrowserTheGermanPagesSourcesMomentAndActivityScreensFitAPhone signs
// in a superuser who reads the dashboard in German and opens the pages
// list, a page's editor in a language other than German, the sources, a
// source's form, the new-moment form and the latest activity at 390 and
// 1280 px: no page scrolls sideways with the long German words, and axe
// finds nothing serious. Screenshots go to artifacts/sweep/i18n-pages-*.
func TestBrowserTheGermanPagesSourcesMomentAndActivityScreensFitAPhone(t *testing.T) {
	app, base, ctx := germanAdminInBrowser(t)
	src := testapp.Save(t, app, "sources", map[string]any{"name": "umfrage-werkzeug", "kind": "nps",
		"email_pointer": "/kontakt/email", "score_pointer": "/antwort/wert", "external_id_pointer": "/id",
		"locale_pointer": "/kontakt/sprache", "auth": "hmac", "auth_header": "X-Signatur", "hmac_encoding": "base64",
		"secret": "umfrage-werkzeug-geheimnis"})

	for _, screen := range []struct{ path, shot, heading string }{
		{"/dashboard/pages", "i18n-pages/pages", "Seiten und E-Mails"},
		{"/dashboard/pages/share_confirmation_email?locale=nl", "i18n-pages/page-edit", "Teilen-Link"},
		{"/dashboard/sources", "i18n-pages/sources", "Quellen"},
		{"/dashboard/sources/new", "i18n-pages/source-new", "Quelle hinzufügen"},
		{"/dashboard/sources/" + src.Id, "i18n-pages/source", "umfrage-werkzeug"},
		{"/dashboard/moments/new", "i18n-pages/moment", "Positiven Moment erfassen"},
		{"/dashboard/overview/activity", "i18n-pages/activity", "Letzte Aktivität"},
	} {
		checkGermanScreen(t, ctx, base, screen.path, screen.shot, "h1", screen.heading)
	}
}
