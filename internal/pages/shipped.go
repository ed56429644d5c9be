package pages

import (
	"strings"

	"warmloop/static"
)

// Shipped is the title and markdown a page shipped with, read from
// static/content/{slug}.md, for the dashboard's "Restore the default"; ok is
// false for a page Warmloop did not ship.
func Shipped(slug string) (title, body string, ok bool) {
	b, err := static.Content.ReadFile("content/" + slug + ".md")
	if err != nil {
		return "", "", false
	}
	head, body, ok := strings.Cut(string(b), "\n\n")
	title, isTitle := strings.CutPrefix(head, "# ")
	if !ok || !isTitle || strings.Contains(title, "\n") {
		return "", "", false
	}
	return title, body, true
}
