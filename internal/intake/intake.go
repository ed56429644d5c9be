// Package intake takes in what arrives from outside: moments from webhooks,
// CSV files and integrations that know only an email (written once, however
// often the same delivery arrives), the NPS and booking payloads of each
// provider, the signatures that prove a webhook knows its secret, and the
// customers CSV.
package intake

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
)

// Moment is a moment as it arrives, before it has a customer id.
type Moment struct {
	Email, Name, Company string
	Kind                 string
	Score                int
	Comment              string
	Source, ExternalID   string
	OccurredAt           time.Time
}

// Result says what Record did.
type Result struct {
	ID        string // the moment's id, new or existing
	Duplicate bool   // the same (source, external id) was recorded before
	Decision  string // what the ask rule decided, once it has run
}

// Record writes m as a moment in one transaction, creating the customer
// (source import) when the email is new. A repeated (source, external id)
// writes nothing and returns the first moment's id.
func Record(app core.App, m Moment) (Result, error) {
	var res Result
	err := app.RunInTransaction(func(tx core.App) error {
		customer, err := customers.FindOrNew(tx, m.Email, m.Name, m.Company)
		if err != nil {
			return err
		}
		coll, err := tx.FindCachedCollectionByNameOrId("moments")
		if err != nil {
			return err
		}
		r := core.NewRecord(coll)
		r.Set("kind", m.Kind)
		if m.Kind == "nps" {
			r.Set("score", m.Score)
		}
		r.Set("comment", m.Comment)
		r.Set("source", m.Source)
		r.Set("external_id", m.ExternalID)
		at := m.OccurredAt
		if at.IsZero() {
			at = time.Now().UTC()
		}
		r.Set("occurred_at", at)
		// The ask rule saves the customer and the moment with its outcome,
		// in this same transaction: all of it is written or none.
		decision, err := asks.DecideMomentOf(tx, r, customer, time.Now().UTC())
		if err != nil {
			return err
		}
		res.ID, res.Decision = r.Id, string(decision)
		return nil
	})
	if err != nil {
		// A repeated delivery fails on the unique (source, external_id)
		// index, and nothing of it is written; report the first one. Leaving
		// the check to the index keeps the common case to one transaction.
		if id, ok, lookupErr := existing(app, m.Source, m.ExternalID); lookupErr == nil && ok {
			return Result{ID: id, Duplicate: true}, nil
		}
		return Result{}, err
	}
	return res, nil
}

// existing finds the moment already recorded for (source, external id).
func existing(app core.App, source, externalID string) (string, bool, error) {
	if externalID == "" {
		return "", false, nil
	}
	var id string
	err := app.DB().Select("id").From("moments").
		Where(dbx.HashExp{"source": source, "external_id": externalID}).Limit(1).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return id, err == nil, err
}
