package dashboard_test

import (
	"strings"
	"testing"

	"warmloop/internal/intake"
	"warmloop/tests/testapp"
)

// TestBrowserTheGermanOverviewsVerdictsAndAnImportsRefusedLinesFitAPhone
// signs in a superuser who reads the dashboard in German and opens the
// overview (its funnel, breakdown groups and verdicts in German) and the
// summary of an import with refused lines (their reasons in German) at
// 390 and 1280 px: neither scrolls sideways with the long German words,
// and axe finds nothing serious. Screenshots go to artifacts/sweep/i18n-words-*.
func TestBrowserTheGermanOverviewsVerdictsAndAnImportsRefusedLinesFitAPhone(t *testing.T) {
	app, base, ctx := germanAdminInBrowser(t)
	f, err := intake.ReadCustomers(strings.NewReader("email,name,company,source_detail\n" +
		"neu@nordwind.example,Nina Neu,Nordwind,\n" +
		"keine-adresse,Kai,,\n" +
		",Niemand,,\n" +
		"NEU@nordwind.example,Nina noch einmal,,\n" +
		"lang@lang.example,Lang," + strings.Repeat("Sehr lange Firmenbezeichnung ", 8) + ",\n" +
		"quelle@quelle.example,Quelle,,Messe " + strings.Repeat("Frankfurt ", 25) + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	job, err := intake.NewCustomersImport(app, "kunden-mit-fehlern.csv", testapp.SuperuserEmail, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(app, job, f); err != nil {
		t.Fatal(err)
	}

	for _, screen := range []struct{ path, shot, want string }{
		{"/dashboard?days=90", "i18n-words/overview", "Gesendete Anfragen"},
		{"/dashboard/customers/import/" + job, "i18n-words/import-result", "steht schon in Zeile 2 dieser Datei."},
	} {
		checkGermanScreen(t, ctx, base, screen.path, screen.shot, "main", screen.want)
	}
}
