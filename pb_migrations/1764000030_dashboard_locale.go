package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The dashboard in each person's own language: team.locale and
// _superusers.locale hold the language a person reads the dashboard in
// (en, de, fr, es or nl); empty reads English. PocketBase lets a system
// auth collection gain a field (it refuses only deleting or renaming its
// system fields and changing its rules), so a superuser's choice sits on
// their own record, as a team member's does.
func init() {
	m.Register(func(app core.App) error {
		for _, name := range dashboardLocaleCollections {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.Add(&core.TextField{Name: "locale", Max: 35,
				Help: "The language this person reads the dashboard in: en, de, fr, es or nl; empty for English."})
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range dashboardLocaleCollections {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.RemoveByName("locale")
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// dashboardLocaleCollections are the auth collections whose people sign in to the dashboard.
var dashboardLocaleCollections = []string{"_superusers", "team"}
