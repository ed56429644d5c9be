package asks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/mail"
	"warmloop/internal/metrics"
	"warmloop/internal/program"
)

// PassReport says what one cadence pass did.
type PassReport struct {
	Asked, Rested int
}

// passBatch is how many due customers one query of a pass reads and one
// transaction moves: their asks, their emails and their cadence state
// commit together, each kind in a few statements. A pass pays one commit
// per batch, and holds the write lock for one batch at a time, so webhooks
// and page visits wait little behind it.
const passBatch = 500

// RunCadence makes one pass of the cadence at now: every customer whose
// next_ask_at has come gets the next touch (an ask and its outbox email) or,
// with the cycle spent or opted out, rests until their next happy moment.
// Each batch of customers is one transaction, which reads them and writes
// their moves, so a crash or an error mid-pass leaves every customer either
// moved on with their ask queued or untouched and still due: the next pass
// asks them, and nobody twice. The read walks the next_ask_at index from
// the first date to now, so a pass costs in proportion to the customers
// due, not to all customers.
func RunCadence(app core.App, now time.Time) (PassReport, error) {
	var rep PassReport
	settings, err := program.Load(app)
	if err != nil {
		return rep, err
	}
	rule := CadenceOf(settings)
	for {
		var batch PassReport
		err := app.RunInTransaction(func(tx core.App) error {
			var err error
			batch, err = moveBatch(app, tx, settings, rule, now)
			return err
		})
		if err != nil {
			return rep, err
		}
		if batch.Asked+batch.Rested == 0 {
			return rep, nil
		}
		// What the hooks would have told after each save: the figures
		// count asks and cadence state. (The Wall of Thanks, the other
		// reader of customers, shows nothing the cadence writes.)
		metrics.Changed(app)
		rep.Asked += batch.Asked
		rep.Rested += batch.Rested
	}
}

// moveBatch moves the next batch of due customers on, in the transaction
// tx of app: it reads them in one query, draws each ask's copy, and writes the
// asks, their emails and the customers' cadence state in a few statements
// each, with what the record path's saves would have filled in.
func moveBatch(app, tx core.App, s program.Settings, rule CadenceRule, now time.Time) (PassReport, error) {
	var rep PassReport
	due, err := dueCustomers(tx, now, passBatch)
	if err != nil || len(due) == 0 {
		return rep, err
	}
	stamp := types.NowDateTime()
	draw := newCopyDraw(tx)
	asks := make([]*core.Record, 0, len(due))
	emails := make([]*core.Record, 0, len(due))
	for _, c := range due {
		step := rule.Due(c.GetInt("touch"), c.GetBool("opted_out"), now)
		if !step.Ask {
			applyStep(c, step)
			rep.Rested++
			continue
		}
		copy, err := draw.draw(step.Touch, localesOf(s, c))
		if err != nil {
			return rep, err
		}
		ask, err := newAsk(tx, s, c, copy, map[string]any{"moment": "", "touch": step.Touch})
		if err != nil {
			return rep, err
		}
		if err := newRecordReady(ask, stamp); err != nil {
			return rep, err
		}
		email, err := mail.AskEmail(tx, s, c, ask.Id, copy)
		if err != nil {
			return rep, err
		}
		if err := newRecordReady(email, stamp); err != nil {
			return rep, err
		}
		asks = append(asks, ask)
		emails = append(emails, email)
		markAsked(c, step.Touch, now, step.NextAskAt)
		rep.Asked++
	}
	if err := insertRecords(app, tx, asks); err != nil {
		return rep, err
	}
	if err := insertRecords(app, tx, emails); err != nil {
		return rep, err
	}
	return rep, saveCadenceStates(tx, due, cadenceFields, stamp)
}
