package referrals

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/mail"
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
	Referral *core.Record // the new referral; nil when the person was known or a cap refused it
	Known    bool         // already a customer, or introduced in the last 180 days
	Refused  Refusal      // the cap it went over (caps.go); "" when none
	Limit    int          // that cap's number
}

// Refer makes the referral in one transaction: the referral (invited, with a
// fresh code, attributed to the referrer and the ask; the referrals hooks add
// its first history entry, the sales note and webhook), the ask marked referred, and the introduction email in the outbox
// when the referrer introduced someone else. A person already known creates
// nothing, and whoever introduced them first keeps the attribution. A
// referrer who opted out is ErrOptedOut, and an introduction over a cap is
// refused (caps.go): neither writes a referral or sends anything.
func Refer(app core.App, in Introduction) (Outcome, error) {
	var out Outcome
	email := customers.CanonicalEmail(in.Form.RefereeEmail)
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
		coll, err := tx.FindCachedCollectionByNameOrId("referrals")
		if err != nil {
			return err
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
		r.Set("status", "invited")
		r.Set("channel", in.Channel)
		if SameCompany(in.Referrer.GetString("email"), email) {
			r.Set("flag", "self_referral")
		}
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("saving the referral: %w", err)
		}
		if in.Ask != nil {
			if err := markReferred(tx, in.Ask, in.Now); err != nil {
				return err
			}
		}
		if in.Channel == Landing {
			if err := mail.QueueIntro(tx, r, in.Referrer, in.Form.CopyMe); err != nil {
				return err
			}
			// The landing form asks for consent to the wall each time; the
			// latest answer stands.
			if in.Referrer.GetBool("wall_opt_in") != in.Form.OnWall {
				in.Referrer.Set("wall_opt_in", in.Form.OnWall)
				if err := tx.SaveNoValidate(in.Referrer); err != nil {
					return err
				}
			}
		}
		out.Referral = r
		return nil
	})
	if err == nil && out.Refused != "" {
		logRefusal(app, in, out)
	}
	return out, err
}

// isKnown reports whether an email belongs to a customer, to someone
// introduced within KnownFor, or to someone who ever declined: Warmloop
// never writes to them again.
func isKnown(tx core.App, email string, now time.Time) (bool, error) {
	var n int
	err := tx.DB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM customers WHERE email = {:email}) +
		(SELECT COUNT(*) FROM referrals WHERE referee_email = {:email}
			AND (created >= {:since} OR lost_reason = 'declined'))`).
		Bind(dbx.Params{"email": email, "since": now.Add(-KnownFor).UTC().Format(types.DefaultDateLayout)}).
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
