package intake

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/metrics"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/internal/text"
)

// The committer writes its moments past the record layer: a record save
// runs PocketBase's hook chains, a validation query per relation and the
// SQL of its INSERT rebuilt and parsed anew, four times an answer
// (customer, moment, ask, email). Here the records go through an
// asks.Writer: a batch's new rows in a few many-row INSERTs at its end, or
// one prepared INSERT each when a batch is written again moment by moment.
// What the record path did for these saves is done as follows:
//   - the fields' own rules (the schema's checks of email, name, kind,
//     score, …) run on the new customer and the moment, as a validating save
//     ran them (asks.DecideNew); their relations point at records written or
//     found in the same transaction;
//   - the customers' hooks: the canonical email, its email_key, the default
//     source and clean tags (customers.Normalize, which the hooks run too) and the customer.created event, queued
//     in the transaction (customerCreated);
//   - the moments' validation hook: a time it happened that can be true
//     (OccurredAtProblem) and the comment cleaned (text.Block);
//   - the moments' after-create hook decides an undecided moment: these are
//     written decided;
//   - the after-commit hooks tell the dashboard's figures and the Wall of
//     Thanks that customers, moments and asks changed (Committer.write, once
//     a batch has committed);
//   - a loaded customer is updated only in the fields the decision changed
//     (their cadence state and latest happy moment), with updated stamped;
//     their email, and so the email_key the update hook recomputes, stay.
//     A decision that changes none of them leaves the row as it was, where
//     the record path's save stamped updated all the same.
// Live subscriptions to these collections (PocketBase's realtime) hear
// nothing of these writes, as they hear nothing of a cadence pass.
// Record, the CSV import and a batch that fails as a whole keep the record
// path.

// directWriter writes the moments of one batch transaction.
type directWriter struct {
	tx       core.App
	records  *asks.Writer
	draws    *asks.Draws
	settings program.Settings
	// byEmail finds the id of a customer by their canonical email, prepared
	// once for the batch.
	byEmail *dbx.Query
	// holding is set when the writer keeps the batch's new records for one
	// flush at its end (hold); emails are the canonical emails of the
	// moments it holds records for.
	holding bool
	emails  map[string]bool
}

// hold makes the writer keep the new records of the batch's moments and
// write them together at flush. A moment from someone whose records are
// held flushes them first: what is decided for a person reads their
// customer row and their latest ask.
func (w *directWriter) hold() {
	w.holding = true
	w.emails = map[string]bool{}
	w.records.Hold()
}

// flush writes the records held.
func (w *directWriter) flush() error {
	clear(w.emails)
	return w.records.Flush()
}

// newDirectWriter is a writer over the batch's transaction tx of app;
// Close it before the transaction ends.
func newDirectWriter(app, tx core.App) (*directWriter, error) {
	s, err := program.Load(tx)
	if err != nil {
		return nil, err
	}
	return &directWriter{tx: tx, records: asks.NewWriter(app, tx), draws: asks.NewDraws(app), settings: s,
		byEmail: tx.DB().NewQuery("SELECT [[id]] FROM {{customers}} WHERE [[email]] = {:email} LIMIT 1").Prepare()}, nil
}

// Close releases the writer's prepared statements.
func (w *directWriter) Close() {
	w.byEmail.Close()
}

// customer is customers.FindOrNew, asking first through the batch's
// prepared statement whether the email is known: most answers come from
// people the program has not met, and they are made without a query built
// and parsed for them.
func (w *directWriter) customer(m Moment) (*core.Record, error) {
	var id string
	err := w.byEmail.Bind(dbx.Params{"email": customers.CanonicalEmail(m.Email)}).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		c, err := customers.NewImported(w.tx, m.Email, m.Name, m.Company)
		if err != nil {
			return nil, err
		}
		// Its id is drawn as it is written, in time order like the
		// batch's other rows (asks.DecideNew), not at random: a random
		// id put each new customer on a page of its own in every index
		// that holds a customer's id.
		c.Id = ""
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	return customers.FindOrNew(w.tx, m.Email, m.Name, m.Company)
}

// write records m as write does, past the record layer.
func (w *directWriter) write(m Moment) (Result, error) {
	if w.holding {
		email := customers.CanonicalEmail(m.Email)
		if w.emails[email] {
			if err := w.flush(); err != nil {
				return Result{}, err
			}
		}
		w.emails[email] = true
	}
	customer, err := w.customer(m)
	if err != nil {
		return Result{}, err
	}
	created := customer.IsNew()
	if WithLocale(customer, m.Locale) && !created {
		if _, err := w.tx.DB().Update("customers", dbx.Params{"locale": customer.GetString("locale")},
			dbx.HashExp{"id": customer.Id, "locale": ""}).Execute(); err != nil {
			return Result{}, err
		}
	}
	if created {
		if field, problem := customers.Normalize(customer); problem != "" {
			return Result{}, fmt.Errorf("%s: %s", field, problem)
		}
	}
	moment, err := newMoment(w.tx, m)
	if err != nil {
		return Result{}, err
	}
	now := time.Now().UTC()
	if problem := OccurredAtProblem(moment.GetDateTime("occurred_at").Time(), now); problem != "" {
		return Result{}, fmt.Errorf("moments: occurred_at %s", problem)
	}
	moment.Set("comment", text.Block(moment.GetString("comment")))
	decision, err := w.draws.DecideNew(w.records, w.settings, moment, customer, now, types.NowDateTime())
	if err != nil {
		return Result{}, err
	}
	if created {
		if err := customerCreated(w.tx, w.settings, customer); err != nil {
			return Result{}, err
		}
	}
	return Result{ID: moment.Id, Decision: string(decision)}, nil
}

// customerCreated queues the customer.created event for the program's
// webhook endpoint, as the customers' create hook does for every other path.
func customerCreated(tx core.App, s program.Settings, customer *core.Record) error {
	if !outbox.Wants(s.WebhookURL, s.WebhookEvents, "customer.created") {
		return nil // no endpoint takes it: its payload is not built
	}
	return outbox.QueueEvent(tx, s.WebhookURL, s.WebhookEvents, "customer.created",
		map[string]any{"customer": referrals.Sendable(customer)})
}

// told tells the dashboard's figures and the Wall of Thanks that a batch of
// moments, with their customers and asks, committed.
func told(app core.App) {
	metrics.Changed(app)
	rewards.WallChanged(app)
}
