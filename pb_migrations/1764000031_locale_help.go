package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// What a client reads about the locale fields in /_/ and the REST API's
// schema: what a customer's tag becomes when Warmloop does not ship it, and
// what a page's or a variant's locale may be. The rules themselves are the
// hooks'; this only says them where an integrator looks.
func init() {
	m.Register(func(app core.App) error {
		return setLocaleHelp(app, map[string]string{
			"customers": "The language the person reads, as a BCP 47 tag (de, fr-CA). A tag whose language Warmloop does not ship (en, de, fr, es, nl), or that is not a tag, is stored empty: the person then reads the program's default.",
			"pages":     "The language this page is written in: en, de, fr, es or nl (a regional tag such as de-AT is stored as de); en when none is sent. A slug exists once per locale.",
			"variants":  "The language this variant is written in: en, de, fr, es or nl (a regional tag such as de-AT is stored as de); en when none is sent. A name exists once per locale.",
		})
	}, func(app core.App) error {
		return setLocaleHelp(app, map[string]string{
			"customers": "The language the person reads, as a BCP 47 tag (de, fr-CA); empty for the program's default.",
			"pages":     "The language this is written in: en, de, fr, es or nl.",
			"variants":  "The language this is written in: en, de, fr, es or nl.",
		})
	})
}

// setLocaleHelp sets the help of the locale field of each collection.
func setLocaleHelp(app core.App, help map[string]string) error {
	for name, text := range help {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		f, ok := c.Fields.GetByName("locale").(*core.TextField)
		if !ok {
			continue
		}
		f.Help = text
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
