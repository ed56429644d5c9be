package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/signin"
)

// bindDashboardLocale keeps the dashboard language of superusers and team
// members in one form on every path (the dashboard's account screen, the
// REST API, /_/): a shipped language's base ("de" for "de-AT"), empty for
// English, and a 400 naming the field for anything else.
func bindDashboardLocale(app core.App) {
	app.OnRecordValidate(core.CollectionNameSuperusers, signin.Team).BindFunc(normalizeDashboardLocale)
}

// normalizeDashboardLocale stores the base of a shipped language, or
// refuses the locale field.
func normalizeDashboardLocale(e *core.RecordEvent) error {
	if raw := e.Record.GetString("locale"); raw != "" {
		base, ok := locale.Base(raw)
		if !ok {
			return validation.Errors{"locale": validation.NewError("locale_not_shipped",
				"choose one of the dashboard's languages: en, de, fr, es or nl")}
		}
		e.Record.Set("locale", base)
	}
	return e.Next()
}
