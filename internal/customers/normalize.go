package customers

import "github.com/pocketbase/pocketbase/core"

// Normalize puts a customer record about to be saved in its stored form:
// the email canonical, its match key (email_key) beside it, a source
// (direct when none was given) and the tags cleaned. It returns the field
// and the problem when the tags cannot be cleaned. The customers hooks run
// it on every save, and any path that writes customers past the record
// layer runs it too, so both store the same thing.
func Normalize(r *core.Record) (field, problem string) {
	email := CanonicalEmail(r.GetString("email"))
	r.Set("email", email)
	r.Set("email_key", MatchKey(email))
	r.Set("source", SourceOrDefault(r.GetString("source")))
	tags, problem := CleanTags([]byte(r.GetString("tags")))
	if problem != "" {
		return "tags", problem
	}
	r.Set("tags", tags)
	return "", ""
}
