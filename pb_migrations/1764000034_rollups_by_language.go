package pb_migrations

import (
	"regexp"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The overview splits the message variants by the language each ask was
// written in (asks.locale). It read that split from every delivered ask of
// the range, the one figure of a cold overview not kept in a rollup: about
// 1.5 s of the first read of a year on the large fixture (100k customers,
// 300k asks). This migration adds the language to the groups the asks are
// counted in, rollup_ask_groups, so the split is read from the rollup's
// whole days like every other breakdown.
//
// The table is made again with locale in its key and filled from the asks;
// every stored statement that writes it (the asks' and the moments'
// triggers, and the fill EnsureRollups runs) gains the column, and the
// asks' update trigger fires when an ask's language changes. The down step
// writes everything back as it was.

// askGroupsTable is rollup_ask_groups with (with locale true) or without
// the language.
func askGroupsTable(locale bool) string {
	col, key := "", ""
	if locale {
		col, key = "locale TEXT NOT NULL, ", ", locale"
	}
	return `CREATE TABLE rollup_ask_groups (day TEXT NOT NULL, has_moment INTEGER NOT NULL, moment_kind TEXT NOT NULL,
		touch INTEGER NOT NULL, cadence TEXT NOT NULL, incentive TEXT NOT NULL, variant TEXT NOT NULL,
		` + col + `asks INTEGER NOT NULL, referred INTEGER NOT NULL,
		PRIMARY KEY (day, has_moment, moment_kind, touch, cadence, incentive, variant` + key + `)) WITHOUT ROWID`
}

// languagePieces are the texts withLanguage changes, each as it was and
// as it becomes: the groups' column list, the asks' update trigger's
// columns and WHEN clause, and the fill's grouping (which ends the fill).
var languagePieces = [][2]string{
	{"variant, asks, referred)", "variant, locale, asks, referred)"},
	{"incentive, variant ON asks ", "incentive, variant, locale ON asks "},
	{"OR OLD.variant IS NOT NEW.variant BEGIN", "OR OLD.variant IS NOT NEW.variant OR OLD.locale IS NOT NEW.locale BEGIN"},
	{"GROUP BY 1, 2, 3, 4, 5, 6, 7$", "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$"},
}

// variantValue is the variant an ask row (NEW, OLD or a) is counted under,
// and variantAndLocale the same followed by its language.
var (
	variantValue     = regexp.MustCompile(`IFNULL\((\w+)\.variant, ''\), `)
	variantAndLocale = regexp.MustCompile(`IFNULL\((\w+)\.variant, ''\), IFNULL\((\w+)\.locale, ''\), `)
)

// withLanguage writes a stored rollup statement so that it counts asks by
// language too; statements that do not write rollup_ask_groups stay as
// they are.
func withLanguage(name, sql string) string { return languageRewrite(sql, true) }

// withoutLanguage undoes withLanguage.
func withoutLanguage(name, sql string) string { return languageRewrite(sql, false) }

// languageRewrite adds the language to a statement writing
// rollup_ask_groups (add true) or takes it out. A piece ending in $ is
// changed only at the end of the statement.
func languageRewrite(sql string, add bool) string {
	if !strings.Contains(sql, "INSERT INTO rollup_ask_groups") {
		return sql
	}
	if add {
		sql = variantValue.ReplaceAllString(sql, "IFNULL(${1}.variant, ''), IFNULL(${1}.locale, ''), ")
	} else {
		sql = variantAndLocale.ReplaceAllString(sql, "IFNULL(${1}.variant, ''), ")
	}
	for _, p := range languagePieces {
		from, to := p[0], p[1]
		if !add {
			from, to = to, from
		}
		if at, ok := strings.CutSuffix(from, "$"); ok {
			if rest, found := strings.CutSuffix(sql, at); found {
				sql = rest + strings.TrimSuffix(to, "$")
			}
			continue
		}
		sql = strings.ReplaceAll(sql, from, to)
	}
	return sql
}

// regroupAsks makes rollup_ask_groups again (with or without the
// language), rewrites the stored statements that write it with rewrite,
// and counts every delivered ask into it with the rewritten fill.
func regroupAsks(app core.App, locale bool, rewrite func(name, sql string) string) error {
	db := app.DB()
	for _, q := range []string{"DROP TABLE rollup_ask_groups", askGroupsTable(locale)} {
		if _, err := db.NewQuery(q).Execute(); err != nil {
			return err
		}
	}
	if err := rewriteRollupTriggers(app, rewrite); err != nil {
		return err
	}
	var fills []struct {
		Name string `db:"name"`
		SQL  string `db:"sql"`
	}
	if err := db.NewQuery("SELECT name, sql FROM rollup_statements WHERE kind = 'fill'").All(&fills); err != nil {
		return err
	}
	for _, f := range fills {
		sql := rewrite(f.Name, f.SQL)
		if sql == f.SQL {
			continue
		}
		if _, err := db.Update("rollup_statements", dbx.Params{"sql": sql}, dbx.HashExp{"name": f.Name}).Execute(); err != nil {
			return err
		}
		if _, err := db.NewQuery(sql).Execute(); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	m.Register(func(app core.App) error {
		return regroupAsks(app, true, withLanguage)
	}, func(app core.App) error {
		return regroupAsks(app, false, withoutLanguage)
	})
}
