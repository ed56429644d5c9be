package asks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// PassReport says what one cadence pass did.
type PassReport struct {
	Asked, Rested int
}

// passBatch is how many due customers one query of a pass reads and one
// transaction moves: their asks, their emails and their cadence state
// commit together. A pass pays one commit per batch, not one per customer,
// and holds the write lock for one batch at a time (tens of milliseconds),
// so webhooks and page visits wait little behind it.
const passBatch = 50

// RunCadence makes one pass of the cadence at now: every customer whose
// next_ask_at has come gets the next touch (an ask and its outbox email) or,
// with the cycle spent, rests until their next happy moment. Each batch of
// customers is one transaction, so a crash or an error mid-pass leaves every
// customer either moved on with their ask queued or untouched and still due:
// the next pass asks them, and nobody twice. The query walks the
// next_ask_at index, so a pass costs in proportion to the customers due, not
// to all customers.
func RunCadence(app core.App, now time.Time) (PassReport, error) {
	var rep PassReport
	settings, err := program.Load(app)
	if err != nil {
		return rep, err
	}
	rule := CadenceOf(settings)
	cutoff := now.UTC().Format("2006-01-02 15:04:05.000Z")
	for {
		var ids []string
		err := app.DB().Select("id").From("customers").
			Where(dbx.NewExp("next_ask_at != '' AND next_ask_at <= {:now}", dbx.Params{"now": cutoff})).
			OrderBy("next_ask_at").Limit(passBatch).Column(&ids)
		if err != nil || len(ids) == 0 {
			return rep, err
		}
		var batch PassReport
		err = app.RunInTransaction(func(tx core.App) error {
			batch = PassReport{}
			for _, id := range ids {
				c, err := tx.FindRecordById("customers", id)
				if err != nil {
					return err
				}
				step := rule.Due(c.GetInt("touch"), c.GetBool("opted_out"), now)
				if step.Ask {
					if err := createAsk(tx, settings, c, "", step.Touch, now); err != nil {
						return err
					}
					markAsked(c, step.Touch, now, step.NextAskAt)
					batch.Asked++
				} else {
					applyStep(c, step)
					batch.Rested++
				}
				if err := tx.SaveNoValidate(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
		rep.Asked += batch.Asked
		rep.Rested += batch.Rested
	}
}
