package dashboard_test

import (
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
