package referrals

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// Channels a referral can come through (the referrals' channel values).
const (
	Landing   = "landing"    // the referrer sent the form on /r/{token}
	ShareLink = "share_link" // a visitor introduced themself on /s/{code}
	OwnEmail  = "email"      // the same, through the link in the referrer's own email
)

// Introduction is one referral about to be made.
type Introduction struct {
	Referrer *core.Record
	Ask      *core.Record // the ask it answers; nil through a share link
	Form     Form         // cleaned and valid
	Channel  string
	Now      time.Time
}

// Outcome says what Refer did.
type Outcome struct {
	Referral *core.Record // the new referral; nil when none was made
	Known    bool         // already a customer, introduced in the last 180 days, or declined
	Waiting  bool         // through a share link: a confirmation already went to this address today
	Refused  Refusal      // the cap it went over (caps.go); "" when none
	Limit    int          // that cap's number
}

// Refer makes the referral in one transaction: the referral (invited, with a
// fresh code, attributed to the referrer and the ask; the referrals hooks
// add its first history entry, the sales note and webhook), the ask marked
// referred, and the introduction email in the outbox when the referrer
// introduced someone else. A person already known creates nothing, and
// whoever introduced them first keeps the attribution. A referrer who opted
// out is ErrOptedOut, and an introduction over a cap is refused (caps.go):
// neither writes a referral or sends anything.
//
// Someone who introduces themself through a share link may not own the
// address they give, so their referral is made Unconfirmed and the only
// email is the confirmation to that address (mail.QueueShareConfirmation);
// it counts once they confirm (Confirm). A second share-link introduction
// of the same address within AskAgainAfter makes nothing and sends nothing.
func Refer(app core.App, in Introduction) (Outcome, error) {
	var out Outcome
	email := customers.CanonicalEmail(in.Form.RefereeEmail)
	self := in.Channel == ShareLink || in.Channel == OwnEmail
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		if out.Refused, out.Limit, err = mayRefer(tx, in); err != nil || out.Refused != "" {
			return err
		}
		known, err := isKnown(tx, email, in.Now)
		if err != nil || known {
			out.Known = known
			return err
		}
		if self {
			if out.Waiting, err = awaitingConfirmation(tx, email, in.Now); err != nil || out.Waiting {
				return err
			}
		}
		r, err := newReferral(tx, in, email)
		if err != nil {
			return err
		}
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("saving the referral: %w", err)
		}
		if in.Ask != nil {
			if err := markReferred(tx, in.Ask, in.Now); err != nil {
				return err
			}
		}
		out.Referral = r
		if self {
			s, err := program.Load(tx)
			if err != nil {
				return err
			}
			return mail.QueueShareConfirmation(tx, s, r, in.Referrer)
		}
		if in.Channel == Landing {
			return introduce(tx, in, r)
		}
		return nil
	})
	if err == nil && out.Refused != "" {
		logRefusal(app, in, out)
	}
	return out, err
}

// newReferral is the unsaved referral of an introduction: flagged
// Unconfirmed when the person introduced themself, self_referral when a
// referrer introduced a colleague at their own company domain.
func newReferral(tx core.App, in Introduction, email string) (*core.Record, error) {
	coll, err := tx.FindCachedCollectionByNameOrId("referrals")
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(coll)
	r.Set("referrer", in.Referrer.Id)
	if in.Ask != nil {
		r.Set("ask", in.Ask.Id)
	}
	r.Set("referee_name", in.Form.RefereeName)
	r.Set("referee_email", email)
	r.Set("referee_company", in.Form.RefereeCompany)
	r.Set("message", in.Form.Message)
	r.Set("status", Invited)
	r.Set("channel", in.Channel)
	SetActor(r, ActorReferrer)
	switch {
	case in.Channel == ShareLink || in.Channel == OwnEmail:
		r.Set("flag", Unconfirmed)
		SetActor(r, ActorReferee) // they introduced themself
	case SameCompany(in.Referrer.GetString("email"), email):
		r.Set("flag", "self_referral")
	}
	return r, nil
}

// introduce queues the introduction a referrer sent from their landing page
// and records their latest answer on the Wall of Thanks.
func introduce(tx core.App, in Introduction, r *core.Record) error {
	if err := mail.QueueIntro(tx, r, in.Referrer, in.Form.CopyMe); err != nil {
		return err
	}
	// The landing form asks for consent to the wall each time; the latest
	// answer stands.
	if in.Referrer.GetBool("wall_opt_in") != in.Form.OnWall {
		in.Referrer.Set("wall_opt_in", in.Form.OnWall)
		return tx.SaveNoValidate(in.Referrer)
	}
	return nil
}

// sameReferee is the SQL condition on referrals for "made of the address
// {:email}, whose match key is {:key}": the key finds its variants (a
// +tag, Gmail's dots), the address itself finds a row written without the
// hooks that fill the key.
const sameReferee = "(referee_key = {:key} OR referee_email = {:email})"

// matchKey is the one comparison of addresses, customers.MatchKey.
func matchKey(email string) string { return customers.MatchKey(email) }

// isKnown reports whether an email, or a variant of it that reaches the same
// mailbox (customers.MatchKey), belongs to a customer, to someone
// introduced within KnownFor, or to someone who ever declined: Warmloop
// never writes to them again. A share-link introduction not yet confirmed
// makes nobody known, unless its person declined.
func isKnown(tx core.App, email string, now time.Time) (bool, error) {
	var n int
	err := tx.DB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM customers WHERE email_key = {:key} OR email = {:email}) +
		(SELECT COUNT(*) FROM referrals WHERE ` + sameReferee + `
			AND (lost_reason = 'declined' OR (created >= {:since} AND flag != {:unconfirmed})))`).
		Bind(dbx.Params{"email": email, "key": matchKey(email), "unconfirmed": Unconfirmed,
			"since": now.Add(-KnownFor).UTC().Format(types.DefaultDateLayout)}).
		Row(&n)
	return n > 0, err
}

// markReferred moves the ask to referred; an ask that was never opened
// through its page (a share link, say) is stamped clicked too.
func markReferred(tx core.App, ask *core.Record, now time.Time) error {
	ask.Set("status", "referred")
	if ask.GetDateTime("clicked_at").IsZero() {
		ask.Set("clicked_at", now.UTC())
	}
	return tx.SaveNoValidate(ask)
}
