package asks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// The customer's place in the cadence is three fields: touch (asks sent in
// the current cycle), next_ask_at (when the next is due; empty when none is)
// and last_asked_at. This file is the only code that writes them.

// applyStep puts a customer where a cadence step leaves them.
func applyStep(c *core.Record, step Step) {
	c.Set("touch", step.Touch)
	if step.NextAskAt.IsZero() {
		c.Set("next_ask_at", "")
	} else {
		c.Set("next_ask_at", step.NextAskAt)
	}
}

// markAsked records that a customer was sent touch at now, with the next
// touch due at next (zero: none).
func markAsked(c *core.Record, touch int, now, next time.Time) {
	applyStep(c, Step{Ask: true, Touch: touch, NextAskAt: next})
	c.Set("last_asked_at", now)
}

// startCycle enrols a customer in a new cycle whose first touch is due at next.
func startCycle(c *core.Record, next time.Time) {
	applyStep(c, Step{Touch: 0, NextAskAt: next})
}

// leaveCadence takes a customer out of the cadence until their next happy
// moment, keeping the touch count.
func leaveCadence(c *core.Record) {
	c.Set("next_ask_at", "")
}

// RestAfterReferral applies the cadence's after-referral step to a referrer,
// in the transaction that saves the referral: a new cycle that starts after
// the rest period. An opted-out referrer stays out.
func RestAfterReferral(tx core.App, referrerID string, now time.Time) error {
	settings, err := program.Load(tx)
	if err != nil {
		return err
	}
	c, err := tx.FindRecordById("customers", referrerID)
	if err != nil {
		return err
	}
	if c.GetBool("opted_out") {
		return nil
	}
	applyStep(c, CadenceOf(settings).AfterReferral(now))
	return tx.SaveNoValidate(c)
}
