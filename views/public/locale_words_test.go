package public_test

import (
	"bytes"
	netmail "net/mail"
	"strings"
	"testing"

	"warmloop/internal/mail"
	"warmloop/internal/program"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestAGermanReferrersEmailsAndPagesCarryNoEnglishWordsOfWarmloops: the
// values Warmloop writes into copy itself (a field left empty, the line
// about the company while Settings has none) are in the reader's language.
func TestAGermanReferrersEmailsAndPagesCarryNoEnglishWordsOfWarmloops(t *testing.T) {
	app := germanReferrer(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app)
	sink := smtptest.Start(t)
	withoutShippedCopy(t, app, "de")
	settings, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("what_we_do", "")
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	ref := webtest.MustReferral(t, app)
	ref.Set("referee_company", "")
	ref.Set("message", "")
	if err := app.Save(ref); err != nil {
		t.Fatal(err)
	}
	testapp.Save(t, app, "pages", map[string]any{
		"slug": "thanks_booked", "locale": "de", "title": "Danke, {{referrer_first_name}}",
		"body": "{{referee_name}} hat einen Termin gebucht. Firma: {{referee_company}}. Ihre Notiz: {{message}}.",
	})
	testapp.Save(t, app, "pages", map[string]any{
		"slug": "referee", "locale": "de", "title": "Hallo {{referee_first_name}}",
		"body": "Über uns: {{what_we_do}}",
	})
	s, err := program.Load(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := mail.QueueNote(app, s, "thanks_booked", "ana@northwind.example", ref); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("DELETE FROM outbox WHERE subject = 'Ana Lima suggested we talk'").Execute(); err != nil {
		t.Fatal(err)
	}
	deliver(t, app, sink)
	if len(sink.Messages()) != 1 {
		t.Fatalf("%d emails reached the sink, want the thank-you alone", len(sink.Messages()))
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(sink.Messages()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	text, html := smtptest.Parts(t, msg)
	for part, body := range map[string]string{"text": text, "HTML": html} {
		if !strings.Contains(body, "Firma: keine Angabe. Ihre Notiz: keine Angabe.") || strings.Contains(body, "not given") {
			t.Errorf("the German thank-you's %s part:\n%s", part, body)
		}
	}

	_, page := getWith(t, srv.URL+"/i/"+webtest.RefCode, nil)
	if !strings.Contains(page, "Über uns: Wir hören lieber zuerst, woran Sie arbeiten") || strings.Contains(page, "rather hear about your work") {
		t.Errorf("the German referee page without a line about the company:\n%s", page)
	}
}
