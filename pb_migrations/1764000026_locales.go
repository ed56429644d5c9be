package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Languages: a program whose people read German, French, Spanish or Dutch
// as well as English.
//
//   - customers.locale: the BCP 47 tag the person reads ("de", "fr-CA");
//     empty for the program's default. The customers hook stores it in one
//     form and empties a tag Warmloop does not ship.
//   - settings.default_locale: what a person without a locale reads;
//     English, which the shipped copy is written in, until an admin picks
//     another.
//   - pages.locale and variants.locale: the language a page or an ask's
//     wording is written in. A slug (a variant's name) exists once per
//     locale; everything written before this migration is English.
//   - asks.locale: the language the ask's email was written in, so the
//     variants' figures can be read per language.
func init() {
	m.Register(func(app core.App) error {
		for _, step := range []func(core.App) error{addCustomerLocale, addDefaultLocale, addAskLocale} {
			if err := step(app); err != nil {
				return err
			}
		}
		if err := localise(app, "pages", "slug", "idx_pages_slug", "idx_pages_slug_locale"); err != nil {
			return err
		}
		return localise(app, "variants", "name", "idx_variants_name", "idx_variants_name_locale")
	}, func(app core.App) error {
		if err := unlocalise(app, "variants", "name", "idx_variants_name", "idx_variants_name_locale"); err != nil {
			return err
		}
		if err := unlocalise(app, "pages", "slug", "idx_pages_slug", "idx_pages_slug_locale"); err != nil {
			return err
		}
		for name, field := range map[string]string{"customers": "locale", "settings": "default_locale", "asks": "locale"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.RemoveByName(field)
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// localeMax bounds a stored tag: no BCP 47 tag a person would send is longer.
const localeMax = 35

func addCustomerLocale(app core.App) error {
	customers, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	customers.Fields.Add(&core.TextField{Name: "locale", Max: localeMax,
		Help: "The language the person reads, as a BCP 47 tag (de, fr-CA); empty for the program's default."})
	return app.Save(customers)
}

func addDefaultLocale(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	settings.Fields.Add(&core.TextField{Name: "default_locale", Max: localeMax,
		Help: "The language of a person whose own is not known or not shipped: en, de, fr, es or nl."})
	if err := app.Save(settings); err != nil {
		return err
	}
	_, err = app.DB().NewQuery("UPDATE settings SET default_locale = 'en' WHERE default_locale = ''").Execute()
	return err
}

func addAskLocale(app core.App) error {
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	asks.Fields.Add(&core.TextField{Name: "locale", Max: localeMax,
		Help: "The language the ask's email was written in."})
	if err := app.Save(asks); err != nil {
		return err
	}
	_, err = app.DB().NewQuery("UPDATE asks SET locale = 'en' WHERE locale = ''").Execute()
	return err
}

// localise gives a collection a locale, English for every row it has, and
// makes its key unique per locale instead of alone.
func localise(app core.App, name, key, oldIndex, newIndex string) error {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: "locale", Max: localeMax,
		Help: "The language this is written in: en, de, fr, es or nl."})
	c.RemoveIndex(oldIndex)
	if err := app.Save(c); err != nil {
		return err
	}
	if _, err := app.DB().NewQuery("UPDATE " + name + " SET locale = 'en' WHERE locale = ''").Execute(); err != nil {
		return err
	}
	c.AddIndex(newIndex, true, key+", locale", "")
	return app.Save(c)
}

// unlocalise keeps the English rows only and puts the key's own unique index back.
func unlocalise(app core.App, name, key, oldIndex, newIndex string) error {
	if _, err := app.DB().NewQuery("DELETE FROM " + name + " WHERE locale NOT IN ('', 'en')").Execute(); err != nil {
		return err
	}
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return err
	}
	c.RemoveIndex(newIndex)
	c.Fields.RemoveByName("locale")
	c.AddIndex(oldIndex, true, key, "")
	return app.Save(c)
}
