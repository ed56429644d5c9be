package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// rewardPages are the emails a referrer gets when a reward is earned and
// when it is fulfilled; their copy is in static/content.
var rewardPages = []string{"reward_earned", "reward_fulfilled"}

// Rewards record when they were declined, beside approved_at and
// fulfilled_at, and the referrer hears of each reward by email.
func init() {
	m.Register(func(app core.App) error {
		rewards, err := app.FindCollectionByNameOrId("rewards")
		if err != nil {
			return err
		}
		rewards.Fields.Add(&core.DateField{Name: "declined_at"})
		if err := app.Save(rewards); err != nil {
			return err
		}
		return addPages(app, rewardPages)
	}, func(app core.App) error {
		if err := removePages(app, rewardPages); err != nil {
			return err
		}
		rewards, err := app.FindCollectionByNameOrId("rewards")
		if err != nil {
			return err
		}
		rewards.Fields.RemoveByName("declined_at")
		return app.Save(rewards)
	})
}
