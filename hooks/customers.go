package hooks

import (
	"errors"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/schema"
)

// bindCustomers keeps customer emails in one canonical form, so the unique
// index catches "Ana@Acme.com" and "ana@acme.com" as the same person, with
// the match key the referral checks compare (customers.MatchKey); makes
// a customer created without a source (through the REST API, the admin UI
// or Go code) a direct one; says what an unknown source must be; and keeps
// a customer's tags a list of short, clean, distinct words.
func bindCustomers(app core.App) {
	app.OnRecordCreate("customers").BindFunc(func(e *core.RecordEvent) error {
		// Before validation, so the schema's required check sees the default.
		e.Record.Set("source", customers.SourceOrDefault(e.Record.GetString("source")))
		setEmailKey(e.Record)
		return e.Next()
	})
	app.OnRecordUpdate("customers").BindFunc(func(e *core.RecordEvent) error {
		setEmailKey(e.Record)
		return e.Next()
	})
	app.OnRecordValidate("customers").BindFunc(func(e *core.RecordEvent) error {
		// The source stays as sent, so the schema refuses an unknown one
		// or one cleared on an update; an empty one became direct when the
		// record was created (above).
		source := e.Record.GetString("source")
		if field, problem := customers.Normalize(e.Record); problem != "" {
			return validation.Errors{field: validation.NewError("validation_invalid_"+field, problem)}
		}
		e.Record.Set("source", source)
		return explainSource(e)
	})
}

// explainSource runs the schema's checks and, when they refuse a source
// that was given, replaces "Invalid value" with the sources allowed and
// where the value that was sent belongs.
func explainSource(e *core.RecordEvent) error {
	err := e.Next()
	var errs validation.Errors
	if !errors.As(err, &errs) || errs["source"] == nil || strings.TrimSpace(e.Record.GetString("source")) == "" {
		return err
	}
	sources := schema.SelectValues(e.App, "customers", "source")
	errs["source"] = validation.NewError("validation_invalid_value", customers.UnknownSourceMessage(sources))
	return err
}

// setEmailKey keeps a customer's email_key the match key of their email,
// whatever path saves them.
func setEmailKey(r *core.Record) {
	r.Set("email_key", customers.MatchKey(r.GetString("email")))
}
