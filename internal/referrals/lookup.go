package referrals

import (
	"database/sql"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/prepared"
	"warmloop/internal/token"
)

// FindByCode finds a referral by its code, the one credential of the
// referee's personal page. A code that cannot be one is not looked up: it
// is sql.ErrNoRows, like an unknown one.
func FindByCode(app core.App, code string) (*core.Record, error) {
	if !token.Plausible(code) {
		return nil, sql.ErrNoRows
	}
	return prepared.Record(app, "referrals", "SELECT * FROM referrals WHERE code = ? LIMIT 1", code)
}

// LatestForAsk is the newest referral made from an ask, or nil.
func LatestForAsk(app core.App, askID string) (*core.Record, error) {
	latest, err := app.FindRecordsByFilter("referrals", "ask = {:ask}", "-created", 1, 0, dbx.Params{"ask": askID})
	if err != nil || len(latest) == 0 {
		return nil, err
	}
	return latest[0], nil
}

// LatestOpenByEmail is the newest referral of a referee's email, or of a
// variant of it that reaches the same mailbox (customers.MatchKey), that a
// booking can still move (invited, visited, or already booked), or nil. A
// referral still waiting for its referee to confirm is not one.
func LatestOpenByEmail(app core.App, email string) (*core.Record, error) {
	email = customers.CanonicalEmail(email)
	open, err := app.FindRecordsByFilter("referrals",
		"(referee_key = {:key} || referee_email = {:email}) && flag != {:unconfirmed} && "+
			"(status = {:invited} || status = {:visited} || status = {:booked})",
		"-created", 1, 0, dbx.Params{"email": email, "key": matchKey(email), "unconfirmed": Unconfirmed,
			"invited": Invited, "visited": Visited, "booked": Booked})
	if err != nil || len(open) == 0 {
		return nil, err
	}
	return open[0], nil
}

// IntroSentAt is when the introduction email carrying the referral's link
// was sent; zero when none was (a share link leads straight to the page)
// or it is still waiting in the outbox.
func IntroSentAt(app core.App, referralID string) (time.Time, error) {
	var at string
	err := prepared.Row(app, `SELECT COALESCE(MAX(sent_at), '') FROM outbox
		WHERE referral = ? AND kind = 'email' AND status = 'sent'
		AND json_extract(payload, '$.template') = 'intro_email'`, []any{referralID}, &at)
	if err != nil || at == "" {
		return time.Time{}, err
	}
	dt, err := types.ParseDateTime(at)
	return dt.Time(), err
}

// MarkVisited moves an invited referral to visited, the first time its
// referee opens their page; the referral's hooks record the move. It reads
// the referral again in the transaction that writes it, so of many first
// visits at once one records the move and the others change nothing.
func MarkVisited(app core.App, referral *core.Record) error {
	if referral.GetString("status") != Invited {
		return nil
	}
	status := Visited
	err := app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("referrals", referral.Id)
		if err != nil {
			return err
		}
		if status = fresh.GetString("status"); status != Invited {
			return nil
		}
		status = Visited
		fresh.Set("status", Visited)
		SetActor(fresh, ActorReferee)
		return tx.Save(fresh)
	})
	if err == nil {
		referral.Set("status", status)
	}
	return err
}

// Referrer is the customer who made a referral.
func Referrer(app core.App, referral *core.Record) (*core.Record, error) {
	return prepared.Record(app, "customers", "SELECT * FROM customers WHERE id = ?", referral.GetString("referrer"))
}
