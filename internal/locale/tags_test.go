package locale

import "testing"

func TestNormalizeStoresShippedLanguagesInOneFormAndRefusesTheRest(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"de", "de", true},
		{"DE", "de", true},
		{"fr_CA", "fr-CA", true},
		{"fr-ca", "fr-CA", true},
		{" en-GB ", "en-GB", true},
		{"nl-BE", "nl-BE", true},
		{"es-419", "es-419", true},
		{"de-Latn-DE-u-co-phonebk", "de-DE", true},
		{"ja", "", false},       // well formed, not shipped
		{"zz-top", "", false},   // malformed
		{"", "", false},         // nothing given
		{"en;q=0.9", "", false}, // a header, not a tag
		{"<script>", "", false}, // not a tag at all
		{"de-DE-" + string(make([]byte, 40)), "", false},
	}
	for _, c := range cases {
		got, ok := Normalize(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestPickFallsBackFromThePersonToTheDefaultToEnglish(t *testing.T) {
	cases := []struct{ person, def, want string }{
		{"fr-CA", "de", "fr"},
		{"", "de", "de"},
		{"ja", "nl", "nl"},
		{"", "", "en"},
		{"ja", "ko", "en"},
	}
	for _, c := range cases {
		if got := Pick(c.person, c.def); got != c.want {
			t.Errorf("Pick(%q, %q) = %q, want %q", c.person, c.def, got, c.want)
		}
	}
}

func TestFromAcceptLanguageNamesAShippedLocaleOrNothing(t *testing.T) {
	cases := []struct{ header, want string }{
		{"de-DE,de;q=0.9,en;q=0.8", "de"},
		{"fr-CA", "fr"},
		{"ja,ko;q=0.5", ""},
		{"nl;q=0.2, es;q=0.8", "es"},
		{"", ""},
		{"*", ""},
		{";;;===", ""},
	}
	for _, c := range cases {
		if got := FromAcceptLanguage(c.header); got != c.want {
			t.Errorf("FromAcceptLanguage(%q) = %q, want %q", c.header, got, c.want)
		}
	}
}

func TestDirIsRightToLeftForArabicAndHebrewScripts(t *testing.T) {
	for tag, want := range map[string]string{"ar": "rtl", "he": "rtl", "fa-IR": "rtl", "ur": "rtl", "de": "ltr", "en": "ltr", "": "ltr", "zz-top": "ltr"} {
		if got := Dir(tag); got != want {
			t.Errorf("Dir(%q) = %q, want %q", tag, got, want)
		}
	}
}
