// Package search is the one text search Warmloop's list queries share: a
// "contains" over a few columns that takes what a person typed literally.
package search

import (
	"strings"

	"github.com/pocketbase/dbx"
)

// Contains matches rows where any of columns contains text, taken
// literally: % and _ typed in a search are not wildcards. (dbx.Like escapes
// them but writes no ESCAPE clause, which SQLite needs.) Like SQLite's LIKE,
// it ignores the case of ASCII letters. Columns come from the code, never
// from the request.
func Contains(text string, columns ...string) dbx.Expression {
	pattern := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(text) + "%"
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = c + ` LIKE {:contains} ESCAPE '\'`
	}
	return dbx.NewExp("("+strings.Join(parts, " OR ")+")", dbx.Params{"contains": pattern})
}
