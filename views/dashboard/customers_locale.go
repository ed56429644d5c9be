package dashboard

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/program"
)

// customerLocaleOptions are the languages a customer can be given: the
// program's default (named), the shipped five, and the customer's stored
// regional tag (such as de-AT, sent by a tool) so that saving the form
// keeps it. selected is what the form holds.
func customerLocaleOptions(app core.App, stored, selected string) []customerOption {
	def := locale.English
	if s, err := program.Load(app); err == nil {
		def = s.DefaultLocale
	}
	opts := []customerOption{{Value: "", Label: "The program's default (" + locale.Name(def) + ")"}}
	for _, l := range locale.Shipped {
		opts = append(opts, customerOption{Value: l, Label: locale.Name(l)})
	}
	if _, shipped := locale.Base(stored); shipped && !slices.Contains(locale.Shipped, stored) {
		opts = append(opts, customerOption{Value: stored, Label: customerLocaleName(stored)})
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == selected
	}
	return opts
}

// customerLocaleName names a customer's stored locale for a person: the
// language, and the tag when it is a regional one ("Deutsch (German), de-AT").
func customerLocaleName(tag string) string {
	if tag == "" {
		return ""
	}
	base, ok := locale.Base(tag)
	if !ok {
		return tag
	}
	if base == tag {
		return locale.Name(base)
	}
	return locale.Name(base) + ", " + tag
}
