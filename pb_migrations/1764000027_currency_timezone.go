package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The program's currency and time zone, issue 19.
//
//   - settings: currency, the ISO 4217 code every money figure is shown in
//     (USD, as every install has shown its sums so far); timezone, the IANA
//     zone every date on the dashboard is shown in and every day or week of
//     the figures is counted in (UTC, as the figures were counted so far).
//
// The settings hook checks both and fills an empty one with its default.
func init() {
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(
			&core.TextField{Name: "currency", Max: 3, Pattern: `^[A-Z]{3}$`,
				Help: "The ISO 4217 code of the currency deal values are in, such as USD, EUR or GBP."},
			&core.TextField{Name: "timezone", Max: 64,
				Help: "The IANA time zone dates are shown and days are counted in, such as Europe/Berlin; UTC by default."},
		)
		if err := app.Save(settings); err != nil {
			return err
		}
		r, err := app.FindFirstRecordByFilter("settings", "")
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		r.Set("currency", "USD")
		r.Set("timezone", "UTC")
		return app.UnsafeWithoutHooks().Save(r)
	}, func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.RemoveByName("currency")
		settings.Fields.RemoveByName("timezone")
		return app.Save(settings)
	})
}
