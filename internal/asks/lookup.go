package asks

import (
	"database/sql"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
	"warmloop/internal/token"
)

// FindByToken finds an ask and its customer by the ask's token, the one
// credential of a referrer's landing page. A token that cannot be one is
// not looked up: it is sql.ErrNoRows, like an unknown one.
func FindByToken(app core.App, tok string) (ask, customer *core.Record, err error) {
	return findBy(app, "token", tok)
}

// FindByUnsubscribeToken finds an ask and its customer by the key of the
// ask email's unsubscribe link, which opens nothing but the unsubscribe
// page (and the ask's token never opens that page).
func FindByUnsubscribeToken(app core.App, tok string) (ask, customer *core.Record, err error) {
	return findBy(app, "unsubscribe_token", tok)
}

// findBy finds an ask by one of its keys, and its customer.
func findBy(app core.App, field, tok string) (ask, customer *core.Record, err error) {
	if !token.Plausible(tok) {
		return nil, nil, sql.ErrNoRows
	}
	// field is "token" or "unsubscribe_token", from this package, never a request.
	if ask, err = prepared.Record(app, "asks", "SELECT * FROM asks WHERE "+field+" = ? LIMIT 1", tok); err != nil {
		return nil, nil, err
	}
	customer, err = prepared.Record(app, "customers", "SELECT * FROM customers WHERE id = ?", ask.GetString("customer"))
	return ask, customer, err
}

// MarkClicked records the first visit of an ask's page: clicked_at, and the
// status clicked unless the ask has moved past it (a referred ask stays
// referred). It reads the ask in the transaction that writes it, so of many
// first visits at once (a busy page sees them) one records the click and
// the others change nothing.
func MarkClicked(app core.App, askID string, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		ask, err := tx.FindRecordById("asks", askID)
		if err != nil {
			return err
		}
		if !ask.GetDateTime("clicked_at").IsZero() {
			return nil
		}
		ask.Set("clicked_at", now.UTC())
		if CheckStatus(ask.GetString("status"), Clicked) == nil {
			ask.Set("status", Clicked)
		}
		return tx.SaveNoValidate(ask)
	})
}

// DecideUndecided decides every moment a crash left undecided (committed,
// but the process stopped before the rule ran), oldest first. A moment that
// fails is logged and left for the next start.
func DecideUndecided(app core.App, now time.Time) error {
	undecided, err := app.FindRecordsByFilter("moments", "decision = ''", "created", 0, 0)
	if err != nil {
		return err
	}
	for _, m := range undecided {
		if _, err := DecideMoment(app, m, now); err != nil {
			app.Logger().Error("deciding a moment failed", "moment", m.Id, "error", err)
		}
	}
	return nil
}
