package asks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// insertCustomers writes n customers with plain SQL (100,000 saves through
// the record layer would take longer than the pass they are made for), as
// the first ask of a happy moment leaves them: touch 1, next_ask_at
// next(i), empty for a customer outside the cadence. The i-th has the id
// fixtureID(i).
func insertCustomers(tb testing.TB, app core.App, n int, created string, next func(i int) string) {
	tb.Helper()
	const chunk = 500
	for start := 0; start < n; start += chunk {
		var q strings.Builder
		q.WriteString("INSERT INTO customers (id, name, email, source, referral_code, touch, next_ask_at, created, updated) VALUES ")
		for i := start; i < min(start+chunk, n); i++ {
			if i > start {
				q.WriteString(",")
			}
			fmt.Fprintf(&q, "('%s','Customer %d','c%d@bench.example','import','code%018d',1,'%s','%s','%s')",
				fixtureID(i), i, i, i, next(i), created, created)
		}
		if _, err := app.DB().NewQuery(q.String()).Execute(); err != nil {
			tb.Fatal(err)
		}
	}
}

// fixtureID is the id of insertCustomers' i-th customer.
func fixtureID(i int) string { return fmt.Sprintf("c%014d", i) }
