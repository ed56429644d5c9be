package locale

import (
	"fmt"
	"strings"
)

// names are the shipped locales as a person picks them, in their own
// language and in English, so an admin who does not read one still knows it.
var names = map[string]string{
	"en": "English",
	"de": "Deutsch (German)",
	"fr": "Français (French)",
	"es": "Español (Spanish)",
	"nl": "Nederlands (Dutch)",
}

// Name is how a shipped locale is named in a list or a select; an unknown
// one is named by its tag.
func Name(s string) string {
	if n, ok := names[s]; ok {
		return n
	}
	return s
}

// Written is the shipped locale a page or an ask's wording is written in,
// from what a client sent: English when nothing was sent, the shipped
// base of a tag otherwise ("de-AT" is written in "de"). A tag Warmloop
// does not ship, or a malformed one, is an error that says what to send.
func Written(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return English, nil
	}
	tag, ok := Normalize(s)
	if !ok {
		return "", fmt.Errorf("Warmloop is written in %s: choose one of them (%q is not).", strings.Join(Shipped, ", "), s)
	}
	base, _ := Base(tag)
	return base, nil
}

// Chain is the order in which the locales are tried for a person whose own
// locale is person, in a program whose default is programDefault: theirs
// (its shipped base), then the default, then English, each once.
func Chain(person, programDefault string) []string {
	chain := make([]string, 0, 3)
	add := func(s string) {
		for _, c := range chain {
			if c == s {
				return
			}
		}
		chain = append(chain, s)
	}
	if b, ok := Base(person); ok {
		add(b)
	}
	if b, ok := Base(programDefault); ok {
		add(b)
	}
	add(English)
	return chain
}
