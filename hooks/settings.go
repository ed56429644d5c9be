package hooks

import (
	"errors"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// errOneSettings is what a client hears when it tries to add a second
// settings record or delete the only one.
var errOneSettings = errors.New("the program has exactly one settings record: edit it instead")

// bindSettings keeps the program to one settings record whose values make
// sense (program.ValidateRecord: ranges, addresses, URLs, events, an active
// incentive on offer; chat.CheckURL: the chat webhook), from whatever path
// it is saved.
func bindSettings(app core.App) {
	app.OnRecordValidate("settings").BindFunc(func(e *core.RecordEvent) error {
		program.Normalize(e.Record)
		program.ForgetTestOfAnotherServer(e.App, e.Record)
		e.Record.Set("chat_webhook_url", strings.TrimSpace(e.Record.GetString("chat_webhook_url")))
		if err := settingsErrors(program.ValidateRecord(e.App, e.Record), e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnRecordCreate("settings").BindFunc(func(e *core.RecordEvent) error {
		n, err := e.App.CountRecords("settings")
		if err != nil {
			return err
		}
		if n > 0 {
			// A 400 that says why; a plain error would read "Failed to create record."
			return apis.NewBadRequestError(errOneSettings.Error(), nil)
		}
		return e.Next()
	})
	app.OnRecordDelete("settings").BindFunc(func(e *core.RecordEvent) error {
		return refuseDelete(errOneSettings)
	})
	// Whatever changes the record, the next read sees it.
	forget := func(e *core.RecordEvent) error {
		program.Forget(e.App)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess("settings").BindFunc(forget)
	app.OnRecordAfterUpdateSuccess("settings").BindFunc(forget)
	bindMailSettings(app)
}

// settingsErrors adds what is wrong with the chat webhook URL
// (chat.CheckURL) and the CRM stage map (referrals.ParseStages) to the
// program's own errors, so every field's message
// comes back at once.
func settingsErrors(err error, r *core.Record) error {
	errs := validation.Errors{}
	if err != nil && !errors.As(err, &errs) {
		return err
	}
	if msg := chat.CheckURL(r.GetString("chat_webhook_url")); msg != "" {
		errs["chat_webhook_url"] = validation.NewError("validation_chat_url", msg)
	}
	if _, err := referrals.ParseStages(r.GetString("crm_stages")); err != nil {
		errs["crm_stages"] = validation.NewError("validation_crm_stages", err.Error())
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// bindMailSettings keeps the settings record and PocketBase's own settings
// in step: a saved record writes its SMTP server, sender and Application
// URL into PocketBase's settings, whatever saved it (the dashboard, the
// REST API, /_/); a change made in PocketBase's settings screen comes back
// into the record. The record is saved already when this runs, so a
// failure is logged rather than returned.
func bindMailSettings(app core.App) {
	mirror := func(e *core.RecordEvent) error {
		if err := program.MirrorToPocketBase(e.App, e.Record); err != nil {
			e.App.Logger().Error("PocketBase's mail settings could not follow the program settings", "record", e.Record.Id, "error", err)
		}
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess("settings").BindFunc(mirror)
	app.OnRecordAfterUpdateSuccess("settings").BindFunc(mirror)
	app.OnSettingsUpdateRequest().BindFunc(func(e *core.SettingsUpdateRequestEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if err := program.AdoptFromPocketBase(e.App); err != nil {
			e.App.Logger().Error("the program settings could not follow PocketBase's mail settings", "error", err)
		}
		return nil
	})
}
