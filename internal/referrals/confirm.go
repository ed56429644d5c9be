package referrals

import (
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Unconfirmed is the flag of a referral someone made of themself through a
// share link and has not yet confirmed by following the link emailed to the
// address they gave. Until then it counts for nothing: no reward tier
// (rewards count only referrals without a flag), no note to sales, no
// webhook, no rest for the referrer, no claim on the person (isKnown
// ignores it), and it is not on the dashboard's lists.
const Unconfirmed = "unconfirmed"

// ConfirmWithin is how long the link of a share link's confirmation can
// confirm; after that the person introduces themself again.
const ConfirmWithin = 7 * 24 * time.Hour

// AskAgainAfter is how long a share link's form waits before it emails the
// same address another confirmation: at most one a day, so nobody can use
// the form to fill someone's inbox.
const AskAgainAfter = 24 * time.Hour

// Why a confirmation does not confirm.
var (
	ErrConfirmExpired = errors.New("the confirmation link has expired")
	ErrAlreadyKnown   = errors.New("the person is already a customer or introduced by someone else")
)

// IsUnconfirmed reports whether a referral waits for its referee to confirm.
func IsUnconfirmed(referral *core.Record) bool {
	return referral.GetString("flag") == Unconfirmed
}

// ConfirmExpired reports whether an unconfirmed referral can no longer be
// confirmed.
func ConfirmExpired(referral *core.Record, now time.Time) bool {
	return IsUnconfirmed(referral) && now.Sub(referral.GetDateTime("created").Time()) > ConfirmWithin
}

// Confirm makes an unconfirmed referral a referral like any other: the
// person followed the link sent to their address and pressed the button on
// their page, so the referral moves from invited to visited, and the
// referrals hooks send what a new referral sets off (the note to sales, the
// webhook, the referrer's rewards), once. A colleague at the referrer's own
// company domain is held for review as a self-referral instead of counting
// at once. It is refused when the link has expired (ErrConfirmExpired), and
// when the person became known meanwhile, a customer or introduced by
// someone else (ErrAlreadyKnown): the referral then stays unconfirmed.
// A referral that is not unconfirmed is left as it is.
func Confirm(app core.App, referral *core.Record, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("referrals", referral.Id)
		if err != nil || !IsUnconfirmed(fresh) || fresh.GetString("status") == Lost {
			return err
		}
		if ConfirmExpired(fresh, now) {
			return ErrConfirmExpired
		}
		email := fresh.GetString("referee_email")
		known, err := isKnown(tx, email, now)
		if err != nil {
			return err
		} else if known {
			return ErrAlreadyKnown
		}
		referrer, err := tx.FindRecordById("customers", fresh.GetString("referrer"))
		if err != nil {
			return err
		}
		fresh.Set("flag", "")
		if SameCompany(referrer.GetString("email"), email) {
			fresh.Set("flag", "self_referral")
		}
		if fresh.GetString("status") == Invited {
			fresh.Set("status", Visited)
		}
		SetActor(fresh, ActorReferee)
		return tx.Save(fresh)
	})
}

// awaitingConfirmation reports whether the address was sent a share link's
// confirmation within AskAgainAfter that is still unanswered.
func awaitingConfirmation(tx core.App, email string, now time.Time) (bool, error) {
	var n int
	err := tx.DB().NewQuery(`SELECT COUNT(*) FROM referrals WHERE ` + sameReferee + `
		AND flag = {:unconfirmed} AND status != 'lost' AND created >= {:since}`).
		Bind(dbx.Params{"email": email, "key": matchKey(email), "unconfirmed": Unconfirmed,
			"since": now.Add(-AskAgainAfter).UTC().Format(types.DefaultDateLayout)}).Row(&n)
	return n > 0, err
}
