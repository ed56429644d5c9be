package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
	"warmloop/views/dashboard"
)

// expectPhrases fails for each phrase the body lacks or shows though it must not.
func expectPhrases(t *testing.T, what, body string, want, notWant []string) {
	t.Helper()
	for _, p := range want {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
	for _, p := range notWant {
		if strings.Contains(body, p) {
			t.Errorf("%s shows %q", what, p)
		}
	}
}

func TestAGermanOwnerSeesSettingsTeamAndIntegrationsInGermanWhileAnotherOwnerSeesEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	_, english := testapp.Member(t, seeded, "Eli Park", "eli@acme.example", "owner")
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	pages := map[string]struct{ de, en []string }{
		"/dashboard/settings": {
			de: []string{`<html lang="de"`, "Unternehmen und Absender", "Wann gefragt wird", "Ausgewogen: alle 6 Wochen", ">Deutsch</option>", "E-Mail-Versand (SMTP)", "Gemeinsame Geheimnisse", "Webhook-Adressen zum Einfügen", "Einstellungen speichern"},
			en: []string{`<html lang="en"`, "Company and sender", "When to ask", "Balanced: every 6 weeks", ">German</option>", "Email delivery (SMTP)", "Shared secrets", "Save settings"},
		},
		"/dashboard/team": {
			de: []string{"Jemanden einladen", ">Inhaber</option>", ">Vertrieb</option>", "Einladung senden"},
			en: []string{"Invite someone", ">Owner</option>", ">Sales</option>", "Send the invitation"},
		},
		"/dashboard/integrations": {
			de: []string{"Integrationen", "CRM-Phasenzuordnung", "Noch nichts eingegangen.", "Integrationen speichern"},
			en: []string{"Integrations", "CRM stage map", "Nothing has arrived yet.", "Save integrations"},
		},
	}
	expectPagesInBothLanguages(t, srv.URL, cookies["owner"], english, pages)
}

func TestAGermanOwnersRefusedSettingsSayWhatToFixInGermanAndTheAPIKeepsEnglish(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	r, err := program.Record(seeded)
	if err != nil {
		t.Fatal(err)
	}
	before := r.GetInt("cooldown_days")
	d := program.DraftOf(r)
	posted := url.Values{"company_name": {d.CompanyName}, "sender_name": {d.SenderName}, "sender_address": {d.SenderAddress},
		"nps_threshold": {d.NPSThreshold}, "cadence": {d.Cadence}, "touch_limit": {d.TouchLimit}, "rest_days": {d.RestDays},
		"currency": {d.Currency}, "timezone": {d.Timezone}, "default_locale": {d.DefaultLocale}}
	posted.Set("cooldown_days", "zwei Wochen")
	posted.Set("sales_inbox", "vertrieb at acme")
	posted.Set("chat_webhook_url", "http://chat.example.com/hook")
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/settings", cookies["owner"], posted)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("refused settings answered %d", res.StatusCode)
	}
	expectPhrases(t, "the refused German settings", body, []string{
		"Es wurde nichts gespeichert.",
		"Geben Sie eine ganze Zahl ein, etwa 1, ohne Nachkommastellen oder Einheit.",
		"Geben Sie nur die E-Mail-Adresse ein",
		"Verwenden Sie https:// für ein Chat-Tool im Internet",
		`value="zwei Wochen"`,
	}, []string{"Enter a whole number", "Enter an email address alone", "Use https:// for a chat tool"})
	if r, _ := program.Record(seeded); r.GetInt("cooldown_days") != before {
		t.Errorf("a refused form changed the cooldown to %d", r.GetInt("cooldown_days"))
	}
	// The same rule answers the API and /_/ in English.
	r.Set("cooldown_days", 0)
	if err := seeded.Save(r); err == nil || !strings.Contains(err.Error(), "Enter a number from 1 to 365.") {
		t.Errorf("the settings rule answered a save with %v, want its English message", err)
	}
}

func TestAGermanOwnerReadsTheTeamsRefusalsInGerman(t *testing.T) {
	seeded, cookies := seededWithTeam(t)
	srv := webtest.Server(t, seeded)
	chooseLanguage(t, srv.URL, cookies["owner"], "de")
	res, body := call(t, http.MethodPost, srv.URL+"/dashboard/team/invite", cookies["owner"], url.Values{"name": {""}, "email": {"neu@acme.example"}, "role": {"sales"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an invitation without a name answered %d", res.StatusCode)
	}
	expectPhrases(t, "the refused invitation", body, []string{"Geben Sie den Namen der Person ein.", `value="neu@acme.example"`}, []string{"Enter the person's name."})
	owner, err := seeded.FindAuthRecordByEmail("team", "ana@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	res, body = call(t, http.MethodPost, srv.URL+"/dashboard/team/"+owner.Id+"/role", cookies["owner"], url.Values{"role": {"admin"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("demoting the last owner answered %d", res.StatusCode)
	}
	expectPhrases(t, "the last owner's demotion", body, []string{"Das Team braucht mindestens einen Inhaber"}, []string{"the team needs at least one owner"})
}

func TestEveryMessageOfTheSettingsRulesReadsInEachShippedLanguage(t *testing.T) {
	app := testapp.New(t)
	bad := program.Draft{
		CompanyName: "", SenderName: "A <b@c>", SenderAddress: "", SalesInbox: "not an address",
		NPSThreshold: "", Cadence: "often", CadenceDays: "3.5", CooldownDays: "0", TouchLimit: "99", RestDays: "",
		AskIntrosPerDay: "x", Currency: "EURO", Timezone: "Mars/Olympus", BookingURL: "ftp://x", WebhookURL: "nope",
		WebhookEvents: []string{"everything"}, AppURL: "refer.example.com", DefaultLocale: "tlh", SMTPHost: "smtp://mail.example.com",
		WhatWeDo: strings.Repeat("x", 201),
		Secrets: map[string]program.SecretChange{"webhook_secret": {New: "short"}, "nps_secret": {New: "a long secret with spaces"},
			"booking_secret": {New: "abcdefghijklmnop", Clear: true}},
	}
	messages := program.Check(app, bad, "")
	if len(messages) < 15 {
		t.Fatalf("the bad draft broke only %d rules: %v", len(messages), messages)
	}
	for _, lang := range locale.Shipped {
		if lang == locale.English {
			continue
		}
		sp := locale.For(lang)
		for field, message := range messages {
			if got := dashboard.RuleText(sp, message); got == message || strings.Contains(got, "<no value>") {
				t.Errorf("%s: %s's %q reads %q on the dashboard", lang, field, message, got)
			}
		}
	}
	if got := dashboard.RuleText(locale.For("de"), "Enter a whole number from 1 to 65535."); got != "Geben Sie eine ganze Zahl von 1 bis 65.535 ein." {
		t.Errorf("a range reads %q in German", got)
	}
}
