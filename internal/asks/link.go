package asks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
)

// Link is what an ask's link may still do.
type Link int

const (
	// LinkOpen sends introductions.
	LinkOpen Link = iota
	// LinkExpired is older than the program's link life: it sends nothing
	// and offers the customer a fresh link by email instead.
	LinkExpired
	// LinkOptedOut belongs to a customer who opted out: nothing is sent on
	// their behalf, from this link or any other of theirs.
	LinkOptedOut
)

// LinkOf is the state at now of a link whose ask was made at created, for
// a customer who has or has not opted out, when links live maxAge. Opting
// out comes first, so an opted-out customer is never offered a fresh link.
// An ask with no creation time cannot be judged, so it counts as expired.
func LinkOf(created time.Time, optedOut bool, maxAge time.Duration, now time.Time) Link {
	switch {
	case optedOut:
		return LinkOptedOut
	case created.IsZero() || now.Sub(created) >= maxAge:
		return LinkExpired
	}
	return LinkOpen
}

// LinkOfRecords is LinkOf for an ask and its customer as records.
func LinkOfRecords(s program.Settings, ask, customer *core.Record, now time.Time) Link {
	return LinkOf(ask.GetDateTime("created").Time(), customer.GetBool("opted_out"), s.AskLinkAge(), now)
}
