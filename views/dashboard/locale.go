package dashboard

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
	"warmloop/internal/money"
	"warmloop/views/form"
)

// The dashboard's language is the signed-in person's own choice (the
// locale field of their team or _superusers record), English until they
// pick another: never the program's default nor any customer's, so it
// stays the same whatever the customers read. Every date, number and sum
// a dashboard screen writes goes through the functions below, in that
// language.

// dashboardLang is the language a signed-in person reads the dashboard in.
func dashboardLang(who *core.Record) string {
	if who != nil {
		if base, ok := locale.Base(who.GetString("locale")); ok {
			return base
		}
	}
	return locale.English
}

// adminSpeaker writes the dashboard's words for the signed-in person.
func adminSpeaker(e *core.RequestEvent) locale.Speaker {
	return locale.For(dashboardLang(e.Auth))
}

// guestSpeaker writes the sign-in and invitation pages, whose visitor has
// no choice stored yet: the browser's language when Warmloop ships it,
// else English.
func guestSpeaker(e *core.RequestEvent) locale.Speaker {
	if l := locale.FromAcceptLanguage(e.Request.Header.Get("Accept-Language")); l != "" {
		return locale.For(l)
	}
	return locale.For(locale.English)
}

// dashTime reads a time.Time or a record's types.DateTime.
func dashTime(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case types.DateTime:
		return t.Time()
	}
	return time.Time{}
}

// in returns t in the program's zone (UTC when the page has none).
func (p adminPage) in(t time.Time) time.Time {
	if p.zone == nil {
		return t.UTC()
	}
	return t.In(p.zone)
}

// Day writes the day a moment falls on in the program's zone, in the
// reader's language; "–" when unset.
func (p adminPage) Day(v any) string {
	t := dashTime(v)
	if t.IsZero() {
		return "–"
	}
	return p.Date(p.in(t))
}

// When writes a moment in the reader's language and the program's zone:
// the day, the time and the zone's name ("24 Nov 2026, 14:05 UTC";
// "24. November 2026, 15:05 CET").
func (p adminPage) When(v any) string {
	t := dashTime(v)
	if t.IsZero() {
		return "–"
	}
	t = p.in(t)
	return p.T("dash.format.when", "Day", p.Date(t), "Time", t.Format("15:04"), "Zone", t.Format("MST"))
}

// Count writes a whole number with the reader's separators: 1,204 or 1.204.
func (p adminPage) Count(n int) string { return p.Number(n) }

// Amount writes a sum of money in the program's currency, rounded to
// whole units, as the reader writes it: $18,500 in English, 18.500 $ in
// German, 18 500 $ in French.
func (p adminPage) Amount(v float64) string {
	return money.Format(v, p.currency, p.Lang)
}

// Currency is the program's currency code, for a caption ("in EUR").
func (p adminPage) Currency() string {
	if p.currency == "" {
		return money.Default
	}
	return p.currency
}

// Percent writes a share as a percentage with one decimal: 12.5% or 12,5 %.
func (p adminPage) Percent(f float64) string {
	return p.T("dash.format.percent", "Value", locale.Number(p.Lang, 100*f, 1))
}

// paged is what the pager partial reads: a list's pager and the reader's language.
type paged struct {
	locale.Speaker
	Pager form.Pager
}

// Paged hands a list's pager to the pager partial with the reader's language.
func (p adminPage) Paged(pg form.Pager) paged { return paged{Speaker: p.Speaker, Pager: pg} }

// Decimal writes a number with exactly digits decimals in the reader's way: 0.25 or 0,25.
func (p adminPage) Decimal(f float64, digits int) string { return locale.Number(p.Lang, f, digits) }
