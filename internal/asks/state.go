package asks

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/program"
)

// The customer's place in the cadence is three fields: touch (asks sent in
// the current cycle), next_ask_at (when the next is due; empty when none is)
// and last_asked_at. This file is the only code that writes them.

// cadenceFields are the three fields of the customer's place in the cadence.
var cadenceFields = []string{"touch", "next_ask_at", "last_asked_at"}

// decidedFields are the fields deciding a moment may change on a customer:
// their place in the cadence and the date of their latest happy moment.
var decidedFields = append(slices.Clip(cadenceFields), "last_happy_at")

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

// saveCadenceStates writes the state that applyStep and markAsked (and
// deciding a moment) set on many loaded customers, in the fields named, with
// the updated date stamped as a save would, in one UPDATE per distinct
// change: the customers of a cadence batch move to a handful of states (the
// touch they reached, the same next date), so a batch of hundreds costs a
// few statements. Only the named fields that changed are written; the rest
// of each row is left as it was.
func saveCadenceStates(tx core.App, customers []*core.Record, fields []string, stamp types.DateTime) error {
	type change struct {
		params dbx.Params
		ids    []any
	}
	var order []string
	changes := map[string]*change{}
	for _, c := range customers {
		params := dbx.Params{}
		var key strings.Builder
		original := c.Original()
		for _, f := range fields {
			now, err := storedValue(c, f)
			if err != nil {
				return fmt.Errorf("customer %s: %w", c.Id, err)
			}
			was, err := storedValue(original, f)
			if err != nil {
				return fmt.Errorf("customer %s: %w", c.Id, err)
			}
			if fmt.Sprint(now) != fmt.Sprint(was) {
				params[f] = now
				fmt.Fprintf(&key, "%s=%v;", f, now)
			}
		}
		if len(params) == 0 {
			continue
		}
		ch, ok := changes[key.String()]
		if !ok {
			for _, f := range c.Collection().Fields {
				if af, isDate := f.(*core.AutodateField); isDate && af.OnUpdate {
					params[af.Name] = stamp
				}
			}
			ch = &change{params: params}
			changes[key.String()] = ch
			order = append(order, key.String())
		}
		ch.ids = append(ch.ids, c.Id)
	}
	for _, k := range order {
		ch := changes[k]
		if _, err := tx.DB().Update("customers", ch.params, dbx.In("id", ch.ids...)).Execute(); err != nil {
			return fmt.Errorf("moving %d customers on in the cadence: %w", len(ch.ids), err)
		}
	}
	return nil
}

// storedValue is the value a save of r stores in its field name.
func storedValue(r *core.Record, name string) (any, error) {
	if f, ok := r.Collection().Fields.GetByName(name).(core.DriverValuer); ok {
		return f.DriverValue(r)
	}
	return r.GetRaw(name), nil
}
