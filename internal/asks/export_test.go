package asks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// PassBatch is how many due customers one transaction of a pass moves.
const PassBatch = passBatch

// TouchThroughRecords moves one due customer on as the cadence pass did
// before it batched its writes: the customer found by id, then one record
// save each for the ask, its outbox email and the customer, all through
// PocketBase's record path. Tests compare the pass's rows with its.
func TouchThroughRecords(app core.App, customerID string, now time.Time) error {
	settings, err := program.Load(app)
	if err != nil {
		return err
	}
	rule := CadenceOf(settings)
	return app.RunInTransaction(func(tx core.App) error {
		c, err := tx.FindRecordById("customers", customerID)
		if err != nil {
			return err
		}
		step := rule.Due(c.GetInt("touch"), c.GetBool("opted_out"), now)
		if step.Ask {
			if err := createAsk(tx, settings, c, "", step.Touch, now); err != nil {
				return err
			}
			markAsked(c, step.Touch, now, step.NextAskAt)
		} else {
			applyStep(c, step)
		}
		return tx.SaveNoValidate(c)
	})
}
