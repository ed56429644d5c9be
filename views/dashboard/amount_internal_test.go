package dashboard

import (
	"strings"
	"testing"

	"warmloop/internal/locale"
	"warmloop/views/site"
)

// TestSumsOnTheDashboardAreWrittenTheReadersWay writes one sum for an
// English, a German and a French reader: each with their own separators,
// the currency's sign where their language puts it.
func TestSumsOnTheDashboardAreWrittenTheReadersWay(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"$18,500"},
		"de": {"18.500", "$"},
		"fr": {"18\u00a0500", "$"},
	} {
		p := adminPage{Layout: site.Layout{Speaker: locale.For(lang)}, currency: "USD"}
		got := p.Amount(18499.6)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
		if lang != "en" && strings.Contains(got, "18,500") {
			t.Errorf("%s: %q is written the English way", lang, got)
		}
	}
}
