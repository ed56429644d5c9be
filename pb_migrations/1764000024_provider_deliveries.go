package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The built-in webhooks keep a deliveries log too: source_deliveries'
// source becomes optional, and a row names either the mapped source or
// the provider of the built-in path it arrived at ("zendesk", "hubspot",
// "stripe", "crm/hubspot", "crm/generic"), never both (a record hook holds
// that). A referral field names the referral a CRM's deal event was about.
// Each provider keeps its newest 20, found by (provider, created).
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("source_deliveries")
		if err != nil {
			return err
		}
		if f, ok := c.Fields.GetByName("source").(*core.RelationField); ok {
			f.Required = false
		}
		c.Fields.Add(
			&core.TextField{Name: "provider", Max: 40, Help: "The built-in webhook the delivery arrived at, when it is not a mapped source's."},
			&core.TextField{Name: "referral", Max: 15, Help: "The referral a CRM's deal event was about, when one matched."},
		)
		c.AddIndex("idx_source_deliveries_provider", false, "provider, created", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("source_deliveries")
		if err != nil {
			return err
		}
		// The built-in paths' rows have no source: they go with the fields.
		if _, err := app.DB().NewQuery("DELETE FROM source_deliveries WHERE source = ''").Execute(); err != nil {
			return err
		}
		c.RemoveIndex("idx_source_deliveries_provider")
		c.Fields.RemoveByName("provider")
		c.Fields.RemoveByName("referral")
		if f, ok := c.Fields.GetByName("source").(*core.RelationField); ok {
			f.Required = true
		}
		return app.Save(c)
	})
}
