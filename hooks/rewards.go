package hooks

import (
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
)

// bindRewards keeps the reward lifecycle (earned → approved → fulfilled, or
// declined): illegal moves are refused, each move is stamped with when and,
// through the REST API or the dashboard, by whom, and the referrer hears
// when their reward is fulfilled.
func bindRewards(app core.App) {
	app.OnRecordValidate("rewards").BindFunc(func(e *core.RecordEvent) error {
		if !e.Record.IsNew() {
			if err := rewards.Check(e.Record.Original().GetString("status"), e.Record.GetString("status")); err != nil {
				return validation.Errors{"status": validation.NewError("invalid_transition", err.Error())}
			}
		}
		return e.Next()
	})
	app.OnRecordUpdateRequest("rewards").BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil && e.Record.GetString("status") != e.Record.Original().GetString("status") && e.Record.GetString("decided_by") == "" {
			e.Record.Set("decided_by", e.Auth.Email())
		}
		return e.Next()
	})
	app.OnRecordUpdate("rewards").BindFunc(func(e *core.RecordEvent) error {
		from, to := e.Record.Original().GetString("status"), e.Record.GetString("status")
		if from == to {
			return e.Next()
		}
		field := map[string]string{rewards.Approved: "approved_at", rewards.Fulfilled: "fulfilled_at", rewards.Declined: "declined_at"}[to]
		if field != "" && e.Record.GetDateTime(field).IsZero() {
			e.Record.Set(field, time.Now().UTC())
		}
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if err := e.Next(); err != nil {
				return err
			}
			if to == rewards.Fulfilled {
				return rewards.QueueFulfilled(tx, e.Record)
			}
			return nil
		})
	})
}

// wallCollections hold what the Wall of Thanks shows.
var wallCollections = []string{"customers", "referrals", "rewards", "tiers"}

// bindWall tells the kept Wall of Thanks when what it shows changed.
func bindWall(app core.App) {
	changed := func(e *core.ModelEvent) error {
		rewards.WallChanged(e.App)
		return e.Next()
	}
	app.OnModelAfterCreateSuccess(wallCollections...).BindFunc(changed)
	app.OnModelAfterUpdateSuccess(wallCollections...).BindFunc(changed)
	app.OnModelAfterDeleteSuccess(wallCollections...).BindFunc(changed)
}
