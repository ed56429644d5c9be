package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
)

// bindVariants keeps message variants fit to send and their figures whole,
// from whatever path a variant changes (the dashboard, the REST API, the
// admin UI): a variant carries the {{link}} variable; it is written in one
// shipped locale, its name once per locale; a name asks have recorded is
// kept; and a variant asks were made with is not deleted.
func bindVariants(app core.App) {
	app.OnRecordValidate("variants").BindFunc(checkVariant)
	app.OnRecordDelete("variants").BindFunc(func(e *core.RecordEvent) error {
		n, err := asks.CountAsksWithVariant(e.App, e.Record.Original().GetString("name"), e.Record.Original().GetString("locale"))
		if err != nil {
			return err
		}
		if err := asks.CheckVariantDelete(n); err != nil {
			return refuseDelete(err)
		}
		return e.Next()
	})
}

// checkVariant refuses a variant without the link (on the body field) and
// the renaming of a used one (on the name field). A stored, inactive variant
// whose body is untouched is not judged again, so one written before the
// rule can still be deactivated or renamed.
func checkVariant(e *core.RecordEvent) error {
	r := e.Record
	errs := checkLocaleKey(e.App, r, "name", "variant")
	if errs == nil {
		errs = validation.Errors{}
	}
	body := r.GetString("body")
	if r.IsNew() || r.GetBool("active") || body != r.Original().GetString("body") {
		if err := asks.CheckVariantBody(body); err != nil {
			errs["body"] = validation.NewError("missing_link", err.Error())
		}
	}
	from, fromLocale := r.Original().GetString("name"), r.Original().GetString("locale")
	if fromLocale == "" {
		fromLocale = locale.English // written before variants had a locale
	}
	if to, toLocale := r.GetString("name"), r.GetString("locale"); !r.IsNew() && (from != to || fromLocale != toLocale) {
		n, err := asks.CountAsksWithVariant(e.App, from, fromLocale)
		if err != nil {
			return err
		}
		if err := asks.CheckVariantRename(from, to, n); err != nil {
			errs["name"] = validation.NewError("name_frozen", err.Error())
		} else if err := asks.CheckVariantRelocale(fromLocale, toLocale, n); err != nil {
			errs["locale"] = validation.NewError("locale_frozen", err.Error())
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return e.Next()
}
