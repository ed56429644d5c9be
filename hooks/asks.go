package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
)

// bindAsks refuses an ask's illegal status move (back to queued, out of
// referred, …) with a message on the status field, for every path that
// validates: the REST API, the admin UI and app.Save. Warmloop's own moves
// (the outbox worker, the landing page, a referral) save without validation
// and keep to the same rule by their own guards.
func bindAsks(app core.App) {
	app.OnRecordValidate("asks").BindFunc(func(e *core.RecordEvent) error {
		if !e.Record.IsNew() {
			if err := asks.CheckStatus(e.Record.Original().GetString("status"), e.Record.GetString("status")); err != nil {
				return validation.Errors{"status": validation.NewError("invalid_transition", err.Error())}
			}
		}
		return e.Next()
	})
}
