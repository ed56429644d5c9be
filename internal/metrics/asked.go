package metrics

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
)

// The asked customers of a range, the asks they were sent, and the
// referrers among them: three figures of the overview, read for several
// ranges at once (the range and the one before it, for the deltas). The
// distinct count is the costly one, and it is counted in two parts:
//
//   - the whole days, from rollup_ask_customers, one row per day and
//     customer, each customer's rows summed per range in one GROUP BY;
//   - the partial days at a range's ends, from the asks themselves (a few
//     hours' rows), each such customer looked up among the whole days so
//     that nobody counts twice.
//
// The GROUP BY reads the rollup in one of two ways. Walked in customer
// order on its (customer, day, asks) index (migration 1764000028) it needs
// no sort, but reads every day the rollup holds; read by its primary key it
// reads the ranges' days alone, then sorts them by customer. A sort costs
// several times a row's read, so the walk wins once the ranges cover a
// good part of the history (a year and the year before, on the figures'
// first screen) and the key wins for a month in a long history.

// askedIndex is the rollup's index in customer order.
const askedIndex = "idx_rollup_ask_customers_customer"

// walkShare is the part of the rollup's days the ranges must cover for the
// GROUP BY to walk the whole index rather than sort the ranges' rows: one
// in walkShare.
const walkShare = 4

// asked is the three figures for one range.
type asked struct{ customers, asks, referrers int }

// readAsked reads the asked figures of each window; WithOracle swaps it.
var readAsked = askedFromRollups

// askedFromRollups reads the asked figures of each window: the whole days
// of all of them in one pass over the rollup, then each window's partial
// days from the asks.
func askedFromRollups(db dbx.Builder, windows []window) ([]asked, error) {
	out := make([]asked, len(windows))
	if err := wholeDaysAsked(db, windows, out); err != nil {
		return nil, err
	}
	for i, w := range windows {
		if err := edgesAsked(db, w, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// referrersIn lists the referrers of a window's referrals: the whole days
// from the rollup, the partial days from the rows.
var referrersIn = `SELECT referrer FROM rollup_referrals WHERE ` + wholeDays + `
	UNION ALL SELECT referrer FROM referrals WHERE ` + edges("created")

// prefixed renames sql's parameters {:x} to {:<prefix>x}, so one statement
// can bind several windows.
func prefixed(sql, prefix string) string { return strings.ReplaceAll(sql, "{:", "{:"+prefix) }

// prefixedParams is params with each name renamed as prefixed does.
func prefixedParams(params dbx.Params, prefix string) dbx.Params {
	out := dbx.Params{}
	for k, v := range params {
		out[prefix+k] = v
	}
	return out
}

// wholeDaysAsked adds to out the figures of the windows' whole days (see
// wholeDaysSQL).
func wholeDaysAsked(db dbx.Builder, windows []window, out []asked) error {
	sql, params, counted, err := wholeDaysSQL(db, windows)
	if err != nil || len(counted) == 0 {
		return err
	}
	values := make([]int, 3*len(counted))
	dest := make([]any, len(values))
	for i := range values {
		dest[i] = &values[i]
	}
	if err := db.NewQuery(sql).Bind(params).Row(dest...); err != nil {
		return err
	}
	for k, i := range counted {
		out[i].customers += values[3*k]
		out[i].asks += values[3*k+1]
		out[i].referrers += values[3*k+2]
	}
	return nil
}

// wholeDaysSQL is one GROUP BY over the rollup that reads the whole days of
// every window: each customer's asks summed per window, and a customer with
// any counted as asked and, when also among that window's referrers, as a
// referrer; three columns per window with a whole day, in the order of
// counted, which lists those windows.
func wholeDaysSQL(db dbx.Builder, windows []window) (sql string, params dbx.Params, counted []int, err error) {
	var lo, hi time.Time
	params = dbx.Params{}
	var sums, figures []string
	for i, w := range windows {
		if !w.head.Before(w.tail) {
			continue // no whole day
		}
		if lo.IsZero() || w.head.Before(lo) {
			lo = w.head
		}
		if w.tail.After(hi) {
			hi = w.tail
		}
		p := fmt.Sprintf("w%d", i)
		for k, v := range prefixedParams(w.params(), p) {
			params[k] = v
		}
		sums = append(sums, fmt.Sprintf("SUM(CASE WHEN %s THEN asks ELSE 0 END) AS n%d", prefixed(wholeDays, p), i))
		figures = append(figures, fmt.Sprintf(`COALESCE(SUM(n%[1]d > 0), 0), COALESCE(SUM(n%[1]d), 0),
			COALESCE(SUM(CASE WHEN n%[1]d > 0 THEN customer IN (%[2]s) ELSE 0 END), 0)`, i, prefixed(referrersIn, p)))
		counted = append(counted, i)
	}
	if len(counted) == 0 {
		return "", nil, nil, nil
	}
	from, err := askedSource(db, lo, hi)
	if err != nil {
		return "", nil, nil, err
	}
	params["lo"], params["hi"] = lo.Format(time.DateOnly), hi.Format(time.DateOnly)
	sql = "SELECT " + strings.Join(figures, ",\n") + " FROM (SELECT customer, " + strings.Join(sums, ", ") +
		" FROM " + from + " WHERE day >= {:lo} AND day < {:hi} GROUP BY customer)"
	return sql, params, counted, nil
}

// askedSource is how the GROUP BY reads the rollup for the days [lo, hi):
// walking its customer index when those days are at least one in walkShare
// of the days it holds, by its primary key otherwise.
func askedSource(db dbx.Builder, lo, hi time.Time) (string, error) {
	var first, last string
	if err := db.NewQuery("SELECT IFNULL(MIN(day), ''), IFNULL(MAX(day), '') FROM rollup_ask_customers").Row(&first, &last); err != nil {
		return "", err
	}
	a, errA := time.Parse(time.DateOnly, first)
	b, errB := time.Parse(time.DateOnly, last)
	if errA != nil || errB != nil {
		return "rollup_ask_customers", nil // empty: either way reads nothing
	}
	held := b.Sub(a).Hours()/24 + 1
	if walkShare*hi.Sub(lo).Hours()/24 >= held {
		return "rollup_ask_customers INDEXED BY " + askedIndex, nil
	}
	return "rollup_ask_customers", nil
}

// edgesAskedSQL lists the customers asked in a window's partial days, with
// their asks there, whether they were also asked in its whole days (then
// they are counted already) and whether they referred in it.
var edgesAskedSQL = `SELECT a.customer, COUNT(*),
	EXISTS (SELECT 1 FROM rollup_ask_customers x INDEXED BY ` + askedIndex + ` WHERE x.customer = a.customer AND ` + wholeDays + `),
	a.customer IN (` + referrersIn + `)
	FROM asks a WHERE ` + deliveredEdges + ` GROUP BY a.customer`

// edgesAsked adds to o the figures of w's partial days.
func edgesAsked(db dbx.Builder, w window, o *asked) error {
	if w.from.Equal(w.head) && w.tail.Equal(w.to) {
		return nil // whole days only
	}
	rows, err := db.NewQuery(edgesAskedSQL).Bind(w.params()).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var customer string
		var n int
		var whole, referrer bool
		if err := rows.Scan(&customer, &n, &whole, &referrer); err != nil {
			return err
		}
		o.asks += n
		if !whole {
			o.customers++
			if referrer {
				o.referrers++
			}
		}
	}
	return rows.Err()
}
