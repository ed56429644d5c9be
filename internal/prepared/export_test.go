package prepared

import (
	"database/sql"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// IsPreparedForWrites says whether Exec holds query prepared on app's
// writing connection.
func IsPreparedForWrites(app core.App, query string) bool {
	db, ok := app.NonconcurrentDB().(*dbx.DB)
	if !ok {
		return false
	}
	s, ok := statements.Load(key{db.DB(), query})
	_, isStmt := s.(*sql.Stmt)
	return ok && isStmt
}
