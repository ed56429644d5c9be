package asks

import (
	"fmt"
	"strings"
)

// The ask statuses, in the order an ask moves through them.
const (
	Queued   = "queued"
	Failed   = "failed"
	Sent     = "sent"
	Clicked  = "clicked"
	Referred = "referred"
)

// statusOrder ranks the statuses: an ask only moves up. Failed ranks below
// sent because the outbox retries a failed email and the ask then follows it
// to sent; a sent email never fails afterwards.
var statusOrder = map[string]int{Queued: 0, Failed: 1, Sent: 2, Clicked: 3, Referred: 4}

// CheckStatus says whether an ask may move from one status to another. The
// moves Warmloop makes are all forward: its email is sent or fails (the
// outbox worker; a failed one may still be sent on a retry), the customer
// opens its page (clicked, from queued, failed or sent), and refers someone
// (referred, from any other status). Referred is final, and nothing moves
// back: an ask is never queued again, a sent one never fails, a clicked one
// is never merely sent.
func CheckStatus(from, to string) error {
	if from == to {
		return nil
	}
	rankTo, known := statusOrder[to]
	if !known {
		return fmt.Errorf("%q is not an ask status: use %s", to, statusList())
	}
	rankFrom, known := statusOrder[from]
	switch {
	case !known:
		return nil // a stored status the schema no longer knows: let it be corrected
	case from == Referred:
		return fmt.Errorf("an ask that is referred is final: it cannot move to %s", to)
	case rankTo < rankFrom:
		return fmt.Errorf("an ask cannot move back from %s to %s: its status only moves forward (%s)", from, to, statusList())
	}
	return nil
}

// statusList names the statuses in order, for messages.
func statusList() string {
	return strings.Join([]string{Queued, Failed, Sent, Clicked, Referred}, ", ")
}
