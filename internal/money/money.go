// Package money writes sums of money for people in whole units: the
// currency's sign and where it goes, in the reader's language. English is
// written here ("$12,500", "CHF 4,000"); every other shipped language as
// internal/locale writes money, so a sum reads the same on a page, in an
// email and on the dashboard ("12.500 $" in German, "12 500 $" in French).
package money

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"warmloop/internal/locale"
)

// Default is the currency of a program that has not chosen one.
const Default = "USD"

// Common are the currencies the settings offer first, by ISO 4217 code.
// Any other code the ISO list holds is accepted too (Canonical).
var Common = []string{"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
	"JPY", "CNY", "INR", "SGD", "HKD", "KRW", "BRL", "MXN", "ZAR", "AED", "ILS", "TRY"}

// ErrUnknown is the refusal of a code that is not an ISO 4217 currency.
var ErrUnknown = errors.New("not an ISO 4217 currency code: use three letters such as USD, EUR or GBP")

// Canonical checks that code names an ISO 4217 currency and writes it as
// stored: three capital letters.
func Canonical(code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 3 {
		return "", ErrUnknown
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return "", ErrUnknown
	}
	return u.String(), nil
}

// Symbol is how locale writes the currency's sign: "$", "€", "£", "CHF".
// An empty code reads as Default; an unknown one is written as it is.
func Symbol(code, locale string) string {
	if code == "" {
		code = Default
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	return message.NewPrinter(tag(locale)).Sprint(currency.Symbol(u))
}

// Format writes amount rounded to whole units with its currency, the way
// lang writes money: "$12,500", "€980", "CHF 4,000", "-£75" in English (and
// in a language Warmloop does not ship); "12.500 $" in German, "12 500 $"
// in French, "$ 12.500" in Dutch.
func Format(amount float64, code, lang string) string {
	if code == "" {
		code = Default
	}
	if !english(lang) {
		return locale.Money(lang, math.Round(amount), code)
	}
	return place(whole(amount), amount < -0.5, code)
}

// Short writes amount short enough for a chart's axis, with its currency,
// the way lang writes numbers and money: "$950", "€1.2k", "£45k", "$1.5M"
// in English; "1,2k €" in German.
func Short(amount float64, code, lang string) string {
	a := math.Abs(amount)
	scaled, unit := math.Round(a), ""
	switch {
	case a >= 1e6:
		scaled, unit = math.Round(a/1e5)/10, "M"
	case a >= 1e3:
		scaled, unit = math.Round(a/1e2)/10, "k"
	}
	if english(lang) {
		digits := strings.TrimSuffix(strconv.FormatFloat(scaled, 'f', 1, 64), ".0") + unit
		return place(digits, amount < -0.5, code)
	}
	decimals := 1
	if scaled == math.Trunc(scaled) {
		decimals = 0
	}
	if code == "" {
		code = Default
	}
	return locale.MoneyDigits(lang, locale.Number(lang, scaled, decimals)+unit, code, amount < -0.5)
}

// english reports whether lang writes money the English way: English, no
// language, or one Warmloop does not ship.
func english(lang string) bool {
	base, _ := locale.Base(lang)
	return base == "" || base == locale.English
}

// place puts the sign and the currency's symbol before the digits, with a
// no-break space after a symbol made of letters ("CHF 4,000").
func place(digits string, negative bool, code string) string {
	sym := Symbol(code, locale.English)
	if r := []rune(sym); unicode.IsLetter(r[len(r)-1]) {
		sym += "\u00a0"
	}
	if negative {
		return "-" + sym + digits
	}
	return sym + digits
}

// whole writes the absolute value of f rounded to whole units, its
// thousands separated by commas.
func whole(f float64) string {
	s := strconv.FormatFloat(math.Abs(math.Round(f)), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// tag reads a locale, English when it cannot.
func tag(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil {
		return language.English
	}
	return t
}
