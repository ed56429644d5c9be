package locale

import (
	"math"
	"strings"
	"time"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Numbers and money are written by golang.org/x/text, which knows each
// language's separators from CLDR; dates by patterns and month names held
// in the catalog (format.date, month.*), since x/text formats no dates.

// printerFor is the x/text printer of a locale; English for one it cannot read.
func printerFor(lang string) *message.Printer {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return message.NewPrinter(tag)
}

// Number writes n with the reader's separators and exactly decimals
// digits after the decimal sign: 1,234.5 (en), 1.234,5 (de), 1 234,5 (fr).
func Number(lang string, n float64, decimals int) string {
	if lang == "" {
		lang = English
	}
	return printerFor(lang).Sprint(number.Decimal(n, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// Money writes an amount of a currency (an ISO 4217 code such as "EUR")
// as the reader writes it: €1,234.56 (en), 1.234,56 € (de), 1 234,56 € (fr),
// € 1.234,56 (nl). A whole amount drops its cents (€50); an unknown code is
// written as the code itself beside the amount.
func Money(lang string, amount float64, code string) string {
	if lang == "" {
		lang = English
	}
	decimals := 2
	if unit, err := currency.ParseISO(code); err == nil {
		decimals, _ = currency.Standard.Rounding(unit)
	}
	abs := math.Abs(amount)
	if abs == math.Trunc(abs) {
		decimals = 0
	}
	return MoneyDigits(lang, Number(lang, abs, decimals), code, amount < 0)
}

// MoneyDigits puts a currency's symbol where the reader puts it around
// digits already written as the reader writes numbers, and a minus sign
// before them when negative: "18,5k" and EUR read "18,5k €" in German.
func MoneyDigits(lang, digits, code string, negative bool) string {
	if lang == "" {
		lang = English
	}
	symbol := strings.ToUpper(strings.TrimSpace(code))
	if unit, err := currency.ParseISO(code); err == nil {
		symbol = printerFor(lang).Sprint(currency.NarrowSymbol(unit))
	}
	s := For(lang).T("format.money", "Symbol", symbol, "Amount", digits)
	if negative {
		return "-" + s
	}
	return s
}

// monthKeys are the catalog's ids of the months, January first.
var monthKeys = [12]string{"month.jan", "month.feb", "month.mar", "month.apr", "month.may", "month.jun",
	"month.jul", "month.aug", "month.sep", "month.oct", "month.nov", "month.dec"}

// Date writes a day as the reader writes it: "3 Nov 2026" (en),
// "3. November 2026" (de), "3 novembre 2026" (fr), "" for the zero time.
// The day is the UTC day, as every stored time is UTC.
func Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	sp := For(lang)
	return sp.T("format.date", "Day", t.Day(), "Month", sp.T(monthKeys[t.Month()-1]), "Year", t.Year())
}

// Date writes a day in the speaker's language; see Date.
func (s Speaker) Date(t time.Time) string { return Date(s.lang(), t) }

// Number writes a whole number in the speaker's language; see Number.
func (s Speaker) Number(n int) string { return Number(s.lang(), float64(n), 0) }

// Money writes an amount in the speaker's language; see Money.
func (s Speaker) Money(amount float64, code string) string { return Money(s.lang(), amount, code) }
