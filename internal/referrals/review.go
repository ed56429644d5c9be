package referrals

import (
	"errors"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// ErrNotAwaitingReview refuses to accept or reject a referral that is no
// longer waiting for review.
var ErrNotAwaitingReview = errors.New("this referral is no longer waiting for review")

// awaitingReview is AwaitsReview in SQL, on the referrals aliased r.
const awaitingReview = "r.flag NOT IN ('', '" + Unconfirmed + "') AND r.status != 'lost'"

// AwaitsReview reports whether a referral waits for an admin's review:
// flagged, and not rejected (a rejected referral is lost and keeps its
// flag). One waiting for its referee to confirm waits for them, not for an
// admin.
func AwaitsReview(referral *core.Record) bool {
	flag := referral.GetString("flag")
	return flag != "" && flag != Unconfirmed && referral.GetString("status") != Lost
}

// Accept settles a held referral in its favour: the flag is cleared, so it
// counts from now (the referrals hook recomputes the referrer's rewards).
func Accept(app core.App, referral *core.Record) error {
	if !AwaitsReview(referral) {
		return ErrNotAwaitingReview
	}
	referral.Set("flag", "")
	return app.Save(referral)
}

// Reject settles a held referral against it: it is marked lost and keeps
// its flag, so it never counts. flagName is how people call the flag
// ("Duplicate"); the lost reason names it.
func Reject(app core.App, referral *core.Record, flagName string) error {
	if !AwaitsReview(referral) {
		return ErrNotAwaitingReview
	}
	referral.Set("status", Lost)
	referral.Set("lost_reason", "Rejected in review: "+strings.ToLower(flagName))
	return app.Save(referral)
}
