package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// progTwoReaders serves progApp to two admins at once: an owner who chose
// German and the superuser, who reads English. It returns the app, the
// server's address and the two session cookies.
func progTwoReaders(t *testing.T) (*tests.TestApp, string, string, string) {
	t.Helper()
	app := progApp(t)
	t.Cleanup(app.Cleanup)
	_, german := testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	srv := webtest.Server(t, app)
	chooseLanguage(t, srv.URL, german, "de")
	return app, srv.URL, german, "warmloop_session=" + testapp.SuperuserToken
}

// expectPagesInBothLanguages opens each page as a German reader and as an
// English one at the same time: each sees their own phrases and none of
// the other's.
func expectPagesInBothLanguages(t *testing.T, base, german, english string, pages map[string]struct{ de, en []string }) {
	t.Helper()
	for path, p := range pages {
		for _, reader := range []struct {
			name, cookie string
			want, not    []string
		}{{"German", german, p.de, p.en}, {"English", english, p.en, p.de}} {
			res, body := call(t, http.MethodGet, base+path, reader.cookie, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s %s answered %d", reader.name, path, res.StatusCode)
			}
			expectPhrases(t, reader.name+" "+path, body, reader.want, reader.not)
		}
	}
}

func TestAGermanAdminSeesTheProgramEditorsAndTheChecklistInGermanWhileAnotherSeesEnglish(t *testing.T) {
	_, base, german, english := progTwoReaders(t)

	pages := map[string]struct{ de, en []string }{
		"/dashboard/program": {
			de: []string{`<html lang="de"`, "Anreize, Stufen und Nachrichten", "Erst Anerkennung, Geld zuletzt", `aria-current="page">Anreize`,
				`<span class="pill warn">Geldwert</span>`, "Derzeit angeboten", ">Angeboten</th>", "Anreiz hinzufügen", "Deaktivieren<span"},
			en: []string{`<html lang="en"`, "Incentives, tiers and messages", "Recognition first, cash last", `aria-current="page">Incentives`,
				`<span class="pill warn">Monetary</span>`, "On offer now", "Asks offered", "Add an incentive", "Deactivate<span"},
		},
		"/dashboard/program?tab=tiers": {
			de: []string{"Stufen belohnen Empfehlungsgeber", "Erreicht bei", "3 Empfehlungen", "9 gewonnene Empfehlungen", "Nur Anerkennung (kein Anreiz gewählt)"},
			en: []string{"Tiers reward repeat referrers", "Reached at", "3 referrals", "9 wins", "Recognition only (no incentive chosen)"},
		},
		"/dashboard/program?tab=variants": {
			de: []string{"Nachrichtenvarianten sind verschiedene Fassungen", "Kontaktpunkt", "Folgeanfrage", "33\u00a0%", "Inaktiv", ">Englisch</td>"},
			en: []string{"Message variants are wordings", "Touch", "Follow-up", "33%", "Inactive", ">English</td>"},
		},
		"/dashboard/program/incentives/" + progIncUsed: {
			de: []string{"← Anreize", "Position im Katalog", ">Exklusiver Zugang: neue Funktionen vorab, Roadmap-Termine</option>",
				"Er kann nicht gelöscht werden: 1 Anfrage hat ihn angeboten; 1 Prämie zahlt ihn aus; 1 Stufe vergibt ihn.", "Diesen Anreiz deaktivieren"},
			en: []string{"← Incentives", "Position in the catalog", ">Exclusive access: early features, roadmap sessions</option>",
				"It cannot be deleted: 1 ask offered it; 1 reward pays it; 1 tier gives it.", "Deactivate this incentive"},
		},
		"/dashboard/program/incentives/" + progIncOnOffer: {
			de: []string{"Er wird derzeit angeboten und bleibt deshalb aktiv.", "Wählen Sie in den Einstellungen einen anderen Anreiz"},
			en: []string{"It is on offer now, so it stays active.", "Choose another incentive in Settings"},
		},
		"/dashboard/program/tiers/" + progTierEarned: {
			de: []string{"← Stufen", ">Abgegebene Empfehlungen</option>", "Wie Stufen erreicht werden", "1 Empfehlungsgeber hat diese Stufe erreicht"},
			en: []string{"← Tiers", ">Referrals made</option>", "How tiers are earned", "1 referrer has earned this tier"},
		},
		"/dashboard/program/variants/" + progVarUsed: {
			de: []string{"Variante <code>tested</code>", ">1 Anfrage</span>", ">Erste Anfrage (ausgelöst durch einen zufriedenen Moment)</option>",
				">Deutsch</option>", "Vorschau", "Betreff:", "Sie kann nicht gelöscht werden: 1 Anfrage hat sie gespeichert", "Diese Variante deaktivieren"},
			en: []string{"Variant <code>tested</code>", ">1 ask</span>", ">First ask (fired by a happy moment)</option>",
				">German</option>", "Preview", "Subject:", "It cannot be deleted: 1 ask recorded it", "Deactivate this variant"},
		},
		"/dashboard": {
			de: []string{"Vor Ihrer ersten echten Anfrage", "von 6</strong> erledigt", "Unternehmen und Absender benennen",
				"Noch der Platzhalter: der Name des Unternehmens, der Name des Absenders, die Adresse des Absenders.",
				"Noch kein SMTP-Server", "Noch der mitgelieferte Text von Warmloop: die Landingpage und die Seite für Empfohlene.",
				"Die Kunden sind da.", "(erledigt)", "(offen)", "Testanfrage an mich senden",
				"sobald eine Test-E-Mail über Ihren SMTP-Server gegangen ist"},
			en: []string{"Before your first real ask", "of 6</strong> done", "Name your company and the sender",
				"Still the placeholder: the company name, the sender&#39;s name, the sender&#39;s address.",
				"No SMTP server yet", "Still the copy Warmloop shipped: the landing page and the referee page.",
				"Customers are in.", "(done)", "(to do)", "Send a test ask to me",
				"once a test email has gone through your SMTP server"},
		},
	}
	expectPagesInBothLanguages(t, base, german, english, pages)
}

func TestAGermanAdminReadsTheProgramRulesRefusalsInGermanWhileTheAPIKeepsEnglish(t *testing.T) {
	app, base, german, english := progTwoReaders(t)

	variant := func(over map[string]string) url.Values {
		v := url.Values{"name": {"case-study"}, "touch": {"followup"}, "locale": {"en"}, "subject": {"How Northwind did it"},
			"body": {"Hi {{first_name}},\n\n[Introduce someone]({{link}})"}, "weight": {"2"}, "active": {"on"}}
		for k, val := range over {
			v.Set(k, val)
		}
		return v
	}
	refusals := []struct {
		what, path   string
		form         url.Values
		status       int
		de, en, kept []string
	}{
		{
			"a new variant with a bad name, no link and weight 0", "/dashboard/program/variants/new",
			variant(map[string]string{"name": "Case Study", "body": "Hi {{first_name}}, know anyone?", "weight": "0"}), http.StatusUnprocessableEntity,
			[]string{"Verwenden Sie nur Kleinbuchstaben, Ziffern, - und _", "Setzen Sie den Link der Anfrage in die E-Mail",
				"Geben Sie eine Zahl von 1 bis 1.000 ein."},
			[]string{"Use lowercase letters, digits, - and _ only", "Put the ask&#39;s link in the email", "Enter a number from 1 to 1,000."},
			[]string{`value="Case Study"`, "Hi {{first_name}}, know anyone?"},
		},
		{
			"a new variant with an empty body", "/dashboard/program/variants/new",
			variant(map[string]string{"body": " "}), http.StatusUnprocessableEntity,
			[]string{"Schreiben Sie die E-Mail. Sie braucht den Link {{link}}"},
			[]string{"Write the email. It needs the link {{link}}"}, nil,
		},
		{
			"renaming a variant asks recorded", "/dashboard/program/variants/" + progVarUsed,
			variant(map[string]string{"name": "renamed", "touch": "first"}), http.StatusUnprocessableEntity,
			[]string{"1 Anfrage hat den Namen „tested“ bereits gespeichert", "Das Speichern ist fehlgeschlagen: Korrigieren Sie die unten markierten Felder."},
			[]string{"1 ask already recorded the name “tested”", "It could not be saved: fix the fields marked below."},
			[]string{`value="renamed"`},
		},
		{
			"moving a variant asks recorded to another language", "/dashboard/program/variants/" + progVarUsed,
			variant(map[string]string{"name": "tested", "touch": "first", "locale": "de"}), http.StatusUnprocessableEntity,
			[]string{"1 Anfrage hat diese Variante bereits auf Englisch gespeichert"},
			[]string{"1 ask already recorded this variant in English"}, nil,
		},
		{
			"a variant named like another in its language", "/dashboard/program/variants/new",
			variant(map[string]string{"name": "thanks"}), http.StatusUnprocessableEntity,
			[]string{"Eine andere Variante heißt auf Englisch bereits „thanks“"},
			[]string{"Another variant is already called “thanks” in English"}, nil,
		},
		{
			"deleting a variant asks were made with", "/dashboard/program/variants/" + progVarUsed + "/delete", url.Values{}, http.StatusConflict,
			[]string{"Diese Variante kann nicht gelöscht werden: 1 Anfrage wurde mit ihr verschickt."},
			[]string{"This variant cannot be deleted: 1 ask was made with it."}, nil,
		},
		{
			"an incentive without a name or a known kind", "/dashboard/program/incentives/new",
			url.Values{"name": {" "}, "kind": {"cash-bonus"}, "description": {"Zwei Tickets"}, "position": {"1.5"}}, http.StatusUnprocessableEntity,
			[]string{"Geben Sie dem Anreiz einen Namen", "Wählen Sie, welche Art von Dankeschön das ist.",
				"Geben Sie eine ganze Zahl ein, etwa 1, ohne Nachkommastellen oder Einheit."},
			[]string{"Give the incentive a name", "Choose what kind of thank-you this is.", "Enter a whole number, such as 1"},
			[]string{"Zwei Tickets"},
		},
		{
			"unticking the incentive on offer in its form", "/dashboard/program/incentives/" + progIncOnOffer,
			url.Values{"name": {"Founders' thank-you"}, "kind": {"recognition"}}, http.StatusUnprocessableEntity,
			[]string{`id="active-error">Das ist der derzeit angebotene Anreiz, deshalb bleibt er aktiv.`},
			[]string{`id="active-error">This is the incentive on offer now, so it stays active.`}, nil,
		},
		{
			"deactivating the incentive on offer from the list", "/dashboard/program/incentives/" + progIncOnOffer + "/active",
			url.Values{"active": {"0"}}, http.StatusConflict,
			[]string{`id="refused">Das ist der derzeit angebotene Anreiz, deshalb bleibt er aktiv.`},
			[]string{`id="refused">This is the incentive on offer now, so it stays active.`}, nil,
		},
		{
			"deleting an incentive in use", "/dashboard/program/incentives/" + progIncUsed + "/delete", url.Values{}, http.StatusConflict,
			[]string{"Dieser Anreiz kann nicht gelöscht werden: 1 Anfrage hat ihn angeboten; 1 Prämie zahlt ihn aus; 1 Stufe vergibt ihn."},
			[]string{"This incentive cannot be deleted: 1 ask offered it; 1 reward pays it; 1 tier gives it."}, nil,
		},
		{
			"a tier on another tier's milestone", "/dashboard/program/tiers/new",
			url.Values{"name": {"Netzwerker"}, "counts": {"referrals"}, "threshold": {"3"}}, http.StatusUnprocessableEntity,
			[]string{"Die Stufe „Connector“ wird bereits bei 3 Empfehlungen erreicht."},
			[]string{"The tier “Connector” is already reached at 3 referrals."},
			[]string{`value="Netzwerker"`},
		},
		{
			"a tier with no name, an unknown count and a gone incentive", "/dashboard/program/tiers/new",
			url.Values{"name": {""}, "counts": {"logins"}, "threshold": {"5"}, "incentive": {"nosuchincentive"}}, http.StatusUnprocessableEntity,
			[]string{"Geben Sie der Stufe einen Namen", "abgegebene oder gewonnene Empfehlungen zählt", "Diesen Anreiz gibt es nicht mehr."},
			[]string{"Give the tier a name", "referrals made or referrals won", "That incentive no longer exists."}, nil,
		},
		{
			"deleting a tier a referrer earned", "/dashboard/program/tiers/" + progTierEarned + "/delete", url.Values{}, http.StatusConflict,
			[]string{"Diese Stufe kann nicht gelöscht werden: 1 Empfehlungsgeber hat sie erreicht"},
			[]string{"This tier cannot be deleted: 1 referrer has earned it"}, nil,
		},
		{
			"a test ask before SMTP is proven", "/dashboard/setup/test-ask", url.Values{}, http.StatusConflict,
			[]string{"Zuerst SMTP prüfen", "Einstellungen → E-Mail-Versand"},
			[]string{"Prove SMTP works first", "Settings → Email delivery"}, nil,
		},
	}
	for _, r := range refusals {
		res, body := call(t, http.MethodPost, base+r.path, german, r.form)
		if res.StatusCode != r.status {
			t.Fatalf("German: %s answered %d, want %d", r.what, res.StatusCode, r.status)
		}
		expectPhrases(t, "German: "+r.what, body, append(r.de, r.kept...), r.en)
		res, body = call(t, http.MethodPost, base+r.path, english, r.form)
		if res.StatusCode != r.status {
			t.Fatalf("English: %s answered %d, want %d", r.what, res.StatusCode, r.status)
		}
		expectPhrases(t, "English: "+r.what, body, append(r.en, r.kept...), r.de)
	}
	if n, _ := app.CountRecords("incentives"); n != progIncents {
		t.Errorf("refused forms left %d incentives, want %d", n, progIncents)
	}

	// The same rules answer the REST API and /_/ in English.
	v, err := app.FindRecordById("variants", progVarUsed)
	if err != nil {
		t.Fatal(err)
	}
	v.Set("name", "renamed")
	if err := app.Save(v); err == nil || !strings.Contains(err.Error(), "1 ask already recorded the name “tested”") {
		t.Errorf("renaming a used variant answered the API with %v, want the rule's English", err)
	}
	inc, err := app.FindRecordById("incentives", progIncUsed)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Delete(inc); err == nil || !strings.Contains(err.Error(), "This incentive cannot be deleted: 1 ask offered it") {
		t.Errorf("deleting a used incentive answered the API with %v, want the rule's English", err)
	}
}
