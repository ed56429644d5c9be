package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/schemaapp"
)

// queryPlan is SQLite's plan for sql, one step a line.
func queryPlan(t *testing.T, app core.App, sql string, params map[string]any) string {
	t.Helper()
	var steps []struct {
		ID     int    `db:"id"`
		Parent int    `db:"parent"`
		No     int    `db:"notused"`
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + sql).Bind(params).All(&steps); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range steps {
		out = append(out, s.Detail)
	}
	return strings.Join(out, "\n")
}

func TestAYearAndTheYearBeforeCountTheirAskedCustomersWithoutASort(t *testing.T) {
	app := schemaapp.New(t)
	// Two years of rollup rows, as a program of that age holds.
	if _, err := app.DB().NewQuery(`INSERT INTO rollup_ask_customers (day, customer, asks)
		VALUES ('2024-12-01', 'c1', 1), ('2025-06-01', 'c2', 2), ('2026-11-30', 'c1', 1)`).Execute(); err != nil {
		t.Fatal(err)
	}
	to := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	from := to.AddDate(0, 0, -365)
	cases := []struct {
		name    string
		windows []window
		want    string // in the plan
		notWant string
	}{
		{"a year and the year before walk the customer index", []window{split(from, to), split(from.AddDate(0, 0, -365), from)},
			"SCAN rollup_ask_customers USING COVERING INDEX " + askedIndex, "TEMP B-TREE"},
		{"a month of two years reads its days by the key, then sorts them", []window{split(to.AddDate(0, 0, -30), to)},
			"SEARCH rollup_ask_customers USING PRIMARY KEY", askedIndex},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sql, params, counted, err := wholeDaysSQL(app.DB(), c.windows)
			if err != nil || len(counted) != len(c.windows) {
				t.Fatalf("%d windows counted, %v", len(counted), err)
			}
			got := queryPlan(t, app, sql, params)
			if !strings.Contains(got, c.want) || strings.Contains(got, c.notWant) {
				t.Errorf("the plan\n%s\nwants %q and not %q", got, c.want, c.notWant)
			}
		})
	}
}

// TestHowFarARangesReferralsWentReadsNoReferralRow checks the plan of the
// reach query: the referrals of the range come from an index that holds
// their id, not from their rows.
func TestHowFarARangesReferralsWentReadsNoReferralRow(t *testing.T) {
	app := schemaapp.New(t)
	to := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	plan := queryPlan(t, app, overviewSQL.reached, split(to.AddDate(0, 0, -365), to).params())
	if !strings.Contains(plan, "SEARCH r USING COVERING INDEX") {
		t.Errorf("the reach query reads each referral's row:\n%s", plan)
	}
}
