package pb_migrations_test

import (
	"strings"
	"testing"

	"warmloop/tests/testapp"
)

func TestRollupUpdateTriggersWatchOnlyTheColumnsTheyCount(t *testing.T) {
	app := testapp.New(t)
	var stored []struct {
		Name   string `db:"name"`
		SQL    string `db:"sql"`
		Schema string `db:"schema_sql"`
	}
	err := app.DB().NewQuery(`SELECT s.name, s.sql, IFNULL(m.sql, '') AS schema_sql FROM rollup_statements s
		LEFT JOIN sqlite_master m ON m.type = 'trigger' AND m.name = s.name WHERE s.kind = 'trigger'`).All(&stored)
	if err != nil || len(stored) != 12 {
		t.Fatalf("%d stored triggers, %v", len(stored), err)
	}
	narrowed := 0
	for _, s := range stored {
		if s.Schema != s.SQL {
			t.Errorf("%s: the schema holds\n%s\nbut EnsureRollups would put back\n%s", s.Name, s.Schema, s.SQL)
		}
		if strings.HasSuffix(s.Name, "_update") {
			if !strings.Contains(s.SQL, "AFTER UPDATE OF ") {
				t.Errorf("%s fires on every update: %s", s.Name, s.SQL)
			}
			narrowed++
		}
	}
	if narrowed != 4 {
		t.Errorf("%d update triggers, want 4", narrowed)
	}
	for _, ix := range []string{"idx_customers_source_referred_by", "idx_referrals_referrer_flag", "idx_referrals_created_leaders"} {
		var n int
		if err := app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = {:n}").Bind(map[string]any{"n": ix}).Row(&n); err != nil || n != 1 {
			t.Errorf("index %s: %d, %v", ix, n, err)
		}
	}
}
