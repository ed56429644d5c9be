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
