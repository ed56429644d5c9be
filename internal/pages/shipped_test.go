package pages_test

import (
	"strings"
	"testing"

	"warmloop/internal/pages"
)

func TestShippedReadsTheTitleAndBodyAPageShippedWith(t *testing.T) {
	cases := []struct {
		name, slug, title, bodyStart, bodyEnd string
		ok                                    bool
	}{
		{"an email's title is its subject", "ask_email", "A quick favour, {{first_name}}?", "Hi {{first_name}},\n", "{{sender_name}}\n", true},
		{"a page's title is its heading", "landing", "Know someone who should meet us?", "Hi {{first_name}},\n", ".\n", true},
		{"the draft message keeps its lack of a last newline", "draft_message", "An introduction to {{company_name}}", "I've been using", "good people to talk to.", true},
		{"a page never shipped has no default", "no_such_page", "", "", "", false},
		{"a slug cannot reach outside the shipped copy", "../static", "", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			title, body, ok := pages.Shipped(c.slug)
			if ok != c.ok || title != c.title {
				t.Fatalf("Shipped(%q) = %q, ok %v; want %q, ok %v", c.slug, title, ok, c.title, c.ok)
			}
			if !strings.HasPrefix(body, c.bodyStart) || !strings.HasSuffix(body, c.bodyEnd) {
				t.Errorf("Shipped(%q) body is\n%q", c.slug, body)
			}
		})
	}
}

func TestShippedInReadsThePageInItsOwnLanguageAndEnglishOtherwise(t *testing.T) {
	cases := []struct {
		name, slug, locale, title string
		ok                        bool
	}{
		{"a German page reads the German copy", "landing", "de", "Kennen Sie jemanden, der uns kennenlernen sollte?", true},
		{"a regional tag reads its language's copy", "ask_email", "de-AT", "Eine kleine Bitte, {{first_name}}", true},
		{"a French email's subject is French", "intro_email", "fr", "{{referrer_name}} nous a suggéré de prendre contact", true},
		{"a Spanish page reads the Spanish copy", "referee", "es", "Una presentación personal", true},
		{"a Dutch page reads the Dutch copy", "booking_confirmation", "nl", "Dank u wel, {{referee_first_name}}!", true},
		{"an English page reads the English copy", "landing", "en", "Know someone who should meet us?", true},
		{"a page with no locale reads the English", "landing", "", "Know someone who should meet us?", true},
		{"a locale Warmloop does not ship reads the English", "landing", "ar", "Know someone who should meet us?", true},
		{"a page never shipped has no default in any locale", "no_such_page", "de", "", false},
		{"a slug cannot name a variant's file", "variants/short", "de", "", false},
		{"a slug cannot reach outside the locale's copy", "../landing", "de", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			title, body, ok := pages.ShippedIn(c.slug, c.locale)
			if ok != c.ok || title != c.title {
				t.Fatalf("ShippedIn(%q, %q) = %q, ok %v; want %q, ok %v", c.slug, c.locale, title, ok, c.title, c.ok)
			}
			if ok && body == "" {
				t.Errorf("ShippedIn(%q, %q) has no body", c.slug, c.locale)
			}
		})
	}
}
