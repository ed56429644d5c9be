package locale_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"warmloop/internal/locale"
)

func TestEveryShippedCatalogHasExactlyTheEnglishKeys(t *testing.T) {
	english, err := locale.Keys(locale.English)
	if err != nil {
		t.Fatal(err)
	}
	if len(english["public"]) == 0 || len(english["email"]) == 0 {
		t.Fatalf("the English catalog has no public or email keys: %v", english)
	}
	for _, lang := range locale.Shipped[1:] {
		keys, err := locale.Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		for area, want := range english {
			got := keys[area]
			for _, k := range want {
				if !slices.Contains(got, k) {
					t.Errorf("%s.%s.toml lacks %q", area, lang, k)
				}
			}
			for _, k := range got {
				if !slices.Contains(want, k) {
					t.Errorf("%s.%s.toml has %q, which English lacks", area, lang, k)
				}
			}
		}
		for area := range keys {
			if _, ok := english[area]; !ok {
				t.Errorf("%s.%s.toml has no English file", area, lang)
			}
		}
	}
}

func TestEveryShippedMessageIsWrittenInItsLanguage(t *testing.T) {
	english, err := locale.Keys(locale.English)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locale.Shipped {
		sp := locale.For(lang)
		for _, ids := range english {
			for _, id := range ids {
				got := sp.N(id, 2, sampleData, dashboardSamples)
				if got == "" && (strings.HasSuffix(id, "_after") || strings.HasSuffix(id, "_before")) {
					continue // the words around a link: some languages put none on one side
				}
				if got == "" || got == id || strings.Contains(got, "<no value>") {
					t.Errorf("%s: %q reads %q", lang, id, got)
				}
			}
		}
	}
}

// sampleData fills every name a shipped message uses.
var sampleData = map[string]any{
	"Company": "Acme", "Referrer": "Ana", "Referee": "Jo", "Subject": "Hi", "Incentive": "a gift", "Tier": "Connector",
	"Symbol": "€", "Amount": "1", "Day": 3, "Month": "Nov", "Year": 2026, "Brand": "Acme", "Name": "Jo Bloggs",
	"FirstName": "Jo", "Place": 4, "Have": 1, "Stage": "booked", "Reached": "4 Nov 2026", "Time": "14:05:00 UTC",
	"Wins": "1 now a customer", "Referrals": "2 introductions", "ReferrerCompany": "Northwind",
}

func TestSpeakerFillsDataAndFallsBack(t *testing.T) {
	de := locale.For("de")
	if got := de.T("email.footer.note", "Company", "Acme"); got != "Gesendet vom Empfehlungsprogramm von Acme." {
		t.Errorf("German footer = %q", got)
	}
	if got := de.T("email.footer.note", map[string]any{"Company": "Acme"}); got != "Gesendet vom Empfehlungsprogramm von Acme." {
		t.Errorf("German footer from a map = %q", got)
	}
	if got := locale.For("").T("layout.skip"); got != "Skip to content" {
		t.Errorf("the zero speaker says %q, want English", got)
	}
	if got := locale.For("ar").T("layout.skip"); got != "Skip to content" {
		t.Errorf("a language without a catalog says %q, want the English words", got)
	}
	if got := de.T("no.such.key"); got != "no.such.key" {
		t.Errorf("a key no catalog has reads %q, want the key itself", got)
	}
}

func TestPluralsFollowEachLanguagesRules(t *testing.T) {
	cases := []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 1, "Your first introduction"},
		{"en", 1200, "1,200 introductions"},
		{"de", 1, "Ihre erste Empfehlung"},
		{"de", 3, "3 Empfehlungen"},
		{"fr", 3, "3 recommandations"},
		{"nl", 1000, "1.000 aanbevelingen"},
	}
	for _, c := range cases {
		if got := locale.For(c.lang).N("landing.tiers.referrals", c.count); got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.lang, c.count, got, c.want)
		}
	}
}

func TestMoneyNumbersAndDatesAsTheReaderWritesThem(t *testing.T) {
	day := time.Date(2026, time.November, 3, 23, 30, 0, 0, time.UTC)
	cases := []struct{ name, got, want string }{
		{"English euros", locale.Money("en", 1234.56, "EUR"), "€1,234.56"},
		{"German euros", locale.Money("de", 1234.56, "EUR"), "1.234,56\u00a0€"},
		{"French euros", locale.Money("fr", 1234.56, "EUR"), "1\u00a0234,56\u00a0€"},
		{"Spanish euros", locale.Money("es", 1234.56, "EUR"), "1.234,56\u00a0€"},
		{"Dutch euros", locale.Money("nl", 1234.56, "EUR"), "€\u00a01.234,56"},
		{"English dollars, whole", locale.Money("en", 50, "USD"), "$50"},
		{"yen have no cents", locale.Money("en", 1234.4, "JPY"), "¥1,234"},
		{"an unknown code is written out", locale.Money("en", 12.5, "XYZ1"), "XYZ112.50"},
		{"a negative amount", locale.Money("de", -3.5, "EUR"), "-3,50\u00a0€"},
		{"German number", locale.Number("de", 1234567, 0), "1.234.567"},
		{"English number", locale.Number("en", 0.5, 1), "0.5"},
		{"English date", locale.Date("en", day), "3 Nov 2026"},
		{"German date", locale.Date("de", day), "3. November 2026"},
		{"French date", locale.Date("fr", day), "3 novembre 2026"},
		{"Spanish date", locale.Date("es", day), "3 de noviembre de 2026"},
		{"Dutch date", locale.Date("nl", day), "3 november 2026"},
		{"no date", locale.Date("de", time.Time{}), ""},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestARightToLeftLanguageRunsRightToLeft(t *testing.T) {
	if d := locale.For("ar").Dir(); d != "rtl" {
		t.Errorf("Arabic runs %q", d)
	}
	if d := locale.For("de").Dir(); d != "ltr" {
		t.Errorf("German runs %q", d)
	}
}
