package public_test

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/mail"
	"warmloop/internal/program"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// speaking sets Ana's own locale.
func speaking(t testing.TB, app core.App, lang string) {
	t.Helper()
	ana := webtest.MustAna(t, app)
	ana.Set("locale", lang)
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
}

// germanReferrer is WithReferral with Ana reading German.
func germanReferrer(t testing.TB) *tests.TestApp {
	app := webtest.WithReferral(t)
	speaking(t, app, "de")
	return app
}

// getWith fetches a page with request headers and returns its status and body.
func getWith(t testing.TB, url string, headers map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestThePublicPagesSpeakTheirReadersLanguage(t *testing.T) {
	german := func(t testing.TB) *tests.TestApp { return germanReferrer(t) }
	withLang := func(lang string) map[string]string {
		return map[string]string{"User-Agent": chrome, "Accept-Language": lang}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "a German customer's landing page is German",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken, TestAppFactory: german, Headers: browser,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<html lang="de" dir="ltr">`, "Eine Kollegin oder einen Kollegen vorstellen", "Vorstellung senden",
				"Zum Inhalt springen", "Ihre Angaben bleiben bei uns", `href="mailto:?subject=Eine%20Empfehlung%3A%20Acme`},
			NotExpectedContent: []string{"Send my introduction", "Introduce a colleague"},
		},
		{
			Name:   "a customer with no locale of their own reads the program's default",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken, Headers: browser,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := webtest.WithReferral(t)
				s, _ := app.FindFirstRecordByFilter("settings", "")
				s.Set("default_locale", "fr")
				if err := app.Save(s); err != nil {
					t.Fatal(err)
				}
				program.Forget(app)
				return app
			},
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="fr" dir="ltr">`, "Envoyer ma recommandation"},
		},
		{
			Name:   "a German customer's form errors come back in German",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, TestAppFactory: german,
			Body:           introduction(map[string]string{"referee_email": "jo@"}),
			Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"},
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Das sieht nicht nach einer E-Mail-Adresse aus.", "Bitte prüfen Sie die markierten Felder",
				`value="jo@"`},
		},
		{
			Name:   "the referee of a German referrer reads German",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: german, Headers: browser,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="de"`, "Termin anfragen", "Vorgestellt von Ana Lima, Northwind"},
		},
		{
			Name:   "a referee whose browser asks for English reads English",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: german, Headers: withLang("en-GB,en;q=0.9"),
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`<html lang="en"`, "Request a meeting"},
			NotExpectedContent: []string{"Termin anfragen"},
		},
		{
			Name:   "a referee whose browser asks for Canadian French reads French",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: german, Headers: withLang("fr-CA"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="fr"`, "Demander un rendez-vous"},
		},
		{
			Name:   "a malformed Accept-Language keeps the referrer's language",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: german, Headers: withLang("!!;q=zz,,"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="de"`, "Termin anfragen"},
		},
		{
			Name:   "a browser asking only for a language Warmloop lacks keeps the referrer's",
			Method: http.MethodGet, URL: "/i/" + webtest.RefCode, TestAppFactory: german, Headers: withLang("ja-JP,ja;q=0.9"),
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="de"`, "Termin anfragen"},
		},
		{
			Name:   "a German customer's unsubscribe page is German",
			Method: http.MethodGet, URL: "/u/" + webtest.UnsubscribeToken, TestAppFactory: german,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`<html lang="de"`, "Empfehlungs-E-Mails abbestellen?", "Abbestellen"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestAKeptPageForOneLanguageNeverAnswersAnother(t *testing.T) {
	app := germanReferrer(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)

	// The referee's page, kept after its first view in German.
	for i, c := range []struct{ accept, want, not string }{
		{"", "Termin anfragen", "Request a meeting"},
		{"en", "Request a meeting", "Termin anfragen"},
		{"", "Termin anfragen", "Request a meeting"},
		{"nl-BE", "Een afspraak aanvragen", "Termin anfragen"},
	} {
		_, page := getWith(t, srv.URL+"/i/"+webtest.RefCode, map[string]string{"User-Agent": chrome, "Accept-Language": c.accept})
		if !strings.Contains(page, c.want) || strings.Contains(page, c.not) {
			t.Errorf("view %d with Accept-Language %q: want %q, not %q", i+1, c.accept, c.want, c.not)
		}
	}

	// The landing page, kept per referrer: a referrer whose language
	// changes reads the new one at the next view.
	_, page := getWith(t, srv.URL+"/r/"+webtest.AskToken, browser)
	if !strings.Contains(page, "Vorstellung senden") {
		t.Fatalf("the German landing page:\n%s", page)
	}
	speaking(t, app, "es")
	_, page = getWith(t, srv.URL+"/r/"+webtest.AskToken, browser)
	if !strings.Contains(page, "Enviar mi presentación") || strings.Contains(page, "Vorstellung senden") {
		t.Errorf("after Ana switched to Spanish, the landing page still reads:\n%s", page)
	}
}

func TestAGermanCustomersAskEmailHasAGermanFooterAndUnsubscribeLine(t *testing.T) {
	app := germanReferrer(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	sink := smtptest.Start(t)
	withoutShippedCopy(t, app, "de")
	testapp.Save(t, app, "pages", map[string]any{
		"slug": "ask_email", "locale": "de", "title": "{{first_name}}, kennen Sie jemanden?",
		"body": "Hallo {{first_name}},\n\nkennen Sie jemanden, der {{company_name}} kennenlernen sollte? [Jetzt vorstellen]({{link}})",
	})
	s, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	copy, err := mail.PageCopy(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := mail.QueueAsk(app, s, webtest.MustAna(t, app), webtest.MustAsk(t, app).Id, copy); err != nil {
		t.Fatal(err)
	}
	deliver(t, app, sink)

	var msg *netmail.Message
	for _, m := range sink.Messages() {
		if m.To[0] == "ana@northwind.example" {
			msg, err = netmail.ReadMessage(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if msg == nil {
		t.Fatalf("no ask email reached the sink: %d messages", len(sink.Messages()))
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	text, html := smtptest.Parts(t, msg)
	if subject != "Ana, kennen Sie jemanden?" {
		t.Errorf("subject %q", subject)
	}
	for _, want := range []string{`<html lang="de" dir="ltr">`, "Hallo Ana,", "Sie erhalten diese E-Mail, weil Sie Kunde von Acme sind.",
		">Diese E-Mails abbestellen</a>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %q:\n%s", want, html)
		}
	}
	if !strings.Contains(text, "Diese E-Mails abbestellen: ") || strings.Contains(text, "Unsubscribe") {
		t.Errorf("the text part:\n%s", text)
	}
	unsubscribe := msg.Header.Get("List-Unsubscribe")
	link := strings.Trim(unsubscribe, "<>")
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/u/") {
		t.Fatalf("List-Unsubscribe %q", unsubscribe)
	}
	_, page := getWith(t, srv.URL+u.Path, nil)
	if !strings.Contains(page, `<html lang="de"`) || !strings.Contains(page, "Empfehlungs-E-Mails abbestellen?") {
		t.Errorf("the unsubscribe page the email links to:\n%s", page)
	}
}

// withoutShippedCopy removes the pages Warmloop ships in a language, so a
// test writes that language's copy itself and knows every word of it.
func withoutShippedCopy(t testing.TB, app core.App, lang string) {
	t.Helper()
	if _, err := app.DB().NewQuery("DELETE FROM pages WHERE locale = {:l}").Bind(dbx.Params{"l": lang}).Execute(); err != nil {
		t.Fatal(err)
	}
}
