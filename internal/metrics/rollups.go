package metrics

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The figures read whole UTC days from the daily rollup tables (made and
// kept by SQLite triggers, see pb_migrations/1764000015_daily_rollups.go)
// and the partial days at either end of a range from the rows themselves,
// so a range that starts or ends mid-day counts exactly what it did before.

// window splits [from, to) into the whole days [head, tail), read from the
// rollups, and the partial days [from, head) and [tail, to), read from rows.
// A range without a whole day is read from rows alone (head = tail = to).
type window struct{ from, head, tail, to time.Time }

// split is the window of [from, to).
func split(from, to time.Time) window {
	from, to = from.UTC(), to.UTC()
	head := dayOf(from)
	if head.Before(from) {
		head = head.AddDate(0, 0, 1)
	}
	tail := dayOf(to)
	if !head.Before(tail) {
		head, tail = to, to
	}
	return window{from, head, tail, to}
}

// dayOf is the start of t's UTC day.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// params binds the window: {:from} and {:to} as before, {:head} and
// {:tail} for the partial days, {:d1} and {:d2} for the whole days.
func (w window) params() dbx.Params {
	return dbx.Params{"from": stamp(w.from), "head": stamp(w.head), "tail": stamp(w.tail), "to": stamp(w.to),
		"d1": w.head.Format(time.DateOnly), "d2": w.tail.Format(time.DateOnly)}
}

// wholeDays matches rollup rows of the window's whole days.
const wholeDays = "day >= {:d1} AND day < {:d2}"

// edges matches a stamp column in the window's partial days.
func edges(col string) string {
	return fmt.Sprintf("(%[1]s >= {:from} AND %[1]s < {:head} OR %[1]s >= {:tail} AND %[1]s < {:to})", col)
}

// missingTriggersSQL counts the rollup triggers the schema lacks.
const missingTriggersSQL = `SELECT COUNT(*) FROM rollup_statements s WHERE s.kind = 'trigger'
	AND NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'trigger' AND m.name = s.name)`

// EnsureRollups puts back any rollup trigger the schema lost (a table
// rebuilt, a trigger dropped by hand) and, since writes may have gone
// uncounted meanwhile, counts every row into the rollups again, in one
// transaction. It reads the statements the migration stored, so the
// rollups have one definition. With every trigger in place it only looks.
func EnsureRollups(app core.App) error {
	var missing int
	if err := app.DB().NewQuery(missingTriggersSQL).Row(&missing); err != nil || missing == 0 {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		if err := tx.DB().NewQuery(missingTriggersSQL).Row(&missing); err != nil || missing == 0 {
			return err
		}
		var statements []struct {
			Name string `db:"name"`
			Kind string `db:"kind"`
			SQL  string `db:"sql"`
		}
		err := tx.DB().NewQuery(`SELECT name, kind, sql FROM rollup_statements
			ORDER BY CASE kind WHEN 'trigger' THEN 1 ELSE 2 END, position`).All(&statements)
		if err != nil {
			return err
		}
		var run []string
		for _, s := range statements {
			if s.Kind == "trigger" {
				run = append(run, "DROP TRIGGER IF EXISTS "+s.Name)
			}
		}
		for _, table := range rollupTables {
			run = append(run, "DELETE FROM "+table)
		}
		for _, s := range statements {
			run = append(run, s.SQL)
		}
		for _, sql := range run {
			if _, err := tx.DB().NewQuery(sql).Execute(); err != nil {
				return fmt.Errorf("restoring the figures' rollups: %w", err)
			}
		}
		app.Logger().Warn("the figures' rollup triggers were missing: put back, and every row counted again",
			"missing", missing)
		return nil
	})
}

// rollupTables are the tables the triggers keep.
var rollupTables = []string{"rollup_ask_groups", "rollup_ask_customers", "rollup_clicks", "rollup_referrals", "rollup_stages"}
