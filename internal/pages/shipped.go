package pages

import (
	"strings"

	"warmloop/internal/locale"
	"warmloop/static"
)

// Shipped is the English title and markdown a page shipped with, read from
// static/content/{slug}.md; ok is false for a page Warmloop did not ship.
func Shipped(slug string) (title, body string, ok bool) {
	return ShippedIn(slug, locale.English)
}

// ShippedIn is the title and markdown a page shipped with in a locale, for
// the dashboard's "Restore the default" of the page written in it: read from
// static/content/{locale}/{slug}.md, or the English when Warmloop ships no
// copy of the page in that locale ("de-AT" reads the German). ok is false
// for a page Warmloop did not ship.
func ShippedIn(slug, loc string) (title, body string, ok bool) {
	if slug == "" || strings.ContainsAny(slug, `/\`) {
		return "", "", false // a slug names a page, never a folder of the copy
	}
	if base, known := locale.Base(loc); known && base != locale.English {
		if title, body, ok := readShipped("content/" + base + "/" + slug + ".md"); ok {
			return title, body, true
		}
	}
	return readShipped("content/" + slug + ".md")
}

// readShipped splits a shipped file into its "# " title line and the body
// after the blank line that follows it.
func readShipped(name string) (title, body string, ok bool) {
	b, err := static.Content.ReadFile(name)
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
