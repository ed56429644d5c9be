package program

import (
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Cadences are the cadence presets; "custom" asks again every CadenceDays.
var Cadences = []string{"aggressive", "balanced", "conservative", "custom"}

// Events are the events an outgoing webhook can carry.
var Events = []string{"referral.created", "referral.status_changed", "referral.booked", "customer.created", "reward.earned"}

// SecretFields are the shared secrets of the settings: never shown, only
// replaced or cleared.
var SecretFields = []string{"webhook_secret", "nps_secret", "booking_secret",
	"delighted_secret", "survicate_secret", "wootric_secret", "asknicely_secret"}

// Draft is the settings as a person typed them, before they are checked:
// numbers stay text until they are known to be numbers.
type Draft struct {
	CompanyName, SenderName, SenderAddress, SalesInbox string
	NPSThreshold, Cadence, CadenceDays, CooldownDays   string
	TouchLimit, RestDays                               string
	BookingURL, WebhookURL                             string
	WebhookEvents                                      []string
	CurrentIncentive                                   string
	AppURL, WhatWeDo                                   string
	// DefaultLocale is the language of a person whose own is unknown: one
	// of the shipped locales. Empty on a record from before locales, which
	// nothing checks.
	DefaultLocale                    string
	SMTPHost, SMTPPort, SMTPUsername string
	SMTPTLS                          bool
	// SMTPPassword is what was asked of the mail server's password, kept
	// apart from Secrets: a provider's password may be short or hold spaces.
	SMTPPassword SecretChange
	// The caps on public sending and the ask links' life in days. Empty
	// keeps the stored value, so a form that does not show them leaves
	// them as they are.
	AskIntrosPerDay, ReferrerIntrosPerWeek, AskLinkDays string
	// Currency is an ISO 4217 code; Timezone, an IANA zone's name. Empty
	// keeps the stored value.
	Currency, Timezone string
	// Secrets are the changes asked of each secret, by field name; a
	// secret not named is kept.
	Secrets map[string]SecretChange
}

// SecretChange is what a person asked of one secret: a new value, or to
// clear it; neither keeps the stored one.
type SecretChange struct {
	New   string
	Clear bool
}

// Errors are what is wrong with a draft, by field name; each field keeps
// its first message.
type Errors map[string]string

// fail records a message for a field unless it has one; "" is no message.
func (e Errors) fail(field, message string) {
	if _, ok := e[field]; !ok && message != "" {
		e[field] = message
	}
}

// DraftOf is the draft a settings record holds, as a form shows it: a
// custom cadence's days are empty when none are set. Secrets are left out.
func DraftOf(r *core.Record) Draft {
	d := Draft{
		CompanyName: r.GetString("company_name"), SenderName: r.GetString("sender_name"),
		SenderAddress: r.GetString("sender_address"), SalesInbox: r.GetString("sales_inbox"),
		NPSThreshold: strconv.Itoa(r.GetInt("nps_threshold")), Cadence: r.GetString("cadence"),
		CooldownDays: strconv.Itoa(r.GetInt("cooldown_days")), TouchLimit: strconv.Itoa(r.GetInt("touch_limit")),
		RestDays: strconv.Itoa(r.GetInt("rest_days")), BookingURL: r.GetString("booking_url"),
		WebhookURL: r.GetString("webhook_url"), WebhookEvents: r.GetStringSlice("webhook_events"),
		CurrentIncentive: r.GetString("current_incentive"),
		AppURL:           r.GetString("app_url"), WhatWeDo: r.GetString("what_we_do"),
		SMTPHost: r.GetString("smtp_host"), SMTPUsername: r.GetString("smtp_username"), SMTPTLS: r.GetBool("smtp_tls"),
	}
	// A record of a schema from before the caps (an earlier migration
	// saving it) holds none: they stay empty, so nothing checks them.
	for field, v := range map[string]*string{"ask_intros_per_day": &d.AskIntrosPerDay,
		"referrer_intros_per_week": &d.ReferrerIntrosPerWeek, "ask_link_days": &d.AskLinkDays} {
		if r.Collection().Fields.GetByName(field) != nil {
			*v = strconv.Itoa(r.GetInt(field))
		}
	}
	if r.Collection().Fields.GetByName("currency") != nil {
		d.Currency, d.Timezone = r.GetString("currency"), r.GetString("timezone")
	}
	if r.Collection().Fields.GetByName("default_locale") != nil {
		d.DefaultLocale = r.GetString("default_locale")
	}
	if days := r.GetInt("cadence_days"); days != 0 {
		d.CadenceDays = strconv.Itoa(days)
	}
	if port := r.GetInt("smtp_port"); port != 0 {
		d.SMTPPort = strconv.Itoa(port)
	}
	return d
}

// Check applies every rule of the settings to a draft, with ranges that
// make sense for a referral program. storedIncentive is the incentive the
// settings offer now: it may stay even if it was since switched off.
func Check(app core.App, d Draft, storedIncentive string) Errors {
	errs := Errors{}
	for field, v := range map[string]string{"company_name": d.CompanyName, "sender_name": d.SenderName} {
		if v == "" {
			errs.fail(field, "This is required: customers see it in every email.")
		}
		errs.fail(field, tooLong(v, 200))
	}
	errs.fail("sender_name", CheckSenderName(d.SenderName))
	errs.fail("sender_address", checkEmail(d.SenderAddress, true))
	errs.fail("sales_inbox", checkEmail(d.SalesInbox, false))
	errs.fail("nps_threshold", checkInt(d.NPSThreshold, 0, 10, true))
	if !slices.Contains(Cadences, d.Cadence) {
		errs.fail("cadence", "Choose how often the cadence asks again.")
	}
	errs.fail("cadence_days", checkInt(d.CadenceDays, 1, 365, d.Cadence == "custom"))
	errs.fail("cooldown_days", checkInt(d.CooldownDays, 1, 365, true))
	errs.fail("touch_limit", checkInt(d.TouchLimit, 1, 10, true))
	errs.fail("rest_days", checkInt(d.RestDays, 1, 365, true))
	for _, c := range capFields(d) {
		errs.fail(c.field, checkInt(c.value, 1, c.max, false))
	}
	errs.fail("currency", checkCurrency(d.Currency))
	errs.fail("timezone", checkTimezone(d.Timezone))
	errs.fail("booking_url", checkURL(d.BookingURL))
	errs.fail("webhook_url", checkURL(d.WebhookURL))
	for _, ev := range d.WebhookEvents {
		if !slices.Contains(Events, ev) {
			errs.fail("webhook_events", "Choose events from the list.")
		}
	}
	for _, field := range SecretFields {
		errs.fail(field, checkSecret(d.Secrets[field]))
	}
	checkSetup(errs, d)
	errs.fail("default_locale", checkDefaultLocale(d.DefaultLocale))
	if inc := d.CurrentIncentive; inc != "" && inc != storedIncentive {
		if rec, err := app.FindRecordById("incentives", inc); err != nil || !rec.GetBool("active") {
			errs.fail("current_incentive", "Choose an active incentive from the list.")
		}
	}
	return errs
}

// ValidateRecord checks the values a settings record is about to hold, for
// a hook that guards every way in (the API, PocketBase's admin UI). Stored
// secrets are not checked (Check rules a typed one), and the incentive only
// when it changes. The error is a validation.Errors by field.
func ValidateRecord(app core.App, r *core.Record) error {
	errs := Check(app, DraftOf(r), r.Original().GetString("current_incentive"))
	if len(errs) == 0 {
		return nil
	}
	verrs := validation.Errors{}
	for field, message := range errs {
		verrs[field] = validation.NewError("validation_settings", message)
	}
	return verrs
}

// Apply copies a checked draft onto the settings record: empty days of a
// cadence keep the stored ones, so do an empty cap and an empty link life,
// an empty secret keeps the stored one, and a cleared secret is removed.
func Apply(r *core.Record, d Draft) {
	for field, v := range map[string]string{"company_name": d.CompanyName, "sender_name": d.SenderName,
		"sender_address": d.SenderAddress, "sales_inbox": d.SalesInbox, "cadence": d.Cadence,
		"booking_url": d.BookingURL, "webhook_url": d.WebhookURL, "current_incentive": d.CurrentIncentive} {
		r.Set(field, v)
	}
	for field, v := range map[string]string{"nps_threshold": d.NPSThreshold, "cooldown_days": d.CooldownDays,
		"touch_limit": d.TouchLimit, "rest_days": d.RestDays} {
		n, _ := strconv.Atoi(v)
		r.Set(field, n)
	}
	if days, err := strconv.Atoi(d.CadenceDays); err == nil {
		r.Set("cadence_days", days)
	}
	for _, c := range capFields(d) {
		if n, err := strconv.Atoi(c.value); err == nil {
			r.Set(c.field, n)
		}
	}
	for field, v := range map[string]string{"currency": d.Currency, "timezone": d.Timezone} {
		if v != "" {
			r.Set(field, v)
		}
	}
	r.Set("webhook_events", d.WebhookEvents)
	if d.DefaultLocale != "" {
		r.Set("default_locale", d.DefaultLocale)
	}
	for _, field := range SecretFields {
		applySecret(r, field, d.Secrets[field])
	}
	applySetup(r, d)
}

// applySecret keeps, clears or replaces one secret as c asks.
func applySecret(r *core.Record, field string, c SecretChange) {
	switch {
	case c.Clear:
		r.Set(field, "")
	case c.New != "":
		r.Set(field, c.New)
	}
}

// capField is one of the caps on public sending (or the ask links' life)
// in a draft: its field, what was typed, and the most it may be.
type capField struct {
	field, value string
	max          int
}

// capFields are the draft's caps and the ask links' life, each from 1 to
// its most: 1,000 introductions, ten years of days.
func capFields(d Draft) []capField {
	return []capField{
		{"ask_intros_per_day", d.AskIntrosPerDay, 1000},
		{"referrer_intros_per_week", d.ReferrerIntrosPerWeek, 1000},
		{"ask_link_days", d.AskLinkDays, 3650},
	}
}

// checkEmail checks an email address: one address alone, with a dot in its
// domain.
func checkEmail(v string, required bool) string {
	if v == "" {
		if required {
			return "Enter an email address, such as referrals@yourcompany.com."
		}
		return ""
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@"):], ".") {
		return "Enter an email address alone, such as referrals@yourcompany.com."
	}
	return ""
}

// checkURL checks an optional web address: http or https, with a host.
func checkURL(v string) string {
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "Enter a full web address starting with https://, such as https://example.com/path."
	}
	return tooLong(v, 2000)
}

// checkInt checks a whole number within [lo, hi]; an empty one is fine
// unless required.
func checkInt(v string, lo, hi int, required bool) string {
	if v == "" {
		if required {
			return "Enter a whole number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi) + "."
		}
		return ""
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return "Enter a whole number, such as " + strconv.Itoa(max(lo, 1)) + ", without decimals or units."
	}
	if n < lo || n > hi {
		return "Enter a number from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi) + "."
	}
	return ""
}

// checkSecret checks a typed secret: long, without spaces, and not typed
// while asking to clear it.
func checkSecret(c SecretChange) string {
	switch v := c.New; {
	case v != "" && c.Clear:
		return "Either type a new secret or tick “clear it”, not both."
	case v != "" && len(v) < 12:
		return "Use at least 12 characters; a long random string is best."
	case len(v) > 200:
		return "Keep it under 200 characters."
	case strings.ContainsAny(v, " \t"):
		return "Leave out spaces: tools pass the secret in URLs and headers."
	}
	return ""
}

// tooLong says a value is longer than limit characters, "" when it is not.
func tooLong(v string, limit int) string {
	if n := len([]rune(v)); n > limit {
		return "Keep it under " + strconv.Itoa(limit+1) + " characters (this is " + strconv.Itoa(n) + ")."
	}
	return ""
}
