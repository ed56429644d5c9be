// Package intake records moments that arrive from outside (webhooks, CSV,
// integrations that know only an email): it finds or creates the customer and
// writes the moment once, however often the same delivery arrives.
package intake

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
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
		customer, err := findOrNewCustomer(tx, m.Email, m.Name, m.Company)
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

// FindOrCreateCustomer returns the customer with email, creating one with
// source import when there is none: the tool that sent the moment knows
// them, so they are a customer.
func FindOrCreateCustomer(app core.App, email, name, company string) (*core.Record, error) {
	c, err := findOrNewCustomer(app, email, name, company)
	if err != nil || !c.IsNew() {
		return c, err
	}
	if err := app.Save(c); err != nil {
		return nil, err
	}
	return c, nil
}

// findOrNewCustomer returns the customer with email, or a new, unsaved one
// with source import.
func findOrNewCustomer(app core.App, email, name, company string) (*core.Record, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if c, err := app.FindFirstRecordByData("customers", "email", email); err == nil {
		return c, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	coll, err := app.FindCachedCollectionByNameOrId("customers")
	if err != nil {
		return nil, err
	}
	c := core.NewRecord(coll)
	if strings.TrimSpace(name) == "" {
		name = email[:strings.IndexByte(email, '@')]
	}
	c.Set("name", strings.TrimSpace(name))
	c.Set("email", email)
	c.Set("company", strings.TrimSpace(company))
	c.Set("source", "import")
	c.Id = core.GenerateDefaultRandomId()
	return c, nil
}
