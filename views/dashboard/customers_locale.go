package dashboard

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/views/form"
)

// customerLocaleOptions are the languages a customer can be given: the
// program's default (named), the shipped five, and the customer's stored
// regional tag (such as de-AT, sent by a tool) so that saving the form
// keeps it. selected is what the form holds.
func customerLocaleOptions(app core.App, sp locale.Speaker, stored, selected string) []customerOption {
	def := locale.English
	if s, err := program.Load(app); err == nil {
		def = s.DefaultLocale
	}
	opts := []customerOption{{Value: "", Label: sp.T("dash.customer_form.default_locale", "Language", locale.Name(def))}}
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

// customerFormRefusals are the catalog's words for what the customers
// package refuses on the add and edit forms, by its English sentence; the
// REST API keeps the English.
var customerFormRefusals = map[string]string{
	"Enter the customer's name.":                                               "dash.customer_form.err.name_missing",
	"Keep the name under 200 characters.":                                      "dash.customer_form.err.name_long",
	"Enter the customer's email address.":                                      "dash.customer_form.err.email_missing",
	"This is not an email address. Check it for typos, like name@company.com.": "dash.customer_form.err.email_invalid",
	"Keep this under 200 characters.":                                          "dash.customer_form.err.too_long",
	"Choose a language from the list, or the program's default.":               "dash.customer_form.err.locale",
	"Choose where the customer came from.":                                     "dash.customer_form.err.source",
	"A customer with this email already exists.":                               "dash.customer_form.err.email_taken",
}

// failCustomerForm puts the customers package's refusals beside their
// fields in the reader's language; a sentence the catalog does not know
// stays as the package wrote it.
func failCustomerForm(sp locale.Speaker, f form.Form, errs customers.Errors) {
	for field, message := range errs {
		if key, ok := customerFormRefusals[message]; ok {
			message = sp.T(key)
		}
		f.Fail(field, message)
	}
}
