// Package money writes sums of money for people: the one place that knows
// a currency's symbol and where it goes. Every money figure Warmloop shows
// (the dashboard, the weekly summary, emails and chat notes) is written by
// Format or Short, so a change of rule, or of locale, is made here once.
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
// locale writes money: "$12,500", "€980", "CHF 4,000", "-£75". Only
// English is written for now; other locales read as English.
func Format(amount float64, code, locale string) string {
	return place(whole(amount), amount < -0.5, code, locale)
}

// Short writes amount short enough for a chart's axis, with its currency:
// "$950", "€1.2k", "£45k", "$1.5M".
func Short(amount float64, code, locale string) string {
	a := math.Abs(amount)
	var digits string
	switch {
	case a >= 1e6:
		digits = strings.TrimSuffix(strconv.FormatFloat(a/1e6, 'f', 1, 64), ".0") + "M"
	case a >= 1e3:
		digits = strings.TrimSuffix(strconv.FormatFloat(a/1e3, 'f', 1, 64), ".0") + "k"
	default:
		digits = strconv.FormatFloat(math.Round(a), 'f', 0, 64)
	}
	return place(digits, amount < -0.5, code, locale)
}

// place puts the sign and the currency's symbol before the digits, with a
// no-break space after a symbol made of letters ("CHF 4,000").
func place(digits string, negative bool, code, locale string) string {
	sym := Symbol(code, locale)
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

// tag reads a locale; every locale is written as English for now.
func tag(string) language.Tag { return language.English }
