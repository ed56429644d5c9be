package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// errOneSettings is what a client hears when it tries to add a second
// settings record or delete the only one.
var errOneSettings = errors.New("the program has exactly one settings record: edit it instead")

// bindSettings keeps the program to one settings record whose values make
// sense (program.ValidateRecord: ranges, addresses, URLs, events, an active
// incentive on offer), from whatever path it is saved.
func bindSettings(app core.App) {
	app.OnRecordValidate("settings").BindFunc(func(e *core.RecordEvent) error {
		if err := program.ValidateRecord(e.App, e.Record); err != nil {
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
}
