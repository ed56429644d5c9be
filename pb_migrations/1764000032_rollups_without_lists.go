package pb_migrations

import (
	"regexp"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The rollup triggers run inside every write to asks, moments, referrals
// and referral_events. SQLite evaluates "x IN ('a','b','c')" (a list of
// more than two values) and "x IN (SELECT …)" by building a temporary
// b-tree, with its own page cache and scratch page, each time a trigger
// runs, and frees it when the trigger ends. In the NPS committer, which
// writes every moment on one goroutine, building and freeing those trees
// took about a third of its time (CPU profile of `bench/load.sh` P2).
//
// This migration writes the same conditions without a temporary tree:
//   - the lists of statuses become comparisons joined by OR;
//   - a new moment's trigger, which relabels the asks already pointing at
//     the moment, runs only when one does (none does when the moment is
//     new, the usual case), so its "day IN (SELECT …)" clean-up is skipped.
// The figures are unchanged: each trigger counts exactly what it did.

// listedStatus matches an IN list of the statuses the rollups count.
var listedStatus = regexp.MustCompile(`(\w+)\.(status|to_status) IN \(('[a-z]+'(?:,'[a-z]+')+)\)`)

// comparedStatus matches the same condition written with ORs.
var comparedStatus = regexp.MustCompile(`\((\w+)\.(status|to_status) = '[a-z]+'(?: OR \w+\.(?:status|to_status) = '[a-z]+')+\)`)

// newMomentWithAsks is the condition the moments' insert trigger runs under.
const newMomentWithAsks = "WHEN EXISTS (SELECT 1 FROM asks WHERE moment = NEW.id)"

// withoutLists writes a trigger's IN lists as comparisons and guards the
// moments' insert trigger.
func withoutLists(name, sql string) string {
	sql = listedStatus.ReplaceAllStringFunc(sql, func(in string) string {
		parts := listedStatus.FindStringSubmatch(in)
		var eqs []string
		for _, v := range strings.Split(parts[3], ",") {
			eqs = append(eqs, parts[1]+"."+parts[2]+" = "+v)
		}
		return "(" + strings.Join(eqs, " OR ") + ")"
	})
	if name == "rollup_moments_insert" {
		sql = strings.Replace(sql, "AFTER INSERT ON moments  BEGIN", "AFTER INSERT ON moments "+newMomentWithAsks+" BEGIN", 1)
	}
	return sql
}

// withLists undoes withoutLists.
func withLists(name, sql string) string {
	sql = comparedStatus.ReplaceAllStringFunc(sql, func(or string) string {
		parts := comparedStatus.FindStringSubmatch(or)
		var values []string
		for _, eq := range strings.Split(strings.Trim(or, "()"), " OR ") {
			values = append(values, eq[strings.Index(eq, "'"):])
		}
		return parts[1] + "." + parts[2] + " IN (" + strings.Join(values, ",") + ")"
	})
	if name == "rollup_moments_insert" {
		sql = strings.Replace(sql, " "+newMomentWithAsks+" BEGIN", "  BEGIN", 1)
	}
	return sql
}

// rewriteRollupTriggers puts back every stored rollup trigger rewritten by
// rewrite, in the schema and in rollup_statements (from which the metrics
// package restores a trigger that has gone missing).
func rewriteRollupTriggers(app core.App, rewrite func(name, sql string) string) error {
	db := app.DB()
	var stored []struct {
		Name string `db:"name"`
		SQL  string `db:"sql"`
	}
	if err := db.NewQuery("SELECT name, sql FROM rollup_statements WHERE kind = 'trigger'").All(&stored); err != nil {
		return err
	}
	for _, t := range stored {
		sql := rewrite(t.Name, t.SQL)
		if sql == t.SQL {
			continue
		}
		for _, q := range []string{"DROP TRIGGER IF EXISTS " + t.Name, sql} {
			if _, err := db.NewQuery(q).Execute(); err != nil {
				return err
			}
		}
		if _, err := db.Update("rollup_statements", dbx.Params{"sql": sql}, dbx.HashExp{"name": t.Name}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	m.Register(func(app core.App) error {
		return rewriteRollupTriggers(app, withoutLists)
	}, func(app core.App) error {
		return rewriteRollupTriggers(app, withLists)
	})
}
