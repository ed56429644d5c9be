// Package program reads the program settings: the one settings record.
package program

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
)

// Settings is the settings record as plain values.
type Settings struct {
	ID                                     string
	CompanyName, SenderName, SenderAddress string
	WhatWeDo                               string // one line about the company, for the people introduced to it
	SalesInbox, BookingURL                 string
	NPSThreshold                           int
	Cadence                                string
	CadenceDays, CooldownDays, TouchLimit  int
	RestDays                               int
	WebhookURL, WebhookSecret, NPSSecret   string
	WebhookEvents                          []string // none means all
	// ChatWebhookURL is the chat tool's incoming webhook (internal/chat);
	// "" sends no chat notes.
	ChatWebhookURL string
	BookingSecret  string
	// ProviderSecrets are the NPS tools' own signing keys, by provider
	// (NPSKeyFields); a tool without one proves NPSSecret.
	ProviderSecrets  map[string]string
	CurrentIncentive string
	RetentionDays    int // how long a sent outbox row keeps its body
	// AppURL is the address customers reach, "" until an admin sets it;
	// links are built from BaseURL, never from it alone.
	AppURL string
	// SeenURL is where a signed-in admin last reached the dashboard.
	SeenURL                              string
	SMTPHost, SMTPUsername, SMTPPassword string
	SMTPPort                             int
	SMTPTLS                              bool
	SMTPTestedAt                         types.DateTime
	// The caps on public sending and the life of an ask link; zero reads
	// as the default (see the methods below).
	AskIntrosPerDay, ReferrerIntrosPerWeek int
	AskLinkDays                            int
	// The keys the systems of record sign with, the generic CRM's shared
	// secret, and the CRM stage map as typed ("stage = status" a line).
	ZendeskSecret, HubSpotSecret, StripeSecret, CRMSecret string
	CRMStages                                             string
	// Currency is the ISO 4217 code money is shown in; Timezone, the IANA
	// zone dates are shown and days counted in. Read through Money and
	// Location, which fall back to the defaults.
	Currency, Timezone string
	// DefaultLocale is what a person whose own locale is unknown, or not
	// shipped, reads: a shipped locale, English when the record holds none.
	DefaultLocale string
}

// DefaultRetentionDays is the outbox retention when the settings hold none.
const DefaultRetentionDays = 90

// The caps on public sending and the life of an ask link when the settings
// hold none: an ask link sends 5 introductions in any 24 hours, a referrer
// 20 in any 7 days (about four links' worth), and a link works for 90 days.
const (
	DefaultAskIntrosPerDay       = 5
	DefaultReferrerIntrosPerWeek = 20
	DefaultAskLinkDays           = 90
)

// storeKey is where Load keeps the settings in the app's store.
const storeKey = "warmloop.settings"

// Load returns the settings, read once and kept until Forget is called (the
// settings hooks call it whenever the record changes). Every webhook and
// every ask reads them, so they are not read from the database each time.
func Load(app core.App) (Settings, error) {
	if s, ok := app.Store().GetOk(storeKey); ok {
		return s.(Settings), nil
	}
	r, err := Record(app)
	if err != nil {
		return Settings{}, fmt.Errorf("reading the program settings: %w", err)
	}
	s := fromRecord(r)
	app.Store().Set(storeKey, s)
	return s, nil
}

// Forget drops the kept settings, so the next Load reads the record again.
func Forget(app core.App) {
	app.Store().Remove(storeKey)
}

// fromRecord maps the settings record to plain values.
func fromRecord(r *core.Record) Settings {
	return Settings{
		ID:               r.Id,
		CompanyName:      r.GetString("company_name"),
		SenderName:       r.GetString("sender_name"),
		SenderAddress:    r.GetString("sender_address"),
		WhatWeDo:         r.GetString("what_we_do"),
		SalesInbox:       r.GetString("sales_inbox"),
		BookingURL:       r.GetString("booking_url"),
		NPSThreshold:     r.GetInt("nps_threshold"),
		Cadence:          r.GetString("cadence"),
		CadenceDays:      r.GetInt("cadence_days"),
		CooldownDays:     r.GetInt("cooldown_days"),
		TouchLimit:       r.GetInt("touch_limit"),
		RestDays:         r.GetInt("rest_days"),
		WebhookURL:       r.GetString("webhook_url"),
		WebhookSecret:    r.GetString("webhook_secret"),
		NPSSecret:        r.GetString("nps_secret"),
		WebhookEvents:    r.GetStringSlice("webhook_events"),
		ChatWebhookURL:   r.GetString("chat_webhook_url"),
		BookingSecret:    r.GetString("booking_secret"),
		ProviderSecrets:  providerSecrets(r),
		CurrentIncentive: r.GetString("current_incentive"),
		RetentionDays:    r.GetInt("outbox_retention_days"),
		AppURL:           r.GetString("app_url"),
		SeenURL:          r.GetString("seen_url"),
		SMTPHost:         r.GetString("smtp_host"),
		SMTPPort:         r.GetInt("smtp_port"),
		SMTPUsername:     r.GetString("smtp_username"),
		SMTPPassword:     r.GetString("smtp_password"),
		SMTPTLS:          r.GetBool("smtp_tls"),
		SMTPTestedAt:     r.GetDateTime("smtp_tested_at"),

		AskIntrosPerDay:       r.GetInt("ask_intros_per_day"),
		ReferrerIntrosPerWeek: r.GetInt("referrer_intros_per_week"),
		AskLinkDays:           r.GetInt("ask_link_days"),
		ZendeskSecret:         r.GetString("zendesk_secret"),
		HubSpotSecret:         r.GetString("hubspot_secret"),
		StripeSecret:          r.GetString("stripe_secret"),
		CRMSecret:             r.GetString("crm_secret"),
		CRMStages:             r.GetString("crm_stages"),
		Currency:              r.GetString("currency"),
		Timezone:              r.GetString("timezone"),
		DefaultLocale:         locale.Pick("", r.GetString("default_locale")),
	}
}

// OutboxRetention is how long a sent row of the outbox keeps its body: the
// setting, or DefaultRetentionDays when it is not set.
func (s Settings) OutboxRetention() time.Duration {
	days := s.RetentionDays
	if days < 1 {
		days = DefaultRetentionDays
	}
	return time.Duration(days) * 24 * time.Hour
}

// AskDayCap is how many introductions one ask link sends in any 24 hours.
func (s Settings) AskDayCap() int { return orDefault(s.AskIntrosPerDay, DefaultAskIntrosPerDay) }

// ReferrerWeekCap is how many introductions are sent for one referrer, from
// all their ask links together, in any 7 days.
func (s Settings) ReferrerWeekCap() int {
	return orDefault(s.ReferrerIntrosPerWeek, DefaultReferrerIntrosPerWeek)
}

// AskLinkAge is how long an ask link works after the ask is made.
func (s Settings) AskLinkAge() time.Duration {
	return time.Duration(orDefault(s.AskLinkDays, DefaultAskLinkDays)) * 24 * time.Hour
}

// orDefault is n, or def when n is not a positive number.
func orDefault(n, def int) int {
	if n < 1 {
		return def
	}
	return n
}

// NPSKeyFields name the setting that holds each NPS tool's own signing key,
// by provider. A provider not named here (generic, typeform) proves
// nps_secret.
var NPSKeyFields = map[string]string{
	"delighted": "delighted_secret",
	"survicate": "survicate_secret",
	"wootric":   "wootric_secret",
	"asknicely": "asknicely_secret",
}

// NPSKey is the key provider's webhooks prove: its own, or nps_secret when
// its own is empty.
func (s Settings) NPSKey(provider string) string {
	if key := s.ProviderSecrets[provider]; key != "" {
		return key
	}
	return s.NPSSecret
}

// NPSKeySetting names the setting NPSKey read for provider, for a refusal
// to point at.
func (s Settings) NPSKeySetting(provider string) string {
	if field, ok := NPSKeyFields[provider]; ok && s.ProviderSecrets[provider] != "" {
		return field
	}
	return "nps_secret"
}

// providerSecrets reads the NPS tools' own keys from the record.
func providerSecrets(r *core.Record) map[string]string {
	out := make(map[string]string, len(NPSKeyFields))
	for provider, field := range NPSKeyFields {
		out[provider] = r.GetString(field)
	}
	return out
}
