package dashboard_test

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// withComparableAsks is a program whose asks of the last days split
// clearly: 40 asks fired by an NPS answer (touch 1, the balanced preset,
// variant "thanks"), 16 referred, against 40 cadence touches (touch 2, no
// preset or variant recorded), 6 referred; no incentive offered. Every
// breakdown but the incentive's compares two groups, significantly
// (p ≈ 0.012); the incentive's has one group.
func withComparableAsks(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	c := testapp.Customer(t, app, "Lea", "lea@wien.example", nil)
	// A score below the threshold: the moment fires no ask of its own.
	m := testapp.Save(t, app, "moments", map[string]any{"customer": c.Id, "kind": "nps", "score": 3, "source": "t", "occurred_at": time.Now().UTC()})
	sent := time.Now().UTC().AddDate(0, 0, -3)
	for _, side := range []struct {
		moment, cadence, variant string
		touch, referred          int
	}{{m.Id, "balanced", "thanks", 1, 16}, {"", "", "", 2, 6}} {
		for i := range 40 {
			status := "sent"
			if i < side.referred {
				status = "referred"
			}
			testapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "moment": side.moment, "touch": side.touch, "status": status,
				"sent_at": sent, "cadence": side.cadence, "variant": side.variant})
		}
	}
	return app
}

// germanOwnerAndEnglishAdmin serves app to an owner who chose German and
// an admin who reads English, and returns the server's address and their
// session cookies.
func germanOwnerAndEnglishAdmin(t *testing.T, app *tests.TestApp) (string, map[string]string) {
	t.Helper()
	cookies := map[string]string{}
	_, cookies["owner"] = testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	_, cookies["admin"] = testapp.Member(t, app, "Bo Chen", "bo@acme.example", "admin")
	srv := webtest.Server(t, app)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	return srv.URL, cookies
}

func TestAGermanAdminReadsTheOverviewsVerdictsGroupsAndFunnelInGermanWhileAnotherReadsEnglish(t *testing.T) {
	app := withComparableAsks(t)
	t.Cleanup(app.Cleanup)
	base, cookies := germanOwnerAndEnglishAdmin(t, app)
	row := func(label, asks, referred, yield string) string {
		return `<tr><th scope="row">` + label + `</th><td>` + asks + `</td><td>` + referred + `</td><td>` + yield + `</td></tr>`
	}
	checkScreensInBothLanguages(t, base, cookies, []screenWords{{"/dashboard?days=30",
		[]string{
			// the funnel's stages
			`<th scope="row">Gesendete Anfragen</th><td>80</td>`, `<th scope="row">Geklickt</th>`, `<th scope="row">Empfohlen</th>`,
			`<th scope="row">Gebucht</th>`, `<th scope="row">Qualifiziert</th>`, `<th scope="row">Gewonnen</th>`,
			// the groups, named in German, their yields written the German way
			row("NPS-Antwort", "40", "16", "40,0\u00a0%"), row("Folgekontakt im Rhythmus", "40", "6", "15,0\u00a0%"),
			row("Kontakt 1", "40", "16", "40,0\u00a0%"), row("Kontakt 2", "40", "6", "15,0\u00a0%"),
			row("Ausgewogen", "40", "16", "40,0\u00a0%"), row("Vorlage nicht erfasst", "40", "6", "15,0\u00a0%"),
			row("Kein Dankeschön", "80", "22", "27,5\u00a0%"), row("Variante nicht erfasst", "40", "6", "15,0\u00a0%"),
			// the verdicts
			"„NPS-Antwort“ bringt mehr Empfehlungen als der Rest (40,0\u00a0% gegenüber 15,0\u00a0%), und der Unterschied ist signifikant (p = 0,012). Setzen Sie darauf.",
			"„Kontakt 1“ bringt mehr Empfehlungen", "„Ausgewogen“ bringt mehr Empfehlungen", "„thanks“ bringt mehr Empfehlungen",
			"Bisher gibt es nur eine Gruppe, also noch nichts zu vergleichen.",
		},
		[]string{
			`<th scope="row">Asks sent</th><td>80</td>`, `<th scope="row">Clicked</th>`, `<th scope="row">Booked</th>`, `<th scope="row">Qualified</th>`,
			row("NPS answer", "40", "16", "40.0%"), row("Cadence touch", "40", "6", "15.0%"),
			row("Touch 1", "40", "16", "40.0%"), row("Balanced", "40", "16", "40.0%"), row("Preset not recorded", "40", "6", "15.0%"),
			row("No incentive", "80", "22", "27.5%"), row("Variant not recorded", "40", "6", "15.0%"),
			"“NPS answer” yields more than the rest (40.0% against 15.0%), and the difference is significant (p = 0.012): favour it.",
			"“thanks” yields more than the rest", "Only one group so far: nothing to compare yet.",
		},
	}})
}

// uploadAs posts a CSV file to the import form as the admin with cookie,
// and returns the answer and its body.
func uploadAs(t *testing.T, base, cookie, name string, content []byte) (*http.Response, string) {
	t.Helper()
	body, headers := customersUpload(t, name, content)
	req, err := http.NewRequest(http.MethodPost, base+"/dashboard/customers/import", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", headers["Content-Type"])
	req.Header.Set("Cookie", cookie)
	res, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(page)
}

// importAs uploads csv to the import screen as the admin with cookie,
// waits for the import to end and returns its summary page.
func importAs(t *testing.T, app *tests.TestApp, base, cookie, csv string) string {
	t.Helper()
	res, _ := uploadAs(t, base, cookie, "kunden.csv", []byte(csv))
	job := strings.TrimPrefix(res.Header.Get("Location"), "/dashboard/customers/import/")
	if res.StatusCode != http.StatusSeeOther || job == "" {
		t.Fatalf("the upload answered %d to %q, want 303 to the job", res.StatusCode, res.Header.Get("Location"))
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		j, err := intake.FindImport(app, job)
		if err != nil {
			t.Fatal(err)
		}
		if !j.Running() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the import did not end within 10 seconds")
		}
	}
	_, page := call(t, http.MethodGet, base+"/dashboard/customers/import/"+job, cookie, nil)
	return regexp.MustCompile(`>\s+<`).ReplaceAllString(page, "><")
}

func TestAGermanAdminReadsWhyImportLinesWereRefusedInGermanWhileAnotherReadsEnglish(t *testing.T) {
	app := testapp.New(t)
	base, cookies := germanOwnerAndEnglishAdmin(t, app)
	csv := "email,name,company\n" +
		"hana@harbor.example,Hana,Harbor\n" +
		"not-an-email,Jo,\n" +
		",Nobody,\n" +
		"HANA@harbor.example,Hana again,\n" +
		"ivo@iris.example,Ivo," + strings.Repeat("i", 201) + "\n"
	line := func(n, reason string) string { return `<td class="num">` + n + `</td><td>` + reason + `</td>` }
	de := importAs(t, app, base, cookies["owner"], csv)
	en := importAs(t, app, base, cookies["admin"], csv)
	for _, want := range []string{
		line("3", "„not-an-email“ ist keine E-Mail-Adresse."), line("4", "Die E-Mail-Adresse fehlt."),
		line("5", "hana@harbor.example steht schon in Zeile 2 dieser Datei."), line("6", "Die Spalte company ist länger als 200 Zeichen."),
	} {
		if !strings.Contains(de, want) {
			t.Errorf("the German summary lacks %s:\n%s", want, de)
		}
	}
	for _, want := range []string{
		line("3", "“not-an-email” is not an email address."), line("4", "The email is missing."),
		line("5", "hana@harbor.example is already on line 2 of this file."), line("6", "The company column is longer than 200 characters."),
	} {
		if !strings.Contains(en, want) {
			t.Errorf("the English summary lacks %s:\n%s", want, en)
		}
		if strings.Contains(de, want) {
			t.Errorf("the German summary shows %s", want)
		}
	}

	// A file the import cannot read at all is refused in the reader's language too.
	for role, want := range map[string]string{
		"owner": "Der Kopfzeile fehlt die Spalte email.",
		"admin": "The header row has no email column.",
	} {
		res, page := uploadAs(t, base, cookies[role], "names.csv", []byte("name,company\nJo,Acme\n"))
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("%s: a file without an email column answered %d without %q", role, res.StatusCode, want)
		}
	}
}

func TestTheTestEmailArrivesInTheLanguageOfTheAdminWhoSentIt(t *testing.T) {
	sink := smtptest.Start(t)
	app := settWithSMTP(t, sink.Host, sink.Port)
	t.Cleanup(app.Cleanup)
	base, cookies := germanOwnerAndEnglishAdmin(t, app)
	for _, role := range []string{"owner", "admin"} {
		if res, body := call(t, http.MethodPost, base+"/dashboard/settings/test-email", cookies[role], url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: the test email answered %d: %s", role, res.StatusCode, body)
		}
	}
	want := map[string][3]string{
		"ana@acme.example": {"Test-E-Mail von Warmloop", "Diese Test-E-Mail kommt aus Ihrem Warmloop-Dashboard.", "funktioniert SMTP"},
		"bo@acme.example":  {"Warmloop test email", "This is a test email from your Warmloop dashboard.", "SMTP works"},
	}
	got := sink.Messages()
	if len(got) != 2 {
		t.Fatalf("the SMTP server got %d messages, want 2", len(got))
	}
	for _, m := range got {
		w, ok := want[m.To[0]]
		if !ok {
			t.Fatalf("a test email went to %v", m.To)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != w[0] {
			t.Errorf("%s: subject %q (%v), want %q", m.To[0], subject, err, w[0])
		}
		text, html := smtptest.Parts(t, msg)
		for _, part := range []string{text, html} {
			if !strings.Contains(part, w[1]) || !strings.Contains(part, w[2]) {
				t.Errorf("%s: body %q, want %q and %q", m.To[0], part, w[1], w[2])
			}
		}
	}
}
