package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
)

// bindIncentives keeps the catalog's history whole and its offer standing,
// from whatever path an incentive changes: one that anything uses (an ask
// that offered it, a reward that pays it, a tier that gives it, the settings
// that offer it now) is not deleted, or the figures by incentive would lose
// its name; and the one on offer is not switched off.
func bindIncentives(app core.App) {
	app.OnRecordValidate("incentives").BindFunc(checkIncentiveActive)
	app.OnRecordDelete("incentives").BindFunc(func(e *core.RecordEvent) error {
		use, err := rewards.FindIncentiveUse(e.App, e.Record.Id)
		if err != nil {
			return err
		}
		if err := rewards.CheckIncentiveDelete(use); err != nil {
			return refuseDelete(err)
		}
		return e.Next()
	})
}

// checkIncentiveActive refuses, on the active field, switching off the
// incentive the settings offer. Only the switch is judged: an incentive
// already inactive can still be edited.
func checkIncentiveActive(e *core.RecordEvent) error {
	r := e.Record
	if r.IsNew() || r.GetBool("active") || !r.Original().GetBool("active") {
		return e.Next()
	}
	onOffer, err := rewards.IncentiveOnOffer(e.App, r.Id)
	if err != nil {
		return err
	}
	if err := rewards.CheckIncentiveDeactivate(onOffer); err != nil {
		return validation.Errors{"active": validation.NewError("on_offer", err.Error())}
	}
	return e.Next()
}
