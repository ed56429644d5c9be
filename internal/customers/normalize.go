package customers

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
)

// Normalize puts a customer record about to be saved in its stored form:
// the email canonical, its match key (email_key) beside it, a source
// (direct when none was given), the tags cleaned and the locale in its one
// form (locale.Normalize), emptied, so the program's default applies, when
// Warmloop does not ship its language or it is not a tag at all. It returns the field
// and the problem when the tags cannot be cleaned. The customers hooks run
// it on every save, and any path that writes customers past the record
// layer runs it too, so both store the same thing.
func Normalize(r *core.Record) (field, problem string) {
	email := CanonicalEmail(r.GetString("email"))
	r.Set("email", email)
	r.Set("email_key", MatchKey(email))
	r.Set("source", SourceOrDefault(r.GetString("source")))
	if r.Collection().Fields.GetByName("locale") != nil {
		tag, _ := locale.Normalize(r.GetString("locale"))
		r.Set("locale", tag)
	}
	tags, problem := CleanTags([]byte(r.GetString("tags")))
	if problem != "" {
		return "tags", problem
	}
	r.Set("tags", tags)
	return "", ""
}
