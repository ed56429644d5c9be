// Package intake takes in what arrives from outside: moments from webhooks,
// CSV files and integrations that know only an email (written once, however
// often the same delivery arrives), the NPS and booking payloads of each
// provider, the signatures that prove a webhook knows its secret, and the
// customers CSV.
package intake

import (
	"database/sql"
	"errors"
	"fmt"
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
	// Locale is the language the sending tool says the person reads; ""
	// when it says none. See WithLocale for what it changes.
	Locale string
}

// The dates a moment may have happened on: from EarliestMoment to a day
// after now. Nothing Warmloop counts happened before 2000, so an earlier date
// is a mistake (a tool's zero time, 1970, a two-digit year); the day of
// grace lets a tool whose clock or time zone runs ahead deliver a moment
// stamped "tomorrow", while a typo such as 9999-12-31 is refused before it
// can sort above every real moment for ever.
var EarliestMoment = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// momentGrace is how far past now a moment's time may be.
const momentGrace = 24 * time.Hour

// OccurredAtProblem says what is wrong with t as the time a moment
// happened, given the time now, or "" when nothing is. Every path that
// writes a moment asks it: the REST API and /_/ through the moments hook,
// the NPS webhooks and the CSV import before they write.
func OccurredAtProblem(t, now time.Time) string {
	latest := now.Add(momentGrace)
	if t.Before(EarliestMoment) || t.After(latest) {
		return fmt.Sprintf("must be a time from %s to %s (a day from now), not %s",
			EarliestMoment.Format(time.DateOnly), latest.UTC().Format(time.DateOnly), t.UTC().Format(time.DateOnly))
	}
	return ""
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
		var err error
		res, err = write(tx, m, nil)
		return err
	})
	if err != nil {
		return duplicateOf(app, m, err)
	}
	return res, nil
}

// duplicateOf turns the failure err of writing m, once undone, into the
// answer to a repeated delivery: a repeat fails on the unique (source,
// external_id) index, and nothing of it is written. Leaving the check to the
// index keeps the common case to one pass. Any other failure stays one.
func duplicateOf(app core.App, m Moment, err error) (Result, error) {
	if id, ok, lookupErr := existing(app, m.Source, m.ExternalID); lookupErr == nil && ok {
		return Result{ID: id, Duplicate: true}, nil
	}
	return Result{}, err
}

// write records m in tx: finds or makes its customer, and has the ask rule
// decide it, which saves the customer and the moment with its outcome (and
// the ask and its email, when it asks), each through the record path and
// its hooks. draws, when tx writes many moments, keeps the variants their
// asks are drawn from; nil reads them.
func write(tx core.App, m Moment, draws *asks.Draws) (Result, error) {
	customer, err := customers.FindOrNew(tx, m.Email, m.Name, m.Company)
	if err != nil {
		return Result{}, err
	}
	WithLocale(customer, m.Locale)
	r, err := newMoment(tx, m)
	if err != nil {
		return Result{}, err
	}
	decision, err := draws.DecideMomentOf(tx, r, customer, time.Now().UTC())
	if err != nil {
		return Result{}, err
	}
	return Result{ID: r.Id, Decision: string(decision)}, nil
}

// newMoment is m as an unsaved moment record, its customer not yet set.
func newMoment(tx core.App, m Moment) (*core.Record, error) {
	coll, err := tx.FindCachedCollectionByNameOrId("moments")
	if err != nil {
		return nil, err
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
	return r, nil
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
