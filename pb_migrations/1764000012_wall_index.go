package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The Wall of Thanks reads the customers who consented to it and did not
// opt out: with this index it reads those few, not every customer, however
// large the program grows.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		c.AddIndex("idx_customers_wall", false, "wall_opt_in, opted_out", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		c.RemoveIndex("idx_customers_wall")
		return app.Save(c)
	})
}
