package referrals

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// LogMove records one move of a referral, from a status ("" when it is made) to
// another, at a time, in the caller's transaction.
func LogMove(tx core.App, referralID, from, to string, at time.Time, note string) error {
	coll, err := tx.FindCachedCollectionByNameOrId("referral_events")
	if err != nil {
		return err
	}
	ev := core.NewRecord(coll)
	ev.Set("referral", referralID)
	ev.Set("from_status", from)
	ev.Set("to_status", to)
	ev.Set("at", at.UTC())
	ev.Set("note", note)
	return tx.SaveNoValidate(ev)
}

type quietKey struct{}

// Quiet marks a context whose saves write their own history and set off
// nothing: the demo seeds a past that already happened.
func Quiet(ctx context.Context) context.Context {
	return context.WithValue(ctx, quietKey{}, true)
}

// IsQuiet reports whether a save's context was marked Quiet.
func IsQuiet(ctx context.Context) bool {
	q, _ := ctx.Value(quietKey{}).(bool)
	return q
}
