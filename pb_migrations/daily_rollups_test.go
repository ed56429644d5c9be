package pb_migrations_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// rollupsMigration is the daily rollups' migration, run by hand.
func rollupsMigration(t *testing.T) *core.Migration {
	return migration(t, "1764000015_daily_rollups.go")
}

// migration is a registered migration, by its file's name.
func migration(t *testing.T, file string) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == file {
			return m
		}
	}
	t.Fatalf("the migration %s is not registered", file)
	return nil
}

// rollupTables are the tables the triggers keep.
var rollupTables = []string{"rollup_ask_groups", "rollup_ask_customers", "rollup_clicks", "rollup_referrals", "rollup_stages"}

// rollupRows is every row of every rollup table, in order, as text.
func rollupRows(t *testing.T, app core.App) []string {
	t.Helper()
	var all []string
	for _, table := range rollupTables {
		var cols, rows []string
		if err := app.DB().NewQuery("SELECT name FROM pragma_table_info({:t}) ORDER BY cid").Bind(dbx.Params{"t": table}).Column(&cols); err != nil {
			t.Fatal(err)
		}
		err := app.DB().NewQuery(fmt.Sprintf("SELECT '%s ' || json_array(%s) FROM %s ORDER BY 1", table, strings.Join(cols, ", "), table)).Column(&rows)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	return all
}

// program writes a few customers, moments, asks, referrals and their
// history through PocketBase.
func program(t *testing.T, app core.App) {
	t.Helper()
	for i := range 4 {
		c := testapp.Customer(t, app, fmt.Sprint("C", i), fmt.Sprintf("c%d@x.example", i), nil)
		m := testapp.Save(t, app, "moments", map[string]any{"customer": c.Id, "kind": "nps", "score": 9, "source": "t",
			"occurred_at": fmt.Sprintf("2026-05-0%d 10:00:00.000Z", i+1)})
		for j, status := range []string{"sent", "clicked", "referred", "queued"} {
			fields := map[string]any{"customer": c.Id, "touch": 1 + j%2, "status": status, "variant": "thanks", "cadence": "balanced",
				"sent_at": fmt.Sprintf("2026-05-0%d 1%d:00:00.000Z", i+1, j)}
			if j%2 == 0 {
				fields["moment"] = m.Id
			}
			if status == "clicked" || status == "referred" {
				fields["clicked_at"] = fmt.Sprintf("2026-05-0%d 2%d:00:00.000Z", i+1, j)
			}
			testapp.Save(t, app, "asks", fields)
		}
		r := testapp.Save(t, app, "referrals", map[string]any{"referrer": c.Id, "referee_name": "R",
			"referee_email": fmt.Sprintf("r%d@else.example", i), "status": "won", "pipeline_value": 100, "won_value": 90})
		for _, stage := range []string{"invited", "booked", "qualified", "won", "won"} {
			testapp.Save(t, app, "referral_events", map[string]any{"referral": r.Id, "to_status": stage,
				"at": fmt.Sprintf("2026-05-1%d 09:00:00.000Z", i)})
		}
	}
}

func TestTheRollupsMigrationCountsExistingRowsAsTheTriggersDo(t *testing.T) {
	app := testapp.New(t)
	program(t, app)
	kept := rollupRows(t, app) // kept row by row by the triggers
	if len(kept) < 20 {
		t.Fatalf("the triggers kept only %d rollup rows: %v", len(kept), kept)
	}
	// The language joined the groups later (1764000034): it leaves first
	// and comes back last, on the rows the fill counted.
	mig, lang := rollupsMigration(t), migration(t, "1764000034_rollups_by_language.go")
	if err := lang.Down(app); err != nil {
		t.Fatal("the language's down:", err)
	}
	if err := mig.Down(app); err != nil {
		t.Fatal("down:", err)
	}
	var left int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'rollup_%'").Row(&left); err != nil || left != 0 {
		t.Fatalf("down left %d rollup tables and triggers (%v)", left, err)
	}
	// Without the rollups the program still writes; then up counts it all.
	program2 := testapp.Customer(t, app, "Late", "late@x.example", nil)
	testapp.Save(t, app, "asks", map[string]any{"customer": program2.Id, "touch": 1, "status": "sent", "sent_at": "2026-05-20 10:00:00.000Z"})
	if err := mig.Up(app); err != nil {
		t.Fatal("up:", err)
	}
	if err := lang.Up(app); err != nil {
		t.Fatal("the language's up:", err)
	}
	filled := rollupRows(t, app)
	late := testapp.Save(t, app, "asks", map[string]any{"customer": program2.Id, "touch": 1, "status": "clicked", "sent_at": "2026-05-21 11:00:00.000Z", "clicked_at": "2026-05-22 11:00:00.000Z"})
	if err := app.Delete(late); err != nil {
		t.Fatal(err)
	}
	if after := rollupRows(t, app); !reflect.DeepEqual(after, filled) {
		t.Errorf("a saved then deleted ask left the rollups changed:\n%v\nwant\n%v", after, filled)
	}
	want := append(kept, "rollup_ask_customers [\"2026-05-20\",\""+program2.Id+"\",1]")
	// The late ask also joins its day's group.
	if len(filled) != len(want)+1 {
		t.Fatalf("the fill counted %d rows, want %d:\n%v", len(filled), len(want)+1, filled)
	}
	for _, row := range want {
		found := false
		for _, f := range filled {
			found = found || f == row
		}
		if !found {
			t.Errorf("the fill lacks %s, which the triggers kept", row)
		}
	}
}
