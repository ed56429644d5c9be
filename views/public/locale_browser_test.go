package public_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"warmloop/internal/mail"
	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// germanCopy is the German markdown a German program would have: written
// here, so the test reads only what it wrote (the shipped German copy
// comes with its own migration).
var germanCopy = []map[string]any{
	{"slug": "landing", "title": "Wen kennen Sie, {{first_name}}?",
		"body": "Stellen Sie uns jemanden vor, der {{company_name}} kennenlernen sollte."},
	{"slug": "referee", "title": "Hallo {{referee_first_name}}, schön, Sie kennenzulernen",
		"body": "{{referrer_name}} meint, wir könnten Ihnen helfen."},
	{"slug": "intro_email", "title": "{{referrer_name}} hat uns gebeten, Ihnen zu schreiben",
		"body": "Hallo {{referee_first_name}},\n\n{{referrer_name}} hat uns von Ihnen erzählt. [Ihre Seite ansehen]({{link}})"},
	{"slug": "ask_email", "title": "{{first_name}}, kennen Sie jemanden?",
		"body": "Hallo {{first_name}},\n\nkennen Sie jemanden? [Jetzt vorstellen]({{link}})"},
}

// sentTo reads the newest email the sink got for an address: its subject,
// text and HTML, and the message itself.
func sentTo(t *testing.T, sink *smtptest.Server, to string) (subject, text, html string, msg *netmail.Message) {
	t.Helper()
	for _, m := range sink.Messages() {
		if len(m.To) > 0 && m.To[0] == to {
			var err error
			if msg, err = netmail.ReadMessage(bytes.NewReader(m.Data)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if msg == nil {
		t.Fatalf("no email to %s", to)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	text, html = smtptest.Parts(t, msg)
	return subject, text, html, msg
}

// TestBrowserAGermanReferrerAndTheirRefereeReadGerman opens a German
// customer's landing page, introduces a colleague, and follows the German
// introduction to the referee's German page; the ask email's unsubscribe
// link opens a German page too. Each page is checked at 390 and 1280 px.
func TestBrowserAGermanReferrerAndTheirRefereeReadGerman(t *testing.T) {
	ctx := browsertest.New(t)
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	speaking(t, app, "de")
	withoutShippedCopy(t, app, "de")
	for _, p := range germanCopy {
		p["locale"] = "de"
		testapp.Save(t, app, "pages", p)
	}
	srv := webtest.Server(t, app)
	sink := smtptest.Start(t)
	run := func(tasks chromedp.Tasks) error { return chromedp.Run(ctx, tasks) }
	widths := func(name string) {
		t.Helper()
		for _, w := range []int64{390, 1280} {
			var scrollWidth int64
			if err := run(chromedp.Tasks{chromedp.EmulateViewport(w, 900),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth)}); err != nil {
				t.Fatal(err)
			}
			if scrollWidth > w {
				t.Errorf("%s is %dpx wide at %dpx", name, scrollWidth, w)
			}
			browsertest.Screenshot(t, ctx, name+"-"+map[int64]string{390: "390", 1280: "1280"}[w])
		}
	}

	// The referrer's page, in German, with German copy.
	var lang, heading, button string
	err := run(chromedp.Tasks{
		// The browser asks for a language Warmloop lacks, so every page
		// follows the people's own locale.
		network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "ja-JP,ja;q=0.9"}),
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL + "/r/" + webtest.AskToken),
		chromedp.WaitVisible(`#referee_name`, chromedp.ByID),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.Text(`#refer button[type=submit]`, &button, chromedp.ByQuery),
	})
	if err != nil {
		t.Fatal(err)
	}
	if lang != "de" || heading != "Wen kennen Sie, Ana?" || button != "Vorstellung senden" {
		t.Errorf("the landing page: lang %q, heading %q, button %q", lang, heading, button)
	}
	widths("locale-de-landing")
	if vs, err := browsertest.Axe(ctx); err != nil {
		t.Fatal(err)
	} else {
		for _, v := range vs {
			if v.Blocking() {
				t.Errorf("axe on the German landing page: %s", v)
			}
		}
	}

	// The introduction, and its German confirmation.
	var thanks string
	err = run(chromedp.Tasks{
		chromedp.EmulateViewport(390, 900),
		chromedp.SendKeys(`#referee_name`, "Jo Bloggs", chromedp.ByID),
		chromedp.SendKeys(`#referee_email`, "jo@fabrikam.example", chromedp.ByID),
		chromedp.Click(`#refer button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h2[@id="refer-title"][contains(., "Vielen Dank")]`, chromedp.BySearch),
		chromedp.Text(`#refer`, &thanks, chromedp.ByQuery),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(thanks, "Ihre Nachricht an Jo Bloggs ist unterwegs.") || !strings.Contains(thanks, "Wie es weitergeht") {
		t.Errorf("the confirmation reads %q", thanks)
	}
	widths("locale-de-sent")

	// The introduction email to the referee is German: subject, body, footer.
	deliver(t, app, sink)
	subject, text, html, _ := sentTo(t, sink, "jo@fabrikam.example")
	if subject != "Ana Lima hat uns gebeten, Ihnen zu schreiben" {
		t.Errorf("the introduction's subject is %q", subject)
	}
	for _, want := range []string{`<html lang="de" dir="ltr">`, "Hallo Jo,", "Ana Lima hat Acme gebeten, Ihnen zu schreiben. Wir setzen Sie auf keinen Verteiler."} {
		if !strings.Contains(html, want) {
			t.Errorf("the introduction's HTML lacks %q:\n%s", want, html)
		}
	}
	link := regexp.MustCompile(`https?://[^\s)]+/i/[A-Za-z0-9]+`).FindString(text)
	if link == "" {
		t.Fatalf("no referee link in the introduction:\n%s", text)
	}
	copySubject, _, _, _ := sentTo(t, sink, "ana@northwind.example")
	if copySubject != "Ihre Kopie: Ana Lima hat uns gebeten, Ihnen zu schreiben" {
		t.Errorf("Ana's copy is titled %q", copySubject)
	}

	// The referee's page, in their referrer's German.
	path := link[strings.Index(link, "/i/"):]
	var refereeButton, eyebrow string
	err = run(chromedp.Tasks{
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL + path),
		chromedp.WaitVisible(`#booking`, chromedp.ByID),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
		chromedp.Text(`.eyebrow`, &eyebrow, chromedp.ByQuery),
		chromedp.Text(`#booking form.form button[type=submit]`, &refereeButton, chromedp.ByQuery),
	})
	if err != nil {
		t.Fatal(err)
	}
	if lang != "de" || refereeButton != "Termin anfragen" || !strings.EqualFold(eyebrow, "Vorgestellt von Ana Lima, Northwind") {
		t.Errorf("the referee's page: lang %q, eyebrow %q, button %q", lang, eyebrow, refereeButton)
	}
	widths("locale-de-referee")

	// Ana's ask email, and the German page its unsubscribe link opens.
	s, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	askCopy, err := mail.PageCopy(app)
	if err != nil {
		t.Fatal(err)
	}
	ana := webtest.MustAna(t, app)
	if err := mail.QueueAsk(app, s, ana, webtest.MustAsk(t, app).Id, askCopy); err != nil {
		t.Fatal(err)
	}
	deliver(t, app, sink)
	subject, text, html, msg := sentTo(t, sink, "ana@northwind.example")
	if subject != "Ana, kennen Sie jemanden?" || !strings.Contains(html, "Sie erhalten diese E-Mail, weil Sie Kunde von Acme sind.") ||
		!strings.Contains(text, "Diese E-Mails abbestellen: ") {
		t.Errorf("the ask email: subject %q\n%s", subject, text)
	}
	unsubscribe := strings.Trim(msg.Header.Get("List-Unsubscribe"), "<>")
	var title string
	err = run(chromedp.Tasks{
		chromedp.Navigate(srv.URL + unsubscribe[strings.Index(unsubscribe, "/u/"):]),
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Text(`h1`, &title, chromedp.ByQuery),
		chromedp.AttributeValue(`html`, "lang", &lang, nil, chromedp.ByQuery),
	})
	if err != nil {
		t.Fatal(err)
	}
	if title != "Empfehlungs-E-Mails abbestellen?" || lang != "de" {
		t.Errorf("the unsubscribe page: lang %q, title %q", lang, title)
	}
	widths("locale-de-unsubscribe")
}
