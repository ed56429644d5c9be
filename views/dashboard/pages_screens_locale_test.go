package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The screens of dashboard_pages.*.toml (pages and their editor, sources,
// a new moment, the latest activity) for a German admin beside an English one.

func TestAGermanAdminSeesPagesSourcesTheMomentFormAndActivityInGermanWhileAnotherSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	_, english := testapp.Member(t, seeded, "Eli Park", "eli@acme.example", "admin")
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["admin"], "de")
	screens := map[string]struct{ de, en []string }{
		"/dashboard/moments/new": {
			de: []string{`<html lang="de"`, "Positiven Moment erfassen", "legen Sie ihn zuerst an", ">NPS-Antwort</option>", "Pflicht bei einer NPS-Antwort", `aria-label="Passende Kunden"`, "Moment erfassen</button>"},
			en: []string{`<html lang="en"`, "Record a happy moment", "add them", ">NPS answer</option>", "required for an NPS answer", `aria-label="Matching customers"`, "Record moment</button>"},
		},
		"/dashboard/overview/activity": {
			de: []string{"Letzte Aktivität", "Zurück zur Übersicht", `class="pill ok">Empfehlung</span>`, "empfohlen", "vor "},
			en: []string{"Latest activity", "Back to the overview", `class="pill ok">Referral</span>`, " introduced ", " ago</time>"},
		},
	}
	for path, p := range screens {
		res, body := call(t, http.MethodGet, srv.URL+path, cookies["admin"], nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("German %s answered %d", path, res.StatusCode)
		}
		expectPhrases(t, "German "+path, body, p.de, p.en)
		res, body = call(t, http.MethodGet, srv.URL+path, english, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("English %s answered %d", path, res.StatusCode)
		}
		expectPhrases(t, "English "+path, body, p.en, p.de)
	}
}

func TestAGermanAdminsRefusedMomentSaysWhatToFixInGerman(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["admin"], "de")
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/moments/new", cookies["admin"],
		url.Values{"email": {"niemand@nirgends.example"}, "kind": {"nps"}, "score": {"12"}, "locale": {"fr"}, "comment": {"Sehr zufrieden"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the refused moment answered %d", res.StatusCode)
	}
	expectPhrases(t, "the refused German moment", body,
		[]string{"Kein Kunde hat diese E-Mail-Adresse.", "Der Wert muss eine ganze Zahl von 0 bis 10 sein.", `<option value="fr" selected>`, "Sehr zufrieden", `value="12"`},
		[]string{"No customer has this email", "The score must be"})
	res, body = call(t, http.MethodGet, srv.URL+"/dashboard/customers/pick?email=a", cookies["admin"], nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the picker answered %d", res.StatusCode)
	}
	expectPhrases(t, "the German picker", body, []string{`aria-label="Passende Kunden"`, "passen."}, []string{"Matching customers", "match."})
}
