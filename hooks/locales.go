package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
)

// bindPages keeps each page written in one shipped locale, and each slug
// once per locale, from whatever path saves a page.
func bindPages(app core.App) {
	app.OnRecordValidate("pages").BindFunc(func(e *core.RecordEvent) error {
		if errs := checkLocaleKey(e.App, e.Record, "slug", "page"); len(errs) > 0 {
			return errs
		}
		return e.Next()
	})
}

// checkLocaleKey stores a page's or a variant's locale as the shipped base
// it is written in (English when none was sent), and refuses an unknown
// locale on the locale field and a second record with the same key in the
// same locale on the key field, where a person can fix it, instead of the
// index's bare UNIQUE failure.
func checkLocaleKey(app core.App, r *core.Record, key, what string) validation.Errors {
	written, err := locale.Written(r.GetString("locale"))
	if err != nil {
		return validation.Errors{"locale": validation.NewError("validation_locale", err.Error())}
	}
	r.Set("locale", written)
	var other struct {
		ID string `db:"id"`
	}
	err = app.DB().Select("id").From(r.Collection().Name).
		Where(dbx.HashExp{key: r.GetString(key), "locale": written}).
		AndWhere(dbx.Not(dbx.HashExp{"id": r.Id})).Limit(1).One(&other)
	if err != nil || other.ID == "" {
		return nil
	}
	return validation.Errors{key: validation.NewError("validation_"+key+"_taken",
		fmt.Sprintf("There is already a %s %q written in %s: edit that one, or choose another %s.",
			what, r.GetString(key), locale.Name(written), key))}
}
