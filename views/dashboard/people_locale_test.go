package dashboard_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/webtest"
)

// screenWords is what one screen must say in German to one admin and in
// English to another who reads it at the same moment.
type screenWords struct {
	path   string
	de, en []string
}

// checkScreensInBothLanguages opens each screen as the German owner and
// the English admin and checks each sees their own words and not the
// other's.
func checkScreensInBothLanguages(t *testing.T, base string, cookies map[string]string, screens []screenWords) {
	t.Helper()
	for _, s := range screens {
		_, de := call(t, http.MethodGet, base+s.path, cookies["owner"], nil)
		_, en := call(t, http.MethodGet, base+s.path, cookies["admin"], nil)
		if !strings.Contains(de, `<html lang="de"`) || !strings.Contains(en, `<html lang="en"`) {
			t.Errorf("%s: the pages are not marked German and English", s.path)
		}
		for _, p := range s.de {
			if !strings.Contains(de, p) {
				t.Errorf("German %s lacks %q", s.path, p)
			}
		}
		for _, p := range s.en {
			if !strings.Contains(en, p) {
				t.Errorf("English %s lacks %q", s.path, p)
			}
			if strings.Contains(de, p) {
				t.Errorf("German %s shows %q", s.path, p)
			}
		}
	}
}

// firstID is the id of the first record of a collection that matches filter.
func firstID(t *testing.T, app core.App, collection, filter string) string {
	t.Helper()
	rec, err := app.FindFirstRecordByFilter(collection, filter)
	if err != nil {
		t.Fatalf("no %s matches %s: %v", collection, filter, err)
	}
	return rec.Id
}

func TestAnAdminWhoChoseGermanSeesTheReferralsInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	won := firstID(t, seeded, "referrals", "status = 'won' && ask != ''")
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	checkScreensInBothLanguages(t, srv.URL, cookies, []screenWords{
		{"/dashboard/referrals",
			[]string{"<h1>Empfehlungen</h1>", ">Tabelle</a>", "Die 30 neuesten Empfehlungen je Phase", "<span>Termin gebucht</span>", "<span>Gewonnen</span>", ">Verschieben</button>"},
			[]string{"<h1>Referrals</h1>", ">Table</a>", "The newest 30 referrals in each stage", "<span>Booked</span>", "<span>Won</span>", ">Move</button>"}},
		{"/dashboard/referrals?view=table",
			[]string{"Empfohlen von", "Pipeline-Wert (USD)", "Empfohlener, Firma, E-Mail oder Empfehlungsgeber", "Als CSV exportieren", "Diesen Empfohlenen löschen …"},
			[]string{"Referred by", "Pipeline value (USD)", "Referee, company, email or referrer", "Export CSV", "Erase this referee…"}},
		{"/dashboard/referrals/" + won,
			[]string{"Beträge und Pipeline", "Die Anfrage dahinter", "Verlauf", "Interne Notizen (", "E-Mails und Webhooks (", "Gewonnener Wert", "Nur die Beträge lassen sich noch ändern"},
			[]string{"Values and pipeline", "The ask behind it", "History</h2>", "Internal notes (", "Emails and webhooks (", "Won value", "only its values can change"}},
	})

	// A refusal said on the referral's own page is in the reader's language too.
	res, de := call(t, http.MethodPost, srv.URL+"/dashboard/referrals/"+won+"/notes", cookies["owner"], map[string][]string{"body": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(de, "Schreiben Sie etwas, bevor Sie die Notiz speichern.") {
		t.Errorf("a blank note from the German owner answered %d without the German reason", res.StatusCode)
	}
}

func TestAnAdminWhoChoseGermanSeesACustomerAndTheImportInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	referral, err := seeded.FindFirstRecordByFilter("referrals", "status = 'won'")
	if err != nil {
		t.Fatal(err)
	}
	referrer := referral.GetString("referrer")
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	checkScreensInBothLanguages(t, srv.URL, cookies, []screenWords{
		{"/dashboard/customers/" + referrer,
			[]string{"Positiven Moment erfassen", "Kunde seit", "Nächste Anfrage", "Abgegebene Empfehlungen (", "Von Anfragen abmelden", "Daten dieser Person exportieren"},
			[]string{"Record a happy moment", "Customer since", "Next ask", "Referrals made (", "Opt out of asks", "Export this person&#39;s data"}},
		{"/dashboard/customers/new",
			[]string{"<h1>Kunde hinzufügen</h1>", "Position", "Standard des Programms ("},
			[]string{"<h1>Add a customer</h1>", "Job title", "The program&#39;s default ("}},
		{"/dashboard/customers/import",
			[]string{"Kunden aus einer CSV-Datei importieren", "Was die Datei braucht", "(bis 10 MB)"},
			[]string{"Import customers from a CSV", "What the file needs", "(up to 10 MB)"}},
		{"/dashboard/customers/" + referrer + "/privacy/erase",
			[]string{"Was über sie gespeichert ist", "Das lässt sich nicht rückgängig machen.", "Diese Person löschen"},
			[]string{"What is stored about them", "This cannot be undone.", "Erase this person"}},
	})

	// Deleting asks first, in the reader's language.
	_, de := call(t, http.MethodPost, srv.URL+"/dashboard/customers/"+referrer+"/delete", cookies["owner"], map[string][]string{})
	_, en := call(t, http.MethodPost, srv.URL+"/dashboard/customers/"+referrer+"/delete", cookies["admin"], map[string][]string{})
	if !strings.Contains(de, "Mit ihm verschwinden endgültig:") || !strings.Contains(de, "Diesen Kunden löschen") || strings.Contains(de, "What is deleted") {
		t.Errorf("the German delete confirmation is not in German")
	}
	if !strings.Contains(en, "With them go, for good:") || !strings.Contains(en, "Delete this customer") {
		t.Errorf("the English delete confirmation is not in English")
	}

	// The import form refuses a file with no customers in the reader's
	// language, and an add form refuses a missing name in it too.
	for role, want := range map[string]string{
		"owner": "Die Datei hat eine Kopfzeile, aber darunter keine Kunden.",
		"admin": "The file has a header row but no customers under it.",
	} {
		res, page := uploadAs(t, srv.URL, cookies[role], "empty.csv", []byte("email,name\n"))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%s: an import without customers answered %d without %q", role, res.StatusCode, want)
		}
	}
	res, de := call(t, http.MethodPost, srv.URL+"/dashboard/customers/new", cookies["owner"], map[string][]string{"email": {"neu@example.com"}, "source": {"direct"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(de, "Geben Sie den Namen des Kunden ein.") || !strings.Contains(de, `value="neu@example.com"`) {
		t.Errorf("a German add without a name answered %d without the German reason and the typed address", res.StatusCode)
	}
}

func TestAnAdminWhoChoseGermanSeesTheOutboxInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	message := firstID(t, seeded, "outbox", "kind = 'email'")
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	checkScreensInBothLanguages(t, srv.URL, cookies, []screenWords{
		{"/dashboard/outbox",
			[]string{"<h1>Postausgang</h1>", "Jede E-Mail und jeder Webhook", ">Ausstehend <span", ">Fehlgeschlagen <span", "Betreff oder Ereignis"},
			[]string{"<h1>Outbox</h1>", "Every email and webhook Warmloop sends", ">Pending <span", ">Failed <span", "Subject or event"}},
		{"/dashboard/outbox?tab=sent",
			[]string{"Gesendet", "Versuche"},
			[]string{"Subject or event", "Attempts"}},
		{"/dashboard/outbox/" + message,
			[]string{"<h2 id=\"state-title\">Zustellung</h2>", "Eingereiht", "Letzter Fehler"},
			[]string{"<h2 id=\"state-title\">Delivery</h2>", "Queued", "Last error"}},
	})
}

func TestAnInvitationOpensInTheBrowsersLanguage(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	call(t, http.MethodPost, srv.URL+"/dashboard/team/invite", cookies["owner"], map[string][]string{"name": {"Eli Park"}, "email": {"eli@acme.example"}, "role": {"admin"}})
	link := srv.URL + invitationLink(t, seeded, "eli@acme.example")
	for lang, want := range map[string]string{"de-DE,de;q=0.9": "Willkommen, Eli Park", "en-GB": "Welcome, Eli Park", "fr": "Bienvenue, Eli Park"} {
		req, _ := http.NewRequest(http.MethodGet, link, nil)
		req.Header.Set("Accept-Language", lang)
		res, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(page), want) {
			t.Errorf("an invitation read in %s lacks %q", lang, want)
		}
	}
}
