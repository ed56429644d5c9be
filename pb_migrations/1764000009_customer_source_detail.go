package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A customer's source_detail: where they came from in the words of the
// file or tool that brought them ("hubspot", "Q3 webinar"), kept beside
// the three sources the program counts by, so an import loses nothing.
func init() {
	m.Register(func(app core.App) error {
		customers, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		// Beside source, so the admin UI shows the two together.
		at := slices.Index(customers.Fields.FieldNames(), "source") + 1
		customers.Fields.AddAt(at, &core.TextField{Name: "source_detail", Max: 200,
			Help: "Where the customer came from, in the words of the file or tool that brought them."})
		return app.Save(customers)
	}, func(app core.App) error {
		customers, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		customers.Fields.RemoveByName("source_detail")
		return app.Save(customers)
	})
}
