package intake

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
)

// WithLocale gives customer the language a tool sent with their moment, in
// its one form, when they have none yet: a new customer, or one nobody
// gave a language. A customer's language that is set (by an admin, an
// import or an earlier tool) is kept: a survey tool's setting is a guess
// next to it. A tag Warmloop does not ship, or no tag at all, changes
// nothing, so the person reads the program's default. It reports whether
// it changed the record.
func WithLocale(customer *core.Record, sent string) bool {
	tag, ok := locale.Normalize(sent)
	if !ok || customer.GetString("locale") != "" {
		return false
	}
	customer.Set("locale", tag)
	return true
}

// lineLocale is a CSV line's language: the locale column, or the language
// column when there is none, in its one form; "" for a tag Warmloop does
// not ship, which leaves the person on the program's default rather than
// refusing the line.
func lineLocale(loc, language string) string {
	if loc == "" {
		loc = language
	}
	tag, _ := locale.Normalize(loc)
	return tag
}
