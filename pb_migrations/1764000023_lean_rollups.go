package pb_migrations

import (
	"fmt"
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
// Their WHEN clauses and bodies are those of 1764000015, but for the
// moments' triggers: a moment that appears, changes kind or goes moves each
// ask it fired with one upsert per ask from one INSERT … SELECT over a
// two-row list of (from, to) groups, where 1764000015 ran two grouped
// INSERT … SELECTs. The moments' INSERT trigger compiles into every moment
// intake records; it now compiles in well under half the time. The stored
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

// momentRelabel moves the delivered asks of moment row from the group
// (beforeHas, beforeKind) to (afterHas, afterKind), ask by ask, and prunes
// the groups it emptied.
func momentRelabel(row string, beforeHas, beforeKind, afterHas, afterKind string) string {
	return fmt.Sprintf(`INSERT INTO rollup_ask_groups (day, has_moment, moment_kind, touch, cadence, incentive, variant, asks, referred)
		SELECT substr(a.sent_at, 1, 10), v.has, v.kind, IFNULL(a.touch, 0), IFNULL(a.cadence, ''), IFNULL(a.incentive, ''),
			IFNULL(a.variant, ''), v.sign, v.sign * (a.status = 'referred')
		FROM asks a, (SELECT %[2]s AS has, %[3]s AS kind, -1 AS sign UNION ALL SELECT %[4]s, %[5]s, 1) v
		WHERE a.moment = %[1]s.id AND %[6]s
		ON CONFLICT DO UPDATE SET asks = asks + excluded.asks, referred = referred + excluded.referred;
	DELETE FROM rollup_ask_groups WHERE asks = 0 AND day IN (SELECT substr(sent_at, 1, 10) FROM asks WHERE moment = %[1]s.id);`,
		row, beforeHas, beforeKind, afterHas, afterKind, deliveredAsk("a"))
}

// leanMomentTriggers are the moments' triggers written with momentRelabel.
func leanMomentTriggers() map[string]rollupTrigger {
	return map[string]rollupTrigger{
		"rollup_moments_insert": trigger("rollup_moments_insert", "INSERT", "moments", "",
			momentRelabel("NEW", "0", "''", "1", "NEW.kind")),
		"rollup_moments_update": trigger("rollup_moments_update", "UPDATE OF id, kind", "moments", changed("id", "kind"),
			momentRelabel("OLD", "1", "OLD.kind", "0", "''")+"\n\t"+momentRelabel("NEW", "0", "''", "1", "NEW.kind")),
		"rollup_moments_delete": trigger("rollup_moments_delete", "DELETE", "moments", "",
			momentRelabel("OLD", "1", "OLD.kind", "0", "''")),
	}
}

// leanTriggers are the rollup triggers with each UPDATE one narrowed to
// the columns it counts and the moments' ones relabelling ask by ask (lean
// false gives 1764000015's).
func leanTriggers(narrow bool) []rollupTrigger {
	var out []rollupTrigger
	for _, t := range rollupTriggers() {
		if lean, ok := leanMomentTriggers()[t.name]; ok && narrow {
			out = append(out, lean)
			continue
		}
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

// replaceTriggers drops and writes again every UPDATE trigger and the
// moments' ones, and stores their statements for EnsureRollups.
func replaceTriggers(app core.App, narrow bool) error {
	db := app.DB()
	for _, t := range leanTriggers(narrow) {
		if !strings.Contains(t.name, "_update") && !strings.HasPrefix(t.name, "rollup_moments_") {
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
		return replaceTriggers(app, true)
	}, func(app core.App) error {
		if err := replaceTriggers(app, false); err != nil {
			return err
		}
		return saveIndexes(app, false)
	})
}
