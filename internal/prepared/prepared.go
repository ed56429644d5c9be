// Package prepared runs the reads a public page makes on every view through
// statements prepared once, instead of building and parsing their SQL again
// on each call: parsing is most of what a small SQLite read costs. A
// statement is prepared on the app's read pool, once per connection (the
// pool keeps its connections, see main.go). Given a transaction's app, the
// same SQL runs on the transaction, unprepared, so it sees the
// transaction's own writes.
package prepared

import (
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// statements keeps the prepared statements per database handle, so a
// database reopened (tests, a restore) gets its own.
var statements sync.Map // key → *sql.Stmt

type key struct {
	db    *sql.DB
	query string
}

// Query runs a query with positional (?) arguments.
func Query(app core.App, query string, args ...any) (*sql.Rows, error) {
	switch db := app.ConcurrentDB().(type) {
	case *dbx.DB:
		s, err := statement(db.DB(), query)
		if err != nil {
			return nil, err
		}
		return s.Query(args...)
	case *dbx.Tx:
		if ex, ok := db.Builder.(interface{ Executor() dbx.Executor }); ok {
			return ex.Executor().Query(query, args...)
		}
	}
	return nil, fmt.Errorf("prepared: no way to query a %T", app.ConcurrentDB())
}

// Row runs a query that selects at most one row and scans it into dest:
// sql.ErrNoRows when it selects none.
func Row(app core.App, query string, args []any, dest ...any) error {
	rows, err := Query(app, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// Record runs a query that selects at most one row of a collection's table,
// every column (SELECT * FROM table WHERE …), and returns it as a record,
// as app.FindFirstRecordByData would: sql.ErrNoRows when there is none.
func Record(app core.App, collection, query string, args ...any) (*core.Record, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	rows, err := Query(app, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, sql.ErrNoRows
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	// Scanned as strings, the way PocketBase reads a row into a record.
	values := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	data := make(map[string]sql.NullString, len(cols))
	for i, col := range cols {
		data[col] = values[i]
	}
	return recordOf(c, data)
}

// recordOf makes a record from a row read as strings, as loaded from the
// database: each field's value prepared by the field, the record not new,
// its original data what was read.
func recordOf(c *core.Collection, data map[string]sql.NullString) (*core.Record, error) {
	r := core.NewRecord(c)
	for _, f := range c.Fields {
		var raw any
		if v, ok := data[f.GetName()]; ok && v.Valid {
			raw = v.String
		}
		value, err := f.PrepareValue(r, raw)
		if err != nil {
			return nil, err
		}
		r.SetRaw(f.GetName(), value)
	}
	if err := r.PostScan(); err != nil {
		return nil, err
	}
	return r, nil
}

// statement is the query prepared on db, preparing it the first time.
func statement(db *sql.DB, query string) (*sql.Stmt, error) {
	k := key{db, query}
	if s, ok := statements.Load(k); ok {
		return s.(*sql.Stmt), nil
	}
	s, err := db.Prepare(query)
	if err != nil {
		return nil, err
	}
	if prev, loaded := statements.LoadOrStore(k, s); loaded {
		s.Close()
		return prev.(*sql.Stmt), nil
	}
	return s, nil
}

// Exec runs a write with positional (?) arguments in tx, a transaction of
// base (or base itself), through a statement prepared once on base's
// writing connection. database/sql hands a transaction the statement
// already prepared on its connection, so a write repeated in transaction
// after transaction is parsed once, where a statement prepared in each
// transaction (dbx's Prepare) is parsed, and its named parameters
// rewritten, every time.
//
// The writing pool has one connection, which a transaction holds until it
// ends: a statement first met inside one runs there unprepared, and is
// prepared on the pool in the background, once the connection is free.
func Exec(base, tx core.App, query string, args ...any) (sql.Result, error) {
	s, sqlTx, err := onWriter(base, tx, query)
	switch {
	case err != nil:
		return nil, err
	case s != nil:
		return s.Exec(args...)
	}
	return sqlTx.Exec(query, args...)
}

// RowOnWriter is Row for a read in tx, a transaction of base (or base
// itself), that sees the transaction's own writes: the query runs on the
// writing connection, through a statement prepared there once, as Exec's
// writes do.
func RowOnWriter(base, tx core.App, query string, args []any, dest ...any) error {
	s, sqlTx, err := onWriter(base, tx, query)
	var row *sql.Row
	switch {
	case err != nil:
		return err
	case s != nil:
		row = s.QueryRow(args...)
	default:
		row = sqlTx.QueryRow(query, args...)
	}
	return row.Scan(dest...)
}

// onWriter is how query runs in tx, a transaction of base (or base itself):
// through s, its statement prepared on base's writing connection, or, when
// that is not prepared yet, unprepared on sqlTx (and prepared in the
// background for the next time).
func onWriter(base, tx core.App, query string) (s *sql.Stmt, sqlTx *sql.Tx, err error) {
	db, ok := base.NonconcurrentDB().(*dbx.DB)
	if !ok {
		return nil, nil, fmt.Errorf("prepared: the base app's writing database is a %T, not a database", base.NonconcurrentDB())
	}
	switch t := tx.NonconcurrentDB().(type) {
	case *dbx.DB:
		if t != db {
			return nil, nil, errors.New("prepared: the app written to is not the base app")
		}
		s, err := statement(db.DB(), query)
		return s, nil, err
	case *dbx.Tx:
		ex, ok := t.Builder.(interface{ Executor() dbx.Executor })
		if !ok {
			return nil, nil, fmt.Errorf("prepared: no way to reach the transaction of a %T", t.Builder)
		}
		sqlTx, ok := ex.Executor().(*sql.Tx)
		if !ok {
			return nil, nil, fmt.Errorf("prepared: the transaction runs on a %T", ex.Executor())
		}
		k := key{db.DB(), query}
		if s, ok := statements.Load(k); ok {
			// A transaction of another database refuses the statement.
			return sqlTx.Stmt(s.(*sql.Stmt)), nil, nil
		}
		if _, started := warming.LoadOrStore(k, true); !started {
			go func() {
				defer warming.Delete(k)
				statement(db.DB(), query) // an error (the database closed) leaves it to the next time
			}()
		}
		return nil, sqlTx, nil
	}
	return nil, nil, fmt.Errorf("prepared: no way to write to a %T", tx.NonconcurrentDB())
}

// warming holds the statements being prepared in the background.
var warming sync.Map // key → true
