package referrals

import (
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/program"
)

// Every introduction sent from the landing page goes out from the
// company's sender with the referrer's note in it, to an address the
// referrer typed. So that one link cannot become a spam cannon, Refer
// refuses, in the transaction that would write it, an introduction over
// either cap of the settings: an ask link's introductions in any 24 hours
// (ask_intros_per_day), and a referrer's from all their links in any 7 days
// (referrer_intros_per_week). It counts the referrals already made, so
// concurrent posts cannot pass a cap between them. A refused introduction
// writes nothing but a row in refusals (which cap, whose link, when: never
// what was typed), and is logged with the same.
//
// Only introductions Warmloop emails count: a visitor who introduces
// themself through a share link gets no introduction email.

// Refusal names the cap an introduction was refused over.
type Refusal string

const (
	OverAskDay       Refusal = "ask_day"       // the ask link sent its introductions of the last 24 hours
	OverReferrerWeek Refusal = "referrer_week" // the referrer sent theirs of the last 7 days
)

// The windows the caps count in.
const (
	AskCapWindow      = 24 * time.Hour
	ReferrerCapWindow = 7 * 24 * time.Hour
)

// ErrOptedOut is Refer's answer for a referrer who opted out: nothing is
// sent on their behalf, through any of their links.
var ErrOptedOut = errors.New("the referrer opted out: nothing is sent on their behalf")

// mayRefer is ErrOptedOut for a referrer who opted out, else the cap the
// introduction would go over, with its number ("" when none).
func mayRefer(tx core.App, in Introduction) (Refusal, int, error) {
	if err := refuseOptedOut(tx, in.Referrer.Id); err != nil {
		return "", 0, err
	}
	return overCap(tx, in)
}

// refuseOptedOut is ErrOptedOut when the referrer has opted out, read again
// in the transaction so a referrer who opted out a moment ago is refused.
func refuseOptedOut(tx core.App, referrerID string) error {
	var out bool
	err := tx.DB().Select("opted_out").From("customers").Where(dbx.HashExp{"id": referrerID}).Row(&out)
	if err == nil && out {
		return ErrOptedOut
	}
	return err
}

// overCap is the cap an introduction would go over, with its limit, or ""
// when it goes over none; a refusal is recorded in tx.
func overCap(tx core.App, in Introduction) (Refusal, int, error) {
	if in.Channel != Landing {
		return "", 0, nil
	}
	s, err := program.Load(tx)
	if err != nil {
		return "", 0, err
	}
	kind, limit := Refusal(""), 0
	if in.Ask != nil {
		n, err := countSince(tx, "ask = {:id}", in.Ask.Id, in.Now.Add(-AskCapWindow))
		if err != nil {
			return "", 0, err
		}
		if n >= s.AskDayCap() {
			kind, limit = OverAskDay, s.AskDayCap()
		}
	}
	if kind == "" {
		n, err := countSince(tx, "referrer = {:id} AND channel = 'landing'", in.Referrer.Id, in.Now.Add(-ReferrerCapWindow))
		if err != nil {
			return "", 0, err
		}
		if n >= s.ReferrerWeekCap() {
			kind, limit = OverReferrerWeek, s.ReferrerWeekCap()
		}
	}
	if kind == "" {
		return "", 0, nil
	}
	return kind, limit, recordRefusal(tx, kind, limit, in)
}

// countSince counts the referrals matching where (with {:id}) made since a
// time, through the indexes on (ask, created) and (referrer, channel,
// created).
func countSince(tx core.App, where, id string, since time.Time) (int, error) {
	var n int
	err := tx.DB().NewQuery("SELECT COUNT(*) FROM referrals WHERE " + where + " AND created >= {:since}").
		Bind(dbx.Params{"id": id, "since": since.UTC().Format(types.DefaultDateLayout)}).Row(&n)
	return n, err
}

// recordRefusal writes the refusal: the cap, the referrer, the ask link.
func recordRefusal(tx core.App, kind Refusal, limit int, in Introduction) error {
	coll, err := tx.FindCachedCollectionByNameOrId("refusals")
	if err != nil {
		return err
	}
	r := core.NewRecord(coll)
	r.Set("kind", string(kind))
	r.Set("customer", in.Referrer.Id)
	if in.Ask != nil {
		r.Set("ask", in.Ask.Id)
	}
	r.Set("cap", limit)
	return tx.Save(r)
}

// logRefusal writes a refused introduction to the log, with the ids of the
// referrer and the ask and never anything typed (the referee's address is
// someone else's).
func logRefusal(app core.App, in Introduction, out Outcome) {
	ask := ""
	if in.Ask != nil {
		ask = in.Ask.Id
	}
	app.Logger().Warn("an introduction was refused over a cap",
		"cap", string(out.Refused), "limit", out.Limit, "customer", in.Referrer.Id, "ask", ask)
}

// RefusedSince counts the introductions refused over a cap since a time,
// for the dashboard.
func RefusedSince(app core.App, since time.Time) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM refusals WHERE created >= {:since}").
		Bind(dbx.Params{"since": since.UTC().Format(types.DefaultDateLayout)}).Row(&n)
	return n, err
}
