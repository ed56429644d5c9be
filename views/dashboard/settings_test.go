package dashboard_test

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/program"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The secrets settApp stores; no page may ever print them.
const (
	settNPSSecret     = "nps-secret-4f9a2c7e1b"
	settWebhookSecret = "whsec-8d3b61a0f27c"
	settBookingSecret = "book-secret-55e0c9a1d3"
	settSMTPPassword  = "smtp-password-7c1e90"
)

// settNeverShown are the stored secrets no page prints: the ones an admin
// typed and keeps to themselves. The NPS and booking secrets show only in
// the webhook addresses that carry them.
var settNeverShown = []string{settWebhookSecret, settSMTPPassword}

// settApp is a bare app whose settings hold the three secrets and an SMTP
// password (with SMTP off) and have been read once, so a stale cache would
// show.
func settApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	r.Set("nps_secret", settNPSSecret)
	r.Set("webhook_secret", settWebhookSecret)
	r.Set("booking_secret", settBookingSecret)
	r.Set("smtp_password", settSMTPPassword)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if _, err := program.Load(app); err != nil {
		t.Fatal(err)
	}
	return app
}

// settValid is a complete, valid settings form; over changes fields.
func settValid(over url.Values) *strings.Reader {
	v := url.Values{
		"company_name": {"Northwind"}, "sender_name": {"Ana at Northwind"}, "sender_address": {"ana@northwind.example"},
		"sales_inbox": {"sales@northwind.example"}, "nps_threshold": {"8"}, "cadence": {"custom"}, "cadence_days": {"30"},
		"cooldown_days": {"21"}, "touch_limit": {"4"}, "rest_days": {"60"}, "booking_url": {"https://cal.example/northwind"},
		"webhook_url": {"https://crm.example/hooks/warmloop"}, "webhook_events": {"referral.created", "referral.booked"},
	}
	for k, vals := range over {
		v[k] = vals
	}
	return webtest.Form(v)
}

// settExpect checks the settings as every reader sees them (the cache the
// hooks must forget) against want.
func settExpect(want func(s program.Settings) bool, what string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		s, err := program.Load(app)
		if err != nil {
			t.Fatal(err)
		}
		if !want(s) {
			t.Errorf("settings: want %s, got %+v", what, s)
		}
	}
}

// settUnchanged checks the stored record still has its seeded values.
func settUnchanged(t testing.TB, app *tests.TestApp, _ *http.Response) {
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.GetString("company_name") != "Acme" || r.GetInt("nps_threshold") != 9 || r.GetString("nps_secret") != settNPSSecret ||
		r.GetString("webhook_secret") != settWebhookSecret || r.GetString("booking_secret") != settBookingSecret {
		t.Errorf("settings changed: %v", r)
	}
}

func TestDashboardSettingsForm(t *testing.T) {
	secrets := settNeverShown
	scenarios := []tests.ApiScenario{
		{
			Name: "guest is sent to the login page", Method: http.MethodGet, URL: "/dashboard/settings",
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Fsettings"),
			TestAppFactory: settApp,
		},
		{
			Name: "guest cannot save settings", Method: http.MethodPost, URL: "/dashboard/settings", Headers: webtest.FormHeader,
			Body: settValid(nil), ExpectedStatus: http.StatusSeeOther, AfterTestFunc: settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "the form shows every setting and whether each secret is set, never the secret", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`value="Acme"`, `value="The Acme team"`, `value="referrals@example.com"`, `name="nps_threshold"`,
				`value="9"`, `<option value="balanced" selected>`, `value="14"`, `value="3"`, `value="30"`, `value="42"`,
				`name="booking_url"`, `name="webhook_url"`, `name="webhook_events" value="reward.earned"`,
				`name="nps_secret" type="password" autocomplete="new-password" value=""`, `name="webhook_secret_clear"`,
				`name="smtp_password" type="password" autocomplete="new-password" value=""`, `name="smtp_password_clear"`,
				"<strong>Set</strong>: leave empty to keep it", `name="current_incentive"`, "A personal thank-you and a place on our Wall of Thanks",
				`name="app_url"`, `name="what_we_do"`, "What your company does, in one line", `name="smtp_host"`, `name="smtp_port"`, `value="587"`,
				`name="smtp_username"`, `name="smtp_tls"`},
			NotExpectedContent: secrets,
			TestAppFactory:     settApp,
		},
		{
			Name: "out-of-range numbers, a bad address and non-web URLs are refused beside their fields, typed values kept", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body: settValid(url.Values{"nps_threshold": {"11"}, "cooldown_days": {"-1"}, "touch_limit": {"0"}, "rest_days": {"two"},
				"sender_address": {"ana at northwind"}, "sales_inbox": {"Sales <sales@northwind.example>"}, "booking_url": {"ftp://files.example/x"},
				"webhook_url": {"javascript:alert(1)"}, "company_name": {""}, "cadence": {"weekly"}}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Nothing was saved", `id="nps_threshold-error"`, "Enter a number from 0 to 10", `value="11"`,
				`id="cooldown_days-error"`, `value="-1"`, `id="touch_limit-error"`, "Enter a number from 1 to 10", `id="rest_days-error"`, `value="two"`,
				`id="sender_address-error"`, `value="ana at northwind"`, `id="sales_inbox-error"`, `id="booking_url-error"`, "starting with https://",
				`value="ftp://files.example/x"`, `id="webhook_url-error"`, `id="company_name-error"`, `id="cadence-error"`, `aria-invalid="true"`},
			NotExpectedContent: secrets,
			AfterTestFunc:      settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "the caps on sending and the life of ask links are set on the Settings screen", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:           settValid(url.Values{"ask_intros_per_day": {"3"}, "referrer_intros_per_week": {"12"}, "ask_link_days": {"30"}}),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: settApp,
			AfterTestFunc: settExpect(func(s program.Settings) bool {
				return s.AskDayCap() == 3 && s.ReferrerWeekCap() == 12 && s.AskLinkAge() == 30*24*time.Hour
			}, "caps 3 a day, 12 a week, links for 30 days"),
		},
		{
			Name: "a cap of zero is refused beside its field, keeping what was typed", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:            settValid(url.Values{"ask_intros_per_day": {"0"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="ask_intros_per_day-error"`, `value="0"`},
			AfterTestFunc:   settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "the currency is a select and the time zone a field with suggestions, both showing what is stored", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<select id="currency" name="currency"`, `<option value="USD" selected>USD ($)</option>`, `<option value="EUR">EUR (€)</option>`,
				`name="timezone" list="timezones"`, `value="UTC"`, `<option value="Europe/Berlin">`},
			TestAppFactory: settApp,
		},
		{
			Name: "an unknown currency and time zone are refused beside their fields, keeping what was typed", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:           settValid(url.Values{"currency": {"XYZ"}, "timezone": {"Europe/Atlantis"}}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="currency-error"`, "ISO 4217", `<option value="XYZ" selected>`, `id="timezone-error"`, "IANA name",
				`value="Europe/Atlantis"`},
			AfterTestFunc: settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "a currency and a time zone chosen on the form are what every reader sees", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:           settValid(url.Values{"currency": {"GBP"}, "timezone": {"Asia/Kolkata"}}),
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: settApp,
			AfterTestFunc: settExpect(func(s program.Settings) bool {
				return s.CurrencyCode() == "GBP" && s.Money(1234.5) == "£1,235" && s.Location().String() == "Asia/Kolkata"
			}, "pounds and Kolkata's zone"),
		},
		{
			Name: "a custom cadence needs its days", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:            settValid(url.Values{"cadence_days": {""}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="cadence_days-error"`, "Enter a whole number from 1 to 365", `<option value="custom" selected>`},
			AfterTestFunc:   settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "a valid form saves every field and every reader sees it at once", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(), Body: settValid(nil), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: progAll(expectHeader("Location", "/dashboard/settings?notice=saved"), settExpect(func(s program.Settings) bool {
				return s.CompanyName == "Northwind" && s.SenderName == "Ana at Northwind" && s.SenderAddress == "ana@northwind.example" &&
					s.SalesInbox == "sales@northwind.example" && s.NPSThreshold == 8 && s.Cadence == "custom" && s.CadenceDays == 30 &&
					s.CooldownDays == 21 && s.TouchLimit == 4 && s.RestDays == 60 && s.BookingURL == "https://cal.example/northwind" &&
					s.WebhookURL == "https://crm.example/hooks/warmloop" && strings.Join(s.WebhookEvents, ",") == "referral.created,referral.booked"
			}, "the posted values")),
			TestAppFactory: settApp,
		},
		{
			Name: "empty secret fields keep the secrets", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(),
			Body: settValid(url.Values{"nps_secret": {""}, "webhook_secret": {"  "}}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: settExpect(func(s program.Settings) bool {
				return s.NPSSecret == settNPSSecret && s.WebhookSecret == settWebhookSecret && s.BookingSecret == settBookingSecret
			}, "the three secrets kept"),
			TestAppFactory: settApp,
		},
		{
			Name: "a ticked clear box removes a secret, a typed one replaces another", Method: http.MethodPost, URL: "/dashboard/settings",
			Headers: progSessionForm(), Body: settValid(url.Values{"nps_secret_clear": {"on"}, "booking_secret": {"a-brand-new-booking-secret"}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: settExpect(func(s program.Settings) bool {
				return s.NPSSecret == "" && s.BookingSecret == "a-brand-new-booking-secret" && s.WebhookSecret == settWebhookSecret
			}, "nps secret cleared, booking secret replaced, webhook secret kept"),
			TestAppFactory: settApp,
		},
		{
			Name: "a short secret is refused and neither it nor the stored one is printed", Method: http.MethodPost, URL: "/dashboard/settings",
			Headers: progSessionForm(), Body: settValid(url.Values{"webhook_secret": {"short1"}, "nps_secret": {"typed-but-not-saved-123"}, "touch_limit": {"99"}}),
			ExpectedStatus:     http.StatusUnprocessableEntity,
			ExpectedContent:    []string{`id="webhook_secret-error"`, "at least 12 characters", "What you typed was not saved"},
			NotExpectedContent: append([]string{"short1", "typed-but-not-saved-123"}, secrets...),
			AfterTestFunc:      settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "typing a secret and ticking clear is refused", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:            settValid(url.Values{"nps_secret": {"another-long-secret"}, "nps_secret_clear": {"on"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="nps_secret-error"`, "not both"},
			AfterTestFunc:   settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "an unknown webhook event or incentive is refused", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:            settValid(url.Values{"webhook_events": {"referral.created", "everything"}, "current_incentive": {"nosuchincentive"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="webhook_events-error"`, `id="current_incentive-error"`, "Choose an active incentive"},
			AfterTestFunc:   settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "the address and the SMTP server saved here become PocketBase's settings", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther,
			Body: settValid(url.Values{"app_url": {"https://refer.northwind.example/"}, "smtp_host": {"smtp.northwind.example"},
				"smtp_port": {"465"}, "smtp_username": {"postmaster"}, "smtp_password": {" typed smtp password "}, "smtp_tls": {"on"},
				"what_we_do": {"We help finance teams close the month."}}),
			AfterTestFunc: progAll(settExpect(func(s program.Settings) bool {
				return s.AppURL == "https://refer.northwind.example" && s.SMTPHost == "smtp.northwind.example" && s.SMTPPort == 465 &&
					s.SMTPPassword == " typed smtp password " && s.SMTPTLS && s.WhatWeDo == "We help finance teams close the month."
			}, "the address, the SMTP server and the company line"), func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				smtp, meta := app.Settings().SMTP, app.Settings().Meta
				if !smtp.Enabled || smtp.Host != "smtp.northwind.example" || smtp.Port != 465 || smtp.Username != "postmaster" || !smtp.TLS ||
					meta.SenderAddress != "ana@northwind.example" || meta.AppURL != "https://refer.northwind.example" {
					t.Errorf("PocketBase's settings: %+v %+v", smtp, meta)
				}
			}),
			TestAppFactory: settApp,
		},
		{
			Name: "a mail server that cannot work is refused beside its fields and the typed password is not printed back", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(), ExpectedStatus: http.StatusUnprocessableEntity,
			Body: settValid(url.Values{"smtp_host": {"smtp://smtp.northwind.example"}, "smtp_port": {"70000"},
				"smtp_password": {"typed-smtp-password"}, "app_url": {"https://northwind.example/refer"}}),
			ExpectedContent: []string{`id="smtp_host-error"`, "without smtp://", `id="smtp_port-error"`, "from 1 to 65535",
				`id="app_url-error"`, "without a path", `value="https://northwind.example/refer"`, "What you typed was not saved"},
			NotExpectedContent: append([]string{"typed-smtp-password"}, secrets...),
			AfterTestFunc:      settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "a cross-site settings post is refused", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progCrossSite(),
			Body: settValid(nil), ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: settUnchanged, TestAppFactory: settApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// settWithSMTP saves host:port, without a login, as the SMTP server in the settings (whose
// hook writes PocketBase's mail settings) and lets the app's mail client
// really send (the test app otherwise swaps in a fake).
func settWithSMTP(t testing.TB, host string, port int) *tests.TestApp {
	app := settApp(t)
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	r.Set("smtp_host", host)
	r.Set("smtp_port", port)
	r.Set("smtp_password", "") // the test server takes no login
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	app.OnMailerSend().UnbindAll()
	return app
}

// settTestedAt is when the settings say a test email last went through.
func settTestedAt(t testing.TB, app core.App) types.DateTime {
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	return r.GetDateTime("smtp_tested_at")
}

// settClosedPort is a loopback port nothing listens on.
func settClosedPort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestDashboardSettingsSMTP(t *testing.T) {
	var sink *smtptest.Server
	withSink := func(t testing.TB) *tests.TestApp {
		sink = smtptest.Start(t)
		return settWithSMTP(t, sink.Host, sink.Port)
	}
	var closed int
	withClosedPort := func(t testing.TB) *tests.TestApp {
		closed = settClosedPort(t)
		return settWithSMTP(t, "127.0.0.1", closed)
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "with SMTP off the section says so beside its own fields", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Email delivery (SMTP)", `<span class="pill bad">Off</span>`, "SMTP is not set up",
				`id="smtp_host" name="smtp_host" value=""`, "Waiting in the outbox", "Last email sent", "<dt>Last test email</dt><dd>none yet</dd>",
				`form="smtp-test" hx-post="/dashboard/settings/test-email" hx-params="none" hx-target="#test-result" hx-swap="outerHTML">Send me a test email</button>`,
				`<form id="smtp-test" method="post" action="/dashboard/settings/test-email#test-result">`},
			NotExpectedContent: []string{"/_/#/settings/mail", settSMTPPassword},
			TestAppFactory:     settApp,
		},
		{
			Name: "the card shows the SMTP server and user, the outbox and the last email, never the password", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<span class="pill ok">On</span>`, "<dt>Server in use</dt><dd><code>127.0.0.1:2525</code>",
				`id="smtp_host" name="smtp_host" value="127.0.0.1"`, `id="smtp_port" name="smtp_port" inputmode="numeric" value="2525"`,
				`id="smtp_username" name="smtp_username" value="mailer"`, `name="smtp_tls" value="on" checked`,
				"The Acme team &lt;referrals@example.com&gt;", "<dt>Waiting in the outbox</dt><dd>1 <span class=\"pill pending\">pending</span>",
				"<dt>Failed</dt><dd>1", "see why, and retry", "24 Nov 2026, 15:04 UTC", "<dt>Last test email</dt><dd>went through 23 Nov 2026"},
			NotExpectedContent: []string{settSMTPPassword},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := settWithSMTP(t, "127.0.0.1", 2525)
				r, _ := app.FindFirstRecordByFilter("settings", "")
				r.Set("smtp_username", "mailer")
				r.Set("smtp_password", settSMTPPassword)
				r.Set("smtp_tls", true)
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				r.Set("smtp_tested_at", "2026-11-23 10:00:00.000Z") // a test of this server, once it was saved
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				for _, row := range []map[string]any{
					{"kind": "email", "to": "a@x.example", "status": "pending"},
					{"kind": "email", "to": "b@x.example", "status": "failed", "last_error": "550 no such user"},
					{"kind": "email", "to": "c@x.example", "status": "sent", "sent_at": "2026-11-24 15:04:05.000Z"},
					{"kind": "email", "to": "d@x.example", "status": "sent", "sent_at": "2026-11-20 09:00:00.000Z"},
					{"kind": "webhook", "to": "https://crm.example/", "status": "pending"},
				} {
					testapp.Save(t, app, "outbox", row)
				}
				return app
			},
		},
		{
			Name: "guest cannot send a test email", Method: http.MethodPost, URL: "/dashboard/settings/test-email", Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
				if n := len(sink.Messages()); n != 0 {
					t.Errorf("%d messages reached the SMTP server", n)
				}
			},
			TestAppFactory: withSink,
		},
		{
			Name: "the test email reaches a real SMTP server, addressed to the signed-in admin, and htmx gets only the result", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: settHTMX(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`<div id="test-result" aria-live="polite">`, "Sent to " + testapp.SuperuserEmail + ": check your inbox"},
			NotExpectedContent: append([]string{"<html", "<form"}, settNeverShown...),
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if at := settTestedAt(t, app); at.IsZero() || time.Since(at.Time()) > time.Minute {
					t.Errorf("smtp_tested_at = %v, want the time of the test", at)
				}
				got := sink.Messages()
				if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != testapp.SuperuserEmail || got[0].From != "referrals@example.com" {
					t.Fatalf("the SMTP server got %+v", got)
				}
				msg, err := mail.ReadMessage(bytes.NewReader(got[0].Data))
				if err != nil {
					t.Fatal(err)
				}
				if s := msg.Header.Get("Subject"); s != "Warmloop test email" {
					t.Errorf("subject %q", s)
				}
				if text, _ := smtptest.Parts(t, msg); !strings.Contains(text, "SMTP works") {
					t.Errorf("text body %q", text)
				}
			},
			TestAppFactory: withSink,
		},
		{
			Name: "without htmx a sent test email redirects, so a refresh sends no second one", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); loc != "/dashboard/settings?notice=test_sent" {
					t.Errorf("sent to %q", loc)
				}
				if n := len(sink.Messages()); n != 1 {
					t.Errorf("%d messages reached the SMTP server, want 1", n)
				}
			},
			TestAppFactory: withSink,
		},
		{
			Name: "with htmx a refused connection is the result beside the button, in plain words", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: settHTMX(), ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`<div id="test-result" aria-live="polite">`, "The test email was not sent.", "Connection refused by 127.0.0.1:"},
			NotExpectedContent: []string{"<html", settSMTPPassword},
			TestAppFactory:     withClosedPort,
		},
		{
			Name: "a refused connection is explained in plain words, not a server error", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: progSessionForm(), ExpectedStatus: http.StatusBadGateway,
			ExpectedContent:    []string{"The test email was not sent.", "Connection refused by 127.0.0.1:", "Check the host and port", `value="Acme"`},
			NotExpectedContent: []string{settSMTPPassword},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if at := settTestedAt(t, app); !at.IsZero() {
					t.Errorf("a failed test email recorded smtp_tested_at = %v", at)
				}
				body, _ := io.ReadAll(res.Body)
				if want := "Connection refused by 127.0.0.1:" + strconv.Itoa(closed); !strings.Contains(string(body), want) {
					t.Errorf("the page does not say %q", want)
				}
			},
			TestAppFactory: withClosedPort,
		},
		{
			Name: "an SMTP server that refuses the message is reported with its answer", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: progSessionForm(), ExpectedStatus: http.StatusBadGateway,
			ExpectedContent: []string{"The test email was not sent.", "421", "service not available"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := withSink(t)
				sink.Down.Store(true)
				return app
			},
		},
		{
			Name: "with SMTP off the test email is not attempted and the page says where to set it up", Method: http.MethodPost,
			URL: "/dashboard/settings/test-email", Headers: progSessionForm(), ExpectedStatus: http.StatusConflict,
			ExpectedContent: []string{"The test email was not sent.", "SMTP is not set up yet", "Enter your SMTP server in the fields above", `href="#smtp_host"`},
			TestAppFactory:  settApp,
		},
		{
			Name: "a cross-site test email is refused", Method: http.MethodPost, URL: "/dashboard/settings/test-email", Headers: progCrossSite(),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
				if n := len(sink.Messages()); n != 0 {
					t.Errorf("%d messages reached the SMTP server", n)
				}
			},
			TestAppFactory: withSink,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
