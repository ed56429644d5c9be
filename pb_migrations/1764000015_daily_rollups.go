package pb_migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Daily rollups of what the dashboard's figures count, so the first read of
// a year's figures reads days, not every row.
//
// They are plain SQLite tables, not collections: nobody edits them in /_/ or
// through the API, and a collection would add an id column and record
// validation to every write. SQLite triggers keep them, so every path that
// writes the counted tables (hooks, the REST API, /_/, raw SQL, the demo
// seeder without hooks) changes them in its own transaction. A day is the
// date part of PocketBase's stored UTC stamp, as the trend always read it.
//
// rollup_statements keeps each trigger's and each fill's SQL: when
// PocketBase rebuilds a collection's table and a trigger goes with it, the
// figures put them back from there and fill the tables again.
var rollupTables = []string{
	// Asks delivered (sent, clicked or referred) per day of sent_at, by
	// everything the breakdowns split on; the incentive is kept by id so a
	// change to its kind shows at once. has_moment is 0 for a cadence touch.
	`CREATE TABLE rollup_ask_groups (day TEXT NOT NULL, has_moment INTEGER NOT NULL, moment_kind TEXT NOT NULL,
		touch INTEGER NOT NULL, cadence TEXT NOT NULL, incentive TEXT NOT NULL, variant TEXT NOT NULL,
		asks INTEGER NOT NULL, referred INTEGER NOT NULL,
		PRIMARY KEY (day, has_moment, moment_kind, touch, cadence, incentive, variant)) WITHOUT ROWID`,
	// Asks delivered per day and customer: "customers asked" is distinct.
	`CREATE TABLE rollup_ask_customers (day TEXT NOT NULL, customer TEXT NOT NULL, asks INTEGER NOT NULL,
		PRIMARY KEY (day, customer)) WITHOUT ROWID`,
	// Asks per day of clicked_at.
	`CREATE TABLE rollup_clicks (day TEXT NOT NULL PRIMARY KEY, clicks INTEGER NOT NULL) WITHOUT ROWID`,
	// Referrals per day of created and referrer.
	`CREATE TABLE rollup_referrals (day TEXT NOT NULL, referrer TEXT NOT NULL, referrals INTEGER NOT NULL,
		PRIMARY KEY (day, referrer)) WITHOUT ROWID`,
	// History rows that moved a referral to booked, qualified or won, per
	// referral, stage and day.
	`CREATE TABLE rollup_stages (referral TEXT NOT NULL, stage TEXT NOT NULL, day TEXT NOT NULL, events INTEGER NOT NULL,
		PRIMARY KEY (referral, stage, day)) WITHOUT ROWID`,
	`CREATE INDEX idx_rollup_stages_stage_day ON rollup_stages (stage, day, referral)`,
	`CREATE TABLE rollup_statements (name TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, position INTEGER NOT NULL,
		sql TEXT NOT NULL)`,
}

// delivered is whether an asks row (OLD or NEW) counts as delivered.
func deliveredAsk(row string) string {
	return fmt.Sprintf("%[1]s.status IN ('sent','clicked','referred') AND %[1]s.sent_at > ''", row)
}

// askDelta adds sign times one asks row's share to the ask rollups. (The
// moment's kind is read by scalar subqueries: an INSERT … SELECT with a FROM
// clause made each ask's insert several times slower.)
func askDelta(row, sign string) string {
	return fmt.Sprintf(`INSERT INTO rollup_ask_groups (day, has_moment, moment_kind, touch, cadence, incentive, variant, asks, referred)
		SELECT substr(%[1]s.sent_at, 1, 10), (SELECT kind FROM moments WHERE id = %[1]s.moment) IS NOT NULL,
			IFNULL((SELECT kind FROM moments WHERE id = %[1]s.moment), ''), IFNULL(%[1]s.touch, 0), IFNULL(%[1]s.cadence, ''),
			IFNULL(%[1]s.incentive, ''), IFNULL(%[1]s.variant, ''), %[2]s, %[2]s * (%[1]s.status = 'referred')
		WHERE %[3]s
		ON CONFLICT DO UPDATE SET asks = asks + excluded.asks, referred = referred + excluded.referred;`, row, sign, deliveredAsk(row)) +
		prune(sign, "DELETE FROM rollup_ask_groups WHERE day = substr(%[1]s.sent_at, 1, 10) AND asks = 0;", row) +
		fmt.Sprintf(`
	INSERT INTO rollup_ask_customers (day, customer, asks) SELECT substr(%[1]s.sent_at, 1, 10), IFNULL(%[1]s.customer, ''), %[2]s WHERE %[3]s
		ON CONFLICT DO UPDATE SET asks = asks + excluded.asks;`, row, sign, deliveredAsk(row)) +
		prune(sign, "DELETE FROM rollup_ask_customers WHERE day = substr(%[1]s.sent_at, 1, 10) AND customer = IFNULL(%[1]s.customer, '') AND asks = 0;", row) +
		fmt.Sprintf(`
	INSERT INTO rollup_clicks (day, clicks) SELECT substr(%[1]s.clicked_at, 1, 10), %[2]s WHERE %[1]s.clicked_at > ''
		ON CONFLICT DO UPDATE SET clicks = clicks + excluded.clicks;`, row, sign) +
		prune(sign, "DELETE FROM rollup_clicks WHERE day = substr(%[1]s.clicked_at, 1, 10) AND clicks = 0;", row)
}

// prune is the statement that removes the rows a subtraction emptied (none
// is emptied by an addition), with row (OLD) in place of %[1]s.
func prune(sign, format, row string) string {
	if sign != "-1" {
		return ""
	}
	return "\n\t" + fmt.Sprintf(format, row)
}

// momentMove moves the delivered asks of moment row from how they were
// counted before to how they count after: a moment that appears or changes
// its kind relabels the asks it fired.
func momentMove(row string, beforeHas, beforeKind, afterHas, afterKind string) string {
	move := func(has, kind, sign string) string {
		return fmt.Sprintf(`INSERT INTO rollup_ask_groups (day, has_moment, moment_kind, touch, cadence, incentive, variant, asks, referred)
		SELECT substr(a.sent_at, 1, 10), %[2]s, %[3]s, IFNULL(a.touch, 0), IFNULL(a.cadence, ''), IFNULL(a.incentive, ''), IFNULL(a.variant, ''),
			%[4]s * COUNT(*), %[4]s * SUM(a.status = 'referred')
		FROM asks a WHERE a.moment = %[1]s.id AND %[5]s GROUP BY 1, 4, 5, 6, 7
		ON CONFLICT DO UPDATE SET asks = asks + excluded.asks, referred = referred + excluded.referred;`,
			row, has, kind, sign, deliveredAsk("a"))
	}
	return move(beforeHas, beforeKind, "-1") + "\n\t" + move(afterHas, afterKind, "1") + fmt.Sprintf(`
	DELETE FROM rollup_ask_groups WHERE asks = 0 AND day IN (SELECT substr(sent_at, 1, 10) FROM asks WHERE moment = %s.id);`, row)
}

// referralDelta adds sign times one referrals row to rollup_referrals.
func referralDelta(row, sign string) string {
	return fmt.Sprintf(`INSERT INTO rollup_referrals (day, referrer, referrals) SELECT substr(%[1]s.created, 1, 10), IFNULL(%[1]s.referrer, ''), %[2]s
		WHERE %[1]s.created > '' ON CONFLICT DO UPDATE SET referrals = referrals + excluded.referrals;`, row, sign) +
		prune(sign, "DELETE FROM rollup_referrals WHERE day = substr(%[1]s.created, 1, 10) AND referrer = IFNULL(%[1]s.referrer, '') AND referrals = 0;", row)
}

// stageDelta adds sign times one referral_events row to rollup_stages.
func stageDelta(row, sign string) string {
	return fmt.Sprintf(`INSERT INTO rollup_stages (referral, stage, day, events) SELECT IFNULL(%[1]s.referral, ''), %[1]s.to_status, substr(%[1]s.at, 1, 10), %[2]s
		WHERE %[1]s.to_status IN ('booked','qualified','won') AND %[1]s.at IS NOT NULL ON CONFLICT DO UPDATE SET events = events + excluded.events;`, row, sign) +
		prune(sign, "DELETE FROM rollup_stages WHERE referral = IFNULL(%[1]s.referral, '') AND stage = %[1]s.to_status AND day = substr(%[1]s.at, 1, 10) AND events = 0;", row)
}

// changed is a WHEN clause true when any of cols differs between OLD and NEW.
func changed(cols ...string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("OLD.%[1]s IS NOT NEW.%[1]s", c)
	}
	return strings.Join(parts, " OR ")
}

// rollupTrigger is one trigger's name and statement.
type rollupTrigger struct{ name, sql string }

// trigger writes a CREATE TRIGGER.
func trigger(name, event, table, when, body string) rollupTrigger {
	if when != "" {
		when = "WHEN " + when
	}
	return rollupTrigger{name, fmt.Sprintf("CREATE TRIGGER %s AFTER %s ON %s %s BEGIN\n\t%s\nEND", name, event, table, when, body)}
}

// rollupTriggers keep every rollup table in step with its source rows.
func rollupTriggers() []rollupTrigger {
	askCols := changed("status", "sent_at", "clicked_at", "customer", "moment", "touch", "cadence", "incentive", "variant")
	return []rollupTrigger{
		trigger("rollup_asks_insert", "INSERT", "asks", "", askDelta("NEW", "1")),
		trigger("rollup_asks_update", "UPDATE", "asks", askCols, askDelta("OLD", "-1")+"\n\t"+askDelta("NEW", "1")),
		trigger("rollup_asks_delete", "DELETE", "asks", "", askDelta("OLD", "-1")),
		trigger("rollup_moments_insert", "INSERT", "moments", "", momentMove("NEW", "0", "''", "1", "NEW.kind")),
		trigger("rollup_moments_update", "UPDATE", "moments", changed("id", "kind"),
			momentMove("OLD", "1", "OLD.kind", "0", "''")+"\n\t"+momentMove("NEW", "0", "''", "1", "NEW.kind")),
		trigger("rollup_moments_delete", "DELETE", "moments", "", momentMove("OLD", "1", "OLD.kind", "0", "''")),
		trigger("rollup_referrals_insert", "INSERT", "referrals", "", referralDelta("NEW", "1")),
		trigger("rollup_referrals_update", "UPDATE", "referrals", changed("created", "referrer"),
			referralDelta("OLD", "-1")+"\n\t"+referralDelta("NEW", "1")),
		trigger("rollup_referrals_delete", "DELETE", "referrals", "", referralDelta("OLD", "-1")),
		trigger("rollup_referral_events_insert", "INSERT", "referral_events", "", stageDelta("NEW", "1")),
		trigger("rollup_referral_events_update", "UPDATE", "referral_events", changed("referral", "to_status", "at"),
			stageDelta("OLD", "-1")+"\n\t"+stageDelta("NEW", "1")),
		trigger("rollup_referral_events_delete", "DELETE", "referral_events", "", stageDelta("OLD", "-1")),
	}
}

// rollupFills count every existing row into the empty rollup tables.
var rollupFills = []string{
	`INSERT INTO rollup_ask_groups (day, has_moment, moment_kind, touch, cadence, incentive, variant, asks, referred)
		SELECT substr(a.sent_at, 1, 10), m.kind IS NOT NULL, IFNULL(m.kind, ''), IFNULL(a.touch, 0), IFNULL(a.cadence, ''),
			IFNULL(a.incentive, ''), IFNULL(a.variant, ''), COUNT(*), SUM(a.status = 'referred')
		FROM asks a LEFT JOIN moments m ON m.id = a.moment WHERE ` + deliveredAsk("a") + ` GROUP BY 1, 2, 3, 4, 5, 6, 7`,
	`INSERT INTO rollup_ask_customers (day, customer, asks)
		SELECT substr(a.sent_at, 1, 10), IFNULL(a.customer, ''), COUNT(*) FROM asks a WHERE ` + deliveredAsk("a") + ` GROUP BY 1, 2`,
	`INSERT INTO rollup_clicks (day, clicks) SELECT substr(clicked_at, 1, 10), COUNT(*) FROM asks WHERE clicked_at > '' GROUP BY 1`,
	`INSERT INTO rollup_referrals (day, referrer, referrals)
		SELECT substr(created, 1, 10), IFNULL(referrer, ''), COUNT(*) FROM referrals WHERE created > '' GROUP BY 1, 2`,
	`INSERT INTO rollup_stages (referral, stage, day, events)
		SELECT IFNULL(referral, ''), to_status, substr(at, 1, 10), COUNT(*) FROM referral_events
		WHERE to_status IN ('booked','qualified','won') AND at IS NOT NULL GROUP BY 1, 2, 3`,
}

// rollupDrops remove what the migration made, newest first.
var rollupDrops = []string{"rollup_statements", "rollup_stages", "rollup_referrals", "rollup_clicks",
	"rollup_ask_customers", "rollup_ask_groups"}

func init() {
	m.Register(func(app core.App) error {
		db := app.DB()
		for _, sql := range rollupTables {
			if _, err := db.NewQuery(sql).Execute(); err != nil {
				return err
			}
		}
		save := func(name, kind string, position int, sql string) error {
			_, err := db.Insert("rollup_statements", map[string]any{"name": name, "kind": kind, "position": position, "sql": sql}).Execute()
			return err
		}
		for i, t := range rollupTriggers() {
			if err := save(t.name, "trigger", i, t.sql); err != nil {
				return err
			}
			if _, err := db.NewQuery(t.sql).Execute(); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		for i, sql := range rollupFills {
			if err := save(fmt.Sprintf("fill_%d", i), "fill", i, sql); err != nil {
				return err
			}
			if _, err := db.NewQuery(sql).Execute(); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, t := range rollupTriggers() {
			if _, err := app.DB().NewQuery("DROP TRIGGER IF EXISTS " + t.name).Execute(); err != nil {
				return err
			}
		}
		for _, table := range rollupDrops {
			if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + table).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}
