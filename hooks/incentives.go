package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
)

// bindIncentives keeps an incentive that anything uses (an ask that offered
// it, a reward that pays it, a tier that gives it, the settings that offer it
// now) from being deleted, from whatever path: the figures by incentive
// would lose its name.
func bindIncentives(app core.App) {
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
