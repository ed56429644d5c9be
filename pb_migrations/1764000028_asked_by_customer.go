package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The daily rollup of asked customers in customer order, each row's count
// beside it: the figures count a year's asked customers, and the year's
// before, in one pass down this index, with no sort (internal/metrics,
// asked.go). The rollup's own key orders it by day.
const askedByCustomerIndex = `CREATE INDEX idx_rollup_ask_customers_customer
	ON rollup_ask_customers (customer, day, asks)`

func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(askedByCustomerIndex).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP INDEX IF EXISTS idx_rollup_ask_customers_customer").Execute()
		return err
	})
}
