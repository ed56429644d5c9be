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
	src := testapp.Save(t, seeded, "sources", map[string]any{"name": "acme-survey", "kind": "nps",
		"email_pointer": "/email", "score_pointer": "/score", "external_id_pointer": "/id", "locale_pointer": "/lang",
		"auth": "token", "secret": "acme-survey-secret"})
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["admin"], "de")
	screens := map[string]struct{ de, en []string }{
		"/dashboard/pages": {
			de: []string{"Seiten und E-Mails", "Die öffentlichen Seiten ansehen", "Die Dankeswand", "Seiten, die Menschen öffnen", "Wofür sie da ist",
				"Die Anfrage-E-Mail, wenn keine Nachrichtenvariante aktiv ist", `<span class="pill">E-Mail</span>`, `title="Französisch"`, ">Bearbeiten<"},
			en: []string{"Pages and emails", "See the public pages", "The Wall of Thanks", "Pages people open", "What it is for",
				"The ask email, when no message variant is active", `<span class="pill">Email</span>`, `title="French"`, ">Edit<"},
		},
		"/dashboard/pages/ask_email?locale=fr": {
			de: []string{"Standard wiederherstellen", "Alle Seiten", `aria-label="Sprachen dieser Seite"`, "Englisch, zum Vergleich", "Betreff auf Französisch",
				"Der persönliche Link des Kunden zur Landingpage", "Betreff:", "Reine Textfassung", "z. B. ", "Schreiben Sie in Markdown:", "Nachrichtenvariante"},
			en: []string{"Restore the default", "All pages", `aria-label="Languages of this page"`, "English, for reference", "Subject in French",
				"The customer&#39;s personal link to the landing page", "Subject:", "Plain-text version", "e.g. ", "Write in markdown:", "message variant"},
		},
		"/dashboard/sources": {
			de: []string{"Quellen", "Quelle hinzufügen", "Letzte Zustellung", "?token=&lt;das Geheimnis&gt;", ">NPS-Antwort<", "?token= in der URL", "noch keine"},
			en: []string{"Sources", "Add a source", "Latest delivery", "?token=&lt;the secret&gt;", ">NPS answer<", "?token= in the URL", "none yet"},
		},
		"/dashboard/sources/new": {
			de: []string{"Quelle hinzufügen", "Art des Moments", "Wo jeder Teil steht", `<label for="locale_pointer">Sprache</label>`, "HMAC-SHA256 des Bodys in einem Header", "Moment in der Vorschau ansehen", "Wie eine Zustellung beantwortet wird"},
			en: []string{"Add a source", "Moment kind", "Where each part is", `<label for="locale_pointer">Language</label>`, "HMAC-SHA256 of the body in a header", "Preview the moment", "How a delivery is answered"},
		},
		"/dashboard/sources/" + src.Id: {
			de: []string{"Letzte Zustellungen", "Noch nichts eingegangen.", "Diese Quelle löschen", "Änderungen speichern"},
			en: []string{"Last deliveries", "Nothing has arrived yet.", "Delete this source", "Save changes"},
		},
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

func TestAGermanAdminsRefusedSourceSaysWhatToFixInGermanAndThePreviewNamesTheLanguage(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["admin"], "de")
	posted := url.Values{"name": {"zendesk"}, "kind": {"nps"}, "email_pointer": {"data.email"}, "score_pointer": {"/score"},
		"external_id_pointer": {"/id"}, "locale_pointer": {"lang"}, "auth": {"token"}, "secret": {"s3cret-value"}}
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/sources/new", cookies["admin"], posted)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the refused source answered %d", res.StatusCode)
	}
	expectPhrases(t, "the refused German source", body,
		[]string{"„zendesk“ ist für eine eingebaute Integration reserviert", "Ein JSON-Pointer beginnt mit einem Schrägstrich",
			`id="locale_pointer-error"`, `value="lang"`, "Nichts wurde gespeichert"},
		[]string{"is kept for a built-in integration", "starts with a slash", "s3cret-value"})
	if n, _ := seeded.CountRecords("sources"); n != 0 {
		t.Errorf("%d sources saved, want none", n)
	}

	preview := url.Values{"kind": {"nps"}, "email_pointer": {"/email"}, "score_pointer": {"/score"}, "external_id_pointer": {"/id"},
		"locale_pointer": {"/lang"}, "auth": {"token"}, "sample": {`{"email":"lea@wien.example","score":10,"id":"r1","lang":"de_AT"}`}}
	res, body = call(t, http.MethodPost, srv.URL+"/dashboard/sources/preview", cookies["admin"], preview)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the preview answered %d: %s", res.StatusCode, body)
	}
	expectPhrases(t, "the German preview", body,
		[]string{"Diese Zustellung ergäbe diesen Moment", `id="preview-language">Deutsch`, "de-AT", "Anfrage: Eine Anfrage-E-Mail"},
		[]string{"This delivery would make", "Ask rule"})
}

func TestTheSourceFormSavesTheLocalePointerAndShowsItAgain(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	posted := url.Values{"name": {"acme-crm"}, "kind": {"renewal"}, "email_pointer": {"/contact/email"},
		"external_id_pointer": {"/id"}, "locale_pointer": {"/contact/locale"}, "auth": {"token"}, "secret": {"s3cret-value"}}
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/sources/new", cookies["admin"], posted)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding the source answered %d: %s", res.StatusCode, body)
	}
	r, err := seeded.FindFirstRecordByData("sources", "name", "acme-crm")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.GetString("locale_pointer"); got != "/contact/locale" {
		t.Errorf("the source's locale pointer is %q", got)
	}
	res, body = call(t, http.MethodGet, srv.URL+"/dashboard/sources/"+r.Id, cookies["admin"], nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the source's page answered %d", res.StatusCode)
	}
	expectPhrases(t, "the source's form", body, []string{`id="locale_pointer" name="locale_pointer" value="/contact/locale"`}, nil)
}

func TestAGermanAdminsRefusedPageSaysWhatToFixInGerman(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["admin"], "de")
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/pages/ask_email", cookies["admin"],
		url.Values{"title": {""}, "body": {"Hallo {{frist_name}}, {{link}}"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the refused page answered %d", res.StatusCode)
	}
	expectPhrases(t, "the refused German page", body,
		[]string{"Füllen Sie das Feld „Betreff“ aus", "Diese Seite kennt {{frist_name}} nicht.", "Keine Variable dieser Seite", "Hallo {{frist_name}}"},
		[]string{"Write the subject", "does not know", "Not a variable of this page"})
	res, body = call(t, http.MethodPost, srv.URL+"/dashboard/pages/sales_booked/restore?locale=de", cookies["admin"], nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restoring answered %d: %s", res.StatusCode, body)
	}
	res, body = call(t, http.MethodGet, srv.URL+"/dashboard/pages/no_such_page", cookies["admin"], nil)
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown page answered %d", res.StatusCode)
	}
	expectPhrases(t, "the German not-found page", body, []string{`<html lang="de"`}, nil)
}
