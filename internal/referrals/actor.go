package referrals

import "github.com/pocketbase/pocketbase/core"

// The movers that are not a signed-in person, as the history names them.
// A signed-in person is named by signin.Actor ("Dana Lee (sales)"), and a
// REST API caller as "REST API: " and who they signed in as.
const (
	ActorReferrer = "the referrer"
	ActorReferee  = "the referee"
	ActorBooking  = "booking webhook"
	// ActorUnnamed is the mover of a save that named none: a Go program
	// or a command writing records directly.
	ActorUnnamed = "Warmloop"
)

// actorKey is where a referral about to be saved carries who moves it. It
// is a value on the record, not a field: it is never stored on the
// referral, and the REST API, which loads only fields, cannot set it. The
// referrals hooks read it when they write the move into referral_events.
const actorKey = "@actor"

// SetActor names who moves the referral in its next save.
func SetActor(referral *core.Record, actor string) { referral.SetRaw(actorKey, actor) }

// ActorOf is who moves the referral in this save, ActorUnnamed when no one
// was named.
func ActorOf(referral *core.Record) string {
	if a, _ := referral.GetRaw(actorKey).(string); a != "" {
		return a
	}
	return ActorUnnamed
}
