package dashboard

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/locale"
	"warmloop/internal/money"
	"warmloop/internal/program"
	"warmloop/views/form"
)

// settCadenceLabels say how often each cadence preset asks again.
func settCadenceLabels(sp locale.Speaker) map[string]string {
	return map[string]string{
		"aggressive":   sp.T("dash.settings.cadence.aggressive"),
		"balanced":     sp.T("dash.settings.cadence.balanced"),
		"conservative": sp.T("dash.settings.cadence.conservative"),
		"custom":       sp.T("dash.settings.cadence.custom"),
	}
}

// settEventLabels say what each webhook event means; the event's own name
// stays in front, as the receiving CRM reads it.
func settEventLabels(sp locale.Speaker) map[string]string {
	return map[string]string{
		"referral.created":        "referral.created: " + sp.T("dash.settings.event.referral_created"),
		"referral.status_changed": "referral.status_changed: " + sp.T("dash.settings.event.referral_status_changed"),
		"referral.booked":         "referral.booked: " + sp.T("dash.settings.event.referral_booked"),
		"customer.created":        "customer.created: " + sp.T("dash.settings.event.customer_created"),
		"reward.earned":           "reward.earned: " + sp.T("dash.settings.event.reward_earned"),
	}
}

// settChoices are the options of a list of values, labelled, in order.
func settChoices(values []string, labels map[string]string) []progOption {
	out := make([]progOption, len(values))
	for i, v := range values {
		out[i] = progOption{Value: v, Label: labels[v]}
	}
	return out
}

// settSecretFields are the shared secrets in the settings: never shown,
// only whether one is set.
func settSecretFields(sp locale.Speaker) []settSecret {
	return []settSecret{
		{Name: "webhook_secret", Label: sp.T("dash.settings.secret.webhook"), Hint: sp.T("dash.settings.secret.webhook_hint")},
		{Name: "nps_secret", Label: sp.T("dash.settings.secret.nps"), Hint: sp.T("dash.settings.secret.nps_hint")},
		{Name: "booking_secret", Label: sp.T("dash.settings.secret.booking"), Hint: sp.T("dash.settings.secret.booking_hint")},
	}
}

// settSecret is one secret field: its label, whether a value is stored,
// and what the last post did with it.
type settSecret struct {
	locale.Speaker
	Name, Label, Hint string
	IsSet             bool
	Clear             bool
	Typed             bool
	Error             string
}

// settPage is the settings screen: the program settings form, the
// webhook addresses to paste, and the SMTP server with its test email.
type settPage struct {
	adminPage
	Form         form.Form
	Cadences     []progOption
	Locales      []progOption
	Events       []progOption
	Incentives   []progOption
	Secrets      []settSecret
	SMTPPassword settSecret
	Hooks        settHooks
	// Base is where links point now; AppURLSet says it is the Application URL.
	Base      string
	AppURLSet bool
	SMTP      settSMTP
	Test      settTest
	// Currencies are the currencies offered, the chosen one marked; Zones,
	// the time zones suggested as the zone is typed.
	Currencies []progOption
	Zones      []string
}

// settShow shows the settings form filled from the record.
func settShow(e *core.RequestEvent) error {
	r, err := program.Record(e.App)
	if err != nil {
		return err
	}
	return settRender(e, http.StatusOK, r, settValues(r), settTest{})
}

// settValues fills the form from the record; secrets are left out.
func settValues(r *core.Record) form.Form {
	d := program.DraftOf(r)
	v := url.Values{}
	for name, value := range map[string]string{"company_name": d.CompanyName, "sender_name": d.SenderName,
		"sender_address": d.SenderAddress, "sales_inbox": d.SalesInbox, "cadence": d.Cadence,
		"booking_url": d.BookingURL, "webhook_url": d.WebhookURL, "current_incentive": d.CurrentIncentive,
		"nps_threshold": d.NPSThreshold, "cadence_days": d.CadenceDays, "cooldown_days": d.CooldownDays,
		"touch_limit": d.TouchLimit, "rest_days": d.RestDays, "app_url": d.AppURL, "what_we_do": d.WhatWeDo,
		"ask_intros_per_day": d.AskIntrosPerDay, "referrer_intros_per_week": d.ReferrerIntrosPerWeek, "ask_link_days": d.AskLinkDays,
		"smtp_host": d.SMTPHost, "smtp_port": d.SMTPPort, "smtp_username": d.SMTPUsername,
		"currency": d.Currency, "timezone": d.Timezone,
		"chat_webhook_url": r.GetString("chat_webhook_url"), "default_locale": d.DefaultLocale} {
		v.Set(name, value)
	}
	if d.SMTPTLS {
		v.Set("smtp_tls", "on")
	}
	v["webhook_events"] = d.WebhookEvents
	return form.Form{Values: v, Errors: map[string]string{}}
}

// settDraft reads the posted form as a settings draft.
func settDraft(f form.Form) program.Draft {
	d := program.Draft{
		CompanyName: f.Get("company_name"), SenderName: f.Get("sender_name"),
		SenderAddress: f.Get("sender_address"), SalesInbox: f.Get("sales_inbox"),
		NPSThreshold: f.Get("nps_threshold"), Cadence: f.Get("cadence"), CadenceDays: f.Get("cadence_days"),
		CooldownDays: f.Get("cooldown_days"), TouchLimit: f.Get("touch_limit"), RestDays: f.Get("rest_days"),
		AskIntrosPerDay: f.Get("ask_intros_per_day"), ReferrerIntrosPerWeek: f.Get("referrer_intros_per_week"), AskLinkDays: f.Get("ask_link_days"),
		BookingURL: f.Get("booking_url"), WebhookURL: f.Get("webhook_url"),
		WebhookEvents: f.Values["webhook_events"], CurrentIncentive: f.Get("current_incentive"),
		AppURL: f.Get("app_url"), WhatWeDo: f.Get("what_we_do"), DefaultLocale: f.Get("default_locale"), SMTPHost: f.Get("smtp_host"),
		Currency: f.Get("currency"), Timezone: f.Get("timezone"),
		SMTPPort: f.Get("smtp_port"), SMTPUsername: f.Get("smtp_username"), SMTPTLS: f.Checked("smtp_tls"),
		SMTPPassword: program.SecretChange{New: settPassword(f), Clear: f.Checked("smtp_password_clear")},
		Secrets:      map[string]program.SecretChange{},
	}
	for _, name := range program.SecretFields {
		d.Secrets[name] = program.SecretChange{New: f.Get(name), Clear: f.Checked(name + "_clear")}
	}
	return d
}

// settPassword is the typed SMTP password as typed, since spaces may be
// part of it; nothing but spaces is no password.
func settPassword(f form.Form) string {
	if f.Get("smtp_password") == "" {
		return ""
	}
	return f.Values.Get("smtp_password")
}

// settRender renders the screen with the form f (what was typed, or the
// record's values) and the outcome of a test email, if any.
func settRender(e *core.RequestEvent, status int, r *core.Record, f form.Form, test settTest) error {
	sp := adminSpeaker(e)
	incs, err := progTierIncentiveOptions(sp, e.App, f.Get("current_incentive"))
	if err != nil {
		return err
	}
	incs[0].Label = sp.T("dash.settings.first_incentive")
	events := settChoices(program.Events, settEventLabels(sp))
	for i := range events {
		for _, chosen := range f.Values["webhook_events"] {
			events[i].Selected = events[i].Selected || chosen == events[i].Value
		}
	}
	sayFormErrors(sp, f)
	test.Speaker = sp
	base := program.BaseURL(e.App)
	p := settPage{
		adminPage: newAdminPage(e, "settings"), Form: f, Cadences: progOptions(settChoices(program.Cadences, settCadenceLabels(sp)), f.Get("cadence")),
		Locales: progOptions(localeOptions(sp), f.Get("default_locale")),
		Events:  events, Incentives: incs, Secrets: settSecrets(sp, r, f), SMTPPassword: settSecretOf(sp, settMailPassword(sp), r, f),
		Hooks: settHooksFor(sp, base, r, f), Base: base, AppURLSet: r.GetString("app_url") != "",
		SMTP: settSMTPStatus(e.App, r), Test: test,
		Currencies: settCurrencies(f.Get("currency")), Zones: program.Zones,
	}
	return render(e, status, "admin/settings", p)
}

// settCurrencies are the currencies the form offers, each with its sign,
// the chosen one marked; a chosen code outside the common ones (set
// through the API) is offered too, so saving the form keeps it.
func settCurrencies(chosen string) []progOption {
	codes := money.Common
	if chosen != "" && !slices.Contains(codes, chosen) {
		codes = append([]string{chosen}, codes...)
	}
	out := make([]progOption, len(codes))
	for i, code := range codes {
		out[i] = progOption{Value: code, Label: code + " (" + money.Symbol(code, "en") + ")", Selected: code == chosen}
	}
	return out
}

// settSecrets describes each secret field: stored or not, and what the
// posted form asked (clear it, or a new value that was not saved).
func settSecrets(sp locale.Speaker, r *core.Record, f form.Form) []settSecret {
	fields := settSecretFields(sp)
	out := make([]settSecret, len(fields))
	for i, s := range fields {
		out[i] = settSecretOf(sp, s, r, f)
	}
	return out
}

// settSecretOf fills one secret field from the record and the posted form.
func settSecretOf(sp locale.Speaker, s settSecret, r *core.Record, f form.Form) settSecret {
	s.Speaker = sp
	s.IsSet = r.GetString(s.Name) != ""
	s.Clear = f.Checked(s.Name + "_clear")
	s.Typed = f.Get(s.Name) != ""
	s.Error = f.Error(s.Name)
	return s
}

// settMailPassword is the SMTP server's password: like the secrets, never
// shown back.
func settMailPassword(sp locale.Speaker) settSecret {
	return settSecret{Name: "smtp_password", Label: sp.T("dash.settings.smtp.password"), Hint: sp.T("dash.settings.smtp.password_hint")}
}

// settSave checks the form against the settings' rules and saves the
// record through app.Save, so the hooks run and every reader sees the new
// settings.
func settSave(e *core.RequestEvent) error {
	r, err := program.Record(e.App)
	if err != nil {
		return err
	}
	f := form.New(e)
	d := settDraft(f)
	for field, message := range program.Check(e.App, d, r.GetString("current_incentive")) {
		f.Fail(field, message)
	}
	// The settings hook checks the chat URL too; asking now shows its
	// message beside the others.
	if message := chat.CheckURL(f.Get("chat_webhook_url")); message != "" {
		f.Fail("chat_webhook_url", message)
	}
	if !f.Valid() {
		return settRender(e, http.StatusUnprocessableEntity, r, f, settTest{})
	}
	program.Apply(r, d)
	r.Set("chat_webhook_url", f.Get("chat_webhook_url"))
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		fresh, ferr := program.Record(e.App)
		if ferr != nil {
			return ferr
		}
		return settRender(e, http.StatusUnprocessableEntity, fresh, f, settTest{})
	}
	return redirectNotice(e, "/dashboard/settings", "saved")
}
