package asks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// Renewal is what a request for a fresh link did.
type Renewal string

const (
	// Renewed: a new ask, with a fresh link, and its email are queued.
	Renewed Renewal = "renewed"
	// RenewedRecently: the customer was sent a fresh link within RenewGap,
	// so nothing more is sent.
	RenewedRecently Renewal = "renewed_recently"
	// RenewOptedOut: the customer opted out, so nothing is sent.
	RenewOptedOut Renewal = "opted_out"
	// RenewStillOpen: the link has not expired; it needs no renewing.
	RenewStillOpen Renewal = "still_open"
)

// RenewGap is the least time between two fresh links sent to one customer,
// however many expired links of theirs are pressed: whoever holds an old
// email cannot use it to fill the customer's inbox.
const RenewGap = 24 * time.Hour

// Renew answers a request, made on an expired ask's page, for a fresh link.
// In one transaction it writes a new ask (a fresh token and unsubscribe
// token, renewed_from the expired one, the same touch and message variant)
// and queues its email to the customer's own address on file: the request
// carries no address, so nobody can aim it elsewhere.
//
// A fresh link is the customer's own request, not a touch of the cadence:
// their place in it (touch, next_ask_at, last_asked_at) is left as it is.
// Nothing is sent when the customer opted out, when they were sent a fresh
// link within RenewGap, or when the link has not expired.
func Renew(app core.App, expired *core.Record, now time.Time) (Renewal, error) {
	var out Renewal
	err := app.RunInTransaction(func(tx core.App) error {
		s, err := program.Load(tx)
		if err != nil {
			return err
		}
		customer, err := tx.FindRecordById("customers", expired.GetString("customer"))
		if err != nil {
			return err
		}
		switch LinkOfRecords(s, expired, customer, now) {
		case LinkOptedOut:
			out = RenewOptedOut
			return nil
		case LinkOpen:
			out = RenewStillOpen
			return nil
		}
		if recent, err := renewedSince(tx, customer.Id, now.Add(-RenewGap)); err != nil || recent {
			out = RenewedRecently
			return err
		}
		copy, err := mail.CopyOf(tx, expired.GetString("variant"), expired.GetString("locale"))
		if err != nil {
			return err
		}
		out = Renewed
		_, err = writeAsk(tx, s, customer, copy, map[string]any{
			"touch": max(expired.GetInt("touch"), 1), "renewed_from": expired.Id,
		})
		return err
	})
	return out, err
}

// renewedSince reports whether a fresh link was made for the customer since
// a time, through the index on the customer's asks.
func renewedSince(tx core.App, customerID string, since time.Time) (bool, error) {
	var n int
	err := tx.DB().NewQuery(`SELECT COUNT(*) FROM asks
		WHERE customer = {:customer} AND renewed_from != '' AND created >= {:since}`).
		Bind(dbx.Params{"customer": customerID, "since": since.UTC().Format(types.DefaultDateLayout)}).Row(&n)
	return n > 0, err
}
