package intake

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// ByHand is a moment an admin records for a customer in the dashboard.
type ByHand struct {
	Customer, Kind, Comment string
	Score                   int
	HasScore                bool // an NPS answer's score; other kinds have none
	// Locale is the language the admin says the customer reads; "" for
	// the program's default. It goes through WithLocale, as a tool's does.
	Locale string
}

// RecordByHand saves a moment an admin recorded, with source "dashboard",
// as having happened now, and the language it names on a customer who has
// none yet (WithLocale, the REST API's customer_locale rule), both in one
// transaction. It goes through the record's hooks like a moment from the
// REST API: the moments hook decides it after the commit, in the language
// just stored.
func RecordByHand(app core.App, m ByHand, now time.Time) (*core.Record, error) {
	coll, err := app.FindCachedCollectionByNameOrId("moments")
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(coll)
	r.Set("customer", m.Customer)
	r.Set("kind", m.Kind)
	if m.HasScore {
		r.Set("score", m.Score)
	}
	r.Set("comment", m.Comment)
	r.Set("source", "dashboard")
	r.Set("occurred_at", now.UTC())
	return r, app.RunInTransaction(func(tx core.App) error {
		if m.Locale != "" {
			customer, err := tx.FindRecordById("customers", m.Customer)
			if err != nil {
				return err
			}
			if WithLocale(customer, m.Locale) {
				if err := tx.Save(customer); err != nil {
					return err
				}
			}
		}
		return tx.Save(r)
	})
}
