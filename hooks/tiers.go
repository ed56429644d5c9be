package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
)

// bindTiers keeps a tier that referrers earned from being deleted, from
// whatever path, with a message that says so (the schema alone refuses it
// as "part of a required relation reference").
func bindTiers(app core.App) {
	app.OnRecordDelete("tiers").BindFunc(func(e *core.RecordEvent) error {
		n, err := rewards.CountTierRewards(e.App, e.Record.Id)
		if err != nil {
			return err
		}
		if err := rewards.CheckTierDelete(n); err != nil {
			return refuseDelete(err)
		}
		return e.Next()
	})
}
