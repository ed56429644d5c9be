package referrals

import (
	"database/sql"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/token"
)

// FindByCode finds a referral by its code, the one credential of the
// referee's personal page. A code that cannot be one is not looked up: it
// is sql.ErrNoRows, like an unknown one.
func FindByCode(app core.App, code string) (*core.Record, error) {
	if !token.Plausible(code) {
		return nil, sql.ErrNoRows
	}
	return app.FindFirstRecordByData("referrals", "code", code)
}

// LatestForAsk is the newest referral made from an ask, or nil.
func LatestForAsk(app core.App, askID string) (*core.Record, error) {
	latest, err := app.FindRecordsByFilter("referrals", "ask = {:ask}", "-created", 1, 0, dbx.Params{"ask": askID})
	if err != nil || len(latest) == 0 {
		return nil, err
	}
	return latest[0], nil
}

// LatestOpenByEmail is the newest referral of a referee's email that a
// booking can still move (invited, visited, or already booked), or nil.
func LatestOpenByEmail(app core.App, email string) (*core.Record, error) {
	open, err := app.FindRecordsByFilter("referrals",
		"referee_email = {:email} && (status = {:invited} || status = {:visited} || status = {:booked})",
		"-created", 1, 0, dbx.Params{"email": email, "invited": Invited, "visited": Visited, "booked": Booked})
	if err != nil || len(open) == 0 {
		return nil, err
	}
	return open[0], nil
}

// MarkVisited moves an invited referral to visited, the first time its
// referee opens their page; the referral's hooks record the move.
func MarkVisited(app core.App, referral *core.Record) error {
	if referral.GetString("status") != Invited {
		return nil
	}
	referral.Set("status", Visited)
	return app.Save(referral)
}
