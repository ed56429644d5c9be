package pb_migrations_test

import (
	"strings"
	"testing"

	"warmloop/tests/testapp"
)

// TestRollupTriggersBuildNoTemporaryTables checks the schema's rollup
// triggers after every migration: no IN list, whose evaluation builds a
// temporary b-tree each time a trigger runs, and a new moment's trigger that
// runs only when asks already point at the moment.
func TestRollupTriggersBuildNoTemporaryTables(t *testing.T) {
	app := testapp.New(t)
	var triggers []struct {
		Name string `db:"name"`
		SQL  string `db:"sql"`
	}
	if err := app.DB().NewQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup_%'").All(&triggers); err != nil || len(triggers) != 12 {
		t.Fatalf("%d rollup triggers, %v", len(triggers), err)
	}
	for _, tr := range triggers {
		if strings.Contains(tr.SQL, " IN ('") {
			t.Errorf("%s still compares against a list:\n%s", tr.Name, tr.SQL)
		}
		if tr.Name == "rollup_moments_insert" && !strings.Contains(tr.SQL, "WHEN EXISTS (SELECT 1 FROM asks WHERE moment = NEW.id)") {
			t.Errorf("%s runs for every new moment:\n%s", tr.Name, tr.SQL)
		}
	}
}
