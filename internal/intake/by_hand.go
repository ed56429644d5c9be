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
}

// RecordByHand saves a moment an admin recorded, with source "dashboard",
// as having happened now. It goes through the record's hooks like a moment
// from the REST API: the moments hook decides it after the commit.
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
	return r, app.Save(r)
}
