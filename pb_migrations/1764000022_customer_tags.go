package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Two fields on customers for acting on many at once:
//
//   - tags: a list of short labels the team puts on customers from the
//     list ("pilot", "emea"), shown there and filtered by; the customers
//     hook keeps each one trimmed, lower-case and short.
//   - import: the dashboard import that created the customer, so the
//     import's "Undo" deletes those and nobody else. Empty for a customer
//     made any other way, and emptied when the import's row is deleted.
//
// And on imports, when an import was undone and how many customers that
// deleted, so its page says so and does not offer it twice.
func init() {
	m.Register(func(app core.App) error {
		customers, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		imports, err := app.FindCollectionByNameOrId("imports")
		if err != nil {
			return err
		}
		customers.Fields.Add(
			&core.JSONField{Name: "tags", MaxSize: 4000,
				Help: `Short labels the team puts on the customer, as a list: ["pilot", "emea"].`},
			&core.RelationField{Name: "import", MaxSelect: 1, CollectionId: imports.Id,
				Help: "The dashboard import that created this customer; empty otherwise."},
		)
		customers.AddIndex("idx_customers_import", false, "import", "")
		if err := app.Save(customers); err != nil {
			return err
		}
		imports.Fields.Add(
			&core.DateField{Name: "undone_at", Help: "When the import was undone; empty while it stands."},
			&core.NumberField{Name: "undone_count", OnlyInt: true, Min: ptr(0), Help: "Customers the undo deleted."},
		)
		return app.Save(imports)
	}, func(app core.App) error {
		imports, err := app.FindCollectionByNameOrId("imports")
		if err != nil {
			return err
		}
		imports.Fields.RemoveByName("undone_at")
		imports.Fields.RemoveByName("undone_count")
		if err := app.Save(imports); err != nil {
			return err
		}
		customers, err := app.FindCollectionByNameOrId("customers")
		if err != nil {
			return err
		}
		customers.RemoveIndex("idx_customers_import")
		customers.Fields.RemoveByName("tags")
		customers.Fields.RemoveByName("import")
		return app.Save(customers)
	})
}
