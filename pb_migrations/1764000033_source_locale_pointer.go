package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A mapped source can read the customer's language: locale_pointer is an
// optional JSON pointer (RFC 6901) to a language tag in the tool's JSON,
// such as /data/contact/locale. The tag read is given to the customer as a
// tool's is (only when they have none, and only a tag of a shipped
// language); empty reads none. Sources saved before keep it empty.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("sources")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.TextField{Name: "locale_pointer", Max: 500,
			Help: "A JSON pointer to the customer's language tag (such as de or fr-CA), such as /data/contact/locale; optional."})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("sources")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("locale_pointer")
		return app.Save(c)
	})
}
