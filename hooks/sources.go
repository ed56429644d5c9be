package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/schema"
)

// bindSources keeps every mapped source usable, from whatever path it is
// written (the dashboard, the REST API, the admin UI): a slug for a name
// that no built-in integration holds, a moment kind of the schema, JSON
// pointers that parse, and the header and secret its way of
// authenticating needs. The unique index keeps two sources from sharing a
// name, and a source that has made moments keeps its name.
func bindSources(app core.App) {
	app.OnRecordValidate("sources").BindFunc(checkSource)
	app.OnRecordValidate("source_deliveries").BindFunc(checkDeliveryOwner)
}

// checkSource puts each of the source's problems on its field.
func checkSource(e *core.RecordEvent) error {
	problems := intake.SourceOf(e.Record).Problems(schema.SelectValues(e.App, "moments", "kind"))
	if from, to := e.Record.Original().GetString("name"), e.Record.GetString("name"); !e.Record.IsNew() && from != to && problems["name"] == "" {
		n, err := intake.CountSourceMoments(e.App, from)
		if err != nil {
			return err
		}
		if err := intake.CheckSourceRename(from, to, n); err != nil {
			problems["name"] = err.Error()
		}
	}
	if len(problems) > 0 {
		errs := validation.Errors{}
		for field, msg := range problems {
			errs[field] = validation.NewError("invalid_source", msg)
		}
		return errs
	}
	return e.Next()
}

// checkDeliveryOwner keeps every logged delivery on exactly one of a
// mapped source and a built-in webhook's provider.
func checkDeliveryOwner(e *core.RecordEvent) error {
	if msg := intake.DeliveryOwnerProblem(e.Record.GetString("source"), e.Record.GetString("provider")); msg != "" {
		return validation.Errors{"provider": validation.NewError("invalid_delivery_owner", msg)}
	}
	return e.Next()
}
