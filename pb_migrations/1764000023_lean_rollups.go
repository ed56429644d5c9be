package pb_migrations

import (
	"strings"

	"github.com/pocketbase/dbx"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Leaner figures, on both sides.
//
// Reads: the viral loop counts customers from an index on (source,
// referred_by, id) and referrers from one on (referrals.referrer, flag),
// without reading a customer's or a referral's row; the leaderboard reads
// the range's referrals from an index holding every column it sums.
//
// Writes: each rollup trigger on UPDATE becomes an UPDATE OF the columns it
// counts. SQLite compiles a trigger into every statement that may fire it,
// and PocketBase prepares each statement anew, so a trigger costs its
// compilation on each write; an UPDATE that sets none of the listed columns
// (an ask's outbox bookkeeping, a note on a referral) no longer compiles it.
// Their WHEN clauses and bodies are those of 1764000015; the stored
// statements EnsureRollups puts back are updated to match.
var leanIndexes = []struct{ collection, name, columns string }{
	{"customers", "idx_customers_source_referred_by", "source, referred_by, id"},
	{"referrals", "idx_referrals_referrer_flag", "referrer, flag"},
	{"referrals", "idx_referrals_created_leaders", "created, flag, referrer, status, won_value"},
}

// updateColumns are the columns each counted table's UPDATE trigger watches:
// those its WHEN clause compares.
var updateColumns = map[string][]string{
	"asks":            {"status", "sent_at", "clicked_at", "customer", "moment", "touch", "cadence", "incentive", "variant"},
	"moments":         {"id", "kind"},
	"referrals":       {"created", "referrer"},
	"referral_events": {"referral", "to_status", "at"},
}

// leanTriggers are the rollup triggers with each UPDATE one narrowed to
// the columns it counts (narrow false gives 1764000015's).
func leanTriggers(narrow bool) []rollupTrigger {
	var out []rollupTrigger
	for _, t := range rollupTriggers() {
		for table, cols := range updateColumns {
			event := "AFTER UPDATE ON " + table + " "
			if narrow && strings.Contains(t.sql, event) {
				t.sql = strings.Replace(t.sql, event, "AFTER UPDATE OF "+strings.Join(cols, ", ")+" ON "+table+" ", 1)
			}
		}
		out = append(out, t)
	}
	return out
}

// replaceUpdateTriggers drops and writes again every UPDATE trigger, and
// stores its statement for EnsureRollups.
func replaceUpdateTriggers(app core.App, narrow bool) error {
	db := app.DB()
	for _, t := range leanTriggers(narrow) {
		if !strings.Contains(t.name, "_update") {
			continue
		}
		for _, sql := range []string{"DROP TRIGGER IF EXISTS " + t.name, t.sql} {
			if _, err := db.NewQuery(sql).Execute(); err != nil {
				return err
			}
		}
		if _, err := db.Update("rollup_statements", dbx.Params{"sql": t.sql}, dbx.HashExp{"name": t.name}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// saveIndexes adds (or, with add false, removes) the lean indexes.
func saveIndexes(app core.App, add bool) error {
	for _, ix := range leanIndexes {
		c, err := app.FindCollectionByNameOrId(ix.collection)
		if err != nil {
			return err
		}
		if add {
			c.AddIndex(ix.name, false, ix.columns, "")
		} else {
			c.RemoveIndex(ix.name)
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	m.Register(func(app core.App) error {
		if err := saveIndexes(app, true); err != nil {
			return err
		}
		return replaceUpdateTriggers(app, true)
	}, func(app core.App) error {
		if err := replaceUpdateTriggers(app, false); err != nil {
			return err
		}
		return saveIndexes(app, false)
	})
}
