package referrals

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// LogMove records one move of a referral, from a status ("" when it is made) to
// another, at a time, by an actor (see ActorOf), in the caller's transaction.
func LogMove(tx core.App, referralID, from, to string, at time.Time, note, actor string) error {
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
	ev.Set("actor", actor)
	return tx.SaveNoValidate(ev)
}
