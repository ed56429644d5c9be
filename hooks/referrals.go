package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// bindReferrals gives a referrer a rest once they have referred: their touch
// cycle restarts after the rest period, so repeat referrers keep being asked.
func bindReferrals(app core.App) {
	app.OnRecordCreate("referrals").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return restReferrer(e.App, e.Record.GetString("referrer"), time.Now())
	})
}

// restReferrer applies the cadence's after-referral step to a referrer, in
// the transaction that saves the referral.
func restReferrer(app core.App, referrerID string, now time.Time) error {
	settings, err := program.Load(app)
	if err != nil {
		return err
	}
	c, err := app.FindRecordById("customers", referrerID)
	if err != nil {
		return err
	}
	if c.GetBool("opted_out") {
		return nil
	}
	step := settings.CadenceRule().AfterReferral(now)
	c.Set("touch", step.Touch)
	c.Set("next_ask_at", step.NextAskAt)
	return app.SaveNoValidate(c)
}
