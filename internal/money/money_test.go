package money_test

import (
	"testing"

	"warmloop/internal/money"
)

func TestFormatWritesWholeUnitsWithTheCurrencysSign(t *testing.T) {
	for _, c := range []struct {
		amount      float64
		code, short string
		want        string
	}{
		{12500, "USD", "$12.5k", "$12,500"},
		{980.4, "EUR", "€980", "€980"},
		{1234567.5, "GBP", "£1.2M", "£1,234,568"},
		{4000, "CHF", "CHF\u00a04k", "CHF\u00a04,000"},
		{-75, "GBP", "-£75", "-£75"},
		{0, "JPY", "¥0", "¥0"},
		{18500, "", "$18.5k", "$18,500"},
	} {
		if got := money.Format(c.amount, c.code, "en"); got != c.want {
			t.Errorf("Format(%v, %q) = %q, want %q", c.amount, c.code, got, c.want)
		}
		if got := money.Short(c.amount, c.code, "en"); got != c.short {
			t.Errorf("Short(%v, %q) = %q, want %q", c.amount, c.code, got, c.short)
		}
	}
}

func TestCanonicalTakesISOCodesAndRefusesOthers(t *testing.T) {
	for in, want := range map[string]string{"EUR": "EUR", "usd": "USD", " gbp ": "GBP", "SEK": "SEK"} {
		if got, err := money.Canonical(in); err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ABC", "EURO", "$", "€"} {
		if _, err := money.Canonical(in); err == nil {
			t.Errorf("Canonical(%q) accepted a code that is not ISO 4217", in)
		}
	}
}

func TestFormatAndShortWriteEachShippedLanguagesWayAndEnglishForOthers(t *testing.T) {
	for _, c := range []struct {
		amount            float64
		code, lang        string
		format, shortWant string
	}{
		{18500.4, "USD", "de", "18.500\u00a0$", "18,5k\u00a0$"},
		{18500, "EUR", "fr", "18\u00a0500\u00a0€", "18,5k\u00a0€"},
		{-75, "GBP", "de", "-75\u00a0£", "-75\u00a0£"},
		{1234567, "EUR", "nl", "€\u00a01.234.567", "€\u00a01,2M"},
		{2000, "USD", "es", "2.000\u00a0$", "2k\u00a0$"},
		{18500, "USD", "ja", "$18,500", "$18.5k"},
		{18500, "USD", "", "$18,500", "$18.5k"},
	} {
		if got := money.Format(c.amount, c.code, c.lang); got != c.format {
			t.Errorf("Format(%v, %s, %s) = %q, want %q", c.amount, c.code, c.lang, got, c.format)
		}
		if got := money.Short(c.amount, c.code, c.lang); got != c.shortWant {
			t.Errorf("Short(%v, %s, %s) = %q, want %q", c.amount, c.code, c.lang, got, c.shortWant)
		}
	}
}
