// Package listing holds the two query pieces several of Warmloop's lists
// share, whatever collection they read: a search that takes what was typed
// literally, and a count by status for tabs and board columns. The package
// that owns a collection builds its list queries from these.
package listing

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ContainsAny matches rows where any of columns contains text, taken
// literally: % and _ typed in a search are not wildcards. (dbx.Like escapes
// them but writes no ESCAPE clause, which SQLite needs.) Columns come from
// the code, never from a request.
func ContainsAny(text string, columns ...string) dbx.Expression {
	pattern := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(text) + "%"
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = c + ` LIKE {:contains} ESCAPE '\'`
	}
	return dbx.NewExp("("+strings.Join(parts, " OR ")+")", dbx.Params{"contains": pattern})
}

// CountByStatus counts a collection's records by status, for tabs and
// board columns; table is one of Warmloop's own collection names, never
// from a request. A status with no records is absent (reads as 0).
func CountByStatus(app core.App, table string) (map[string]int, error) {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	err := app.DB().Select("status", "COUNT(*) AS n").From(table).GroupBy("status").All(&rows)
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return counts, err
}
