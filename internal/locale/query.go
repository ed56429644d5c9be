package locale

import "github.com/pocketbase/dbx"

// WrittenIn matches the pages, variants or asks written in loc, for a
// query: an English one also matches a row saved without a locale (by a
// writer that predates the field, or past the record layer).
func WrittenIn(loc string) dbx.Expression {
	if loc == "" || loc == English {
		return dbx.In("locale", English, "")
	}
	return dbx.HashExp{"locale": loc}
}
