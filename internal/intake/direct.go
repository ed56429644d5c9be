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
	"warmloop/internal/prepared"
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
	app, tx  core.App
	records  *asks.Writer
	draws    *asks.Draws
	settings program.Settings
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
// it is good for that transaction only.
func newDirectWriter(app, tx core.App) (*directWriter, error) {
	s, err := program.Load(tx)
	if err != nil {
		return nil, err
	}
	return &directWriter{app: app, tx: tx, records: asks.NewWriter(app, tx), draws: asks.NewDraws(app), settings: s}, nil
}

// byEmail finds the id of a customer by their canonical email, through a
// statement prepared once on the writing connection.
const byEmail = "SELECT id FROM customers WHERE email = ? LIMIT 1"

// draft is what writing a moment needs that reads nothing a batch writes:
// the canonical email, the customer the moment makes when the program has
// not met them, and the moment's record, its comment cleaned and its time
// checked. The committer's one goroutine is the intake's bottleneck, so
// Committer.Record makes the draft in the request's own goroutine, before
// the moment queues, and the batch uses it once: a batch written again
// moment by moment makes its drafts anew, the first attempt's records
// being changed by it.
type draft struct {
	email string
	// customer is the new customer; problem, why one could not be made,
	// which matters only when the email is unknown.
	customer *core.Record
	problem  error
	moment   *core.Record
	// err refuses the moment itself.
	err error
}

// newDraft drafts m in app at now.
func newDraft(app core.App, m Moment, now time.Time) *draft {
	d := &draft{email: customers.CanonicalEmail(m.Email)}
	d.customer, d.problem = newCustomer(app, m)
	moment, err := newMoment(app, m)
	if err != nil {
		return &draft{err: err}
	}
	if problem := OccurredAtProblem(moment.GetDateTime("occurred_at").Time(), now); problem != "" {
		return &draft{err: fmt.Errorf("moments: occurred_at %s", problem)}
	}
	moment.Set("comment", text.Block(moment.GetString("comment")))
	d.moment = moment
	return d
}

// newCustomer is the customer m makes when the program has not met them,
// their fields made as the customers' hooks make them (customers.Normalize)
// and in the language m gives.
func newCustomer(app core.App, m Moment) (*core.Record, error) {
	c, err := customers.NewImported(app, m.Email, m.Name, m.Company)
	if err != nil {
		return nil, err
	}
	// Its id is drawn as it is written, in time order like the batch's
	// other rows (asks.DecideNew), not at random: a random id put each new
	// customer on a page of its own in every index that holds a customer's
	// id.
	c.Id = ""
	WithLocale(c, m.Locale)
	if field, problem := customers.Normalize(c); problem != "" {
		return nil, fmt.Errorf("%s: %s", field, problem)
	}
	return c, nil
}

// customer finds the customer the draft's email belongs to, asking through
// a prepared statement whether the email is known: most answers come from
// people the program has not met, and they are the draft's new customer,
// made without a query built and parsed for them.
func (w *directWriter) customer(m Moment, d *draft) (*core.Record, error) {
	var id string
	err := prepared.RowOnWriter(w.app, w.tx, byEmail, []any{d.email}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return d.customer, d.problem
	}
	if err != nil {
		return nil, err
	}
	c, err := customers.FindOrNew(w.tx, m.Email, m.Name, m.Company)
	if err != nil {
		return nil, err
	}
	if WithLocale(c, m.Locale) {
		if _, err := w.tx.DB().Update("customers", dbx.Params{"locale": c.GetString("locale")},
			dbx.HashExp{"id": c.Id, "locale": ""}).Execute(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// write records m, drafted as d (nil: drafted here), as write does, past
// the record layer.
func (w *directWriter) write(m Moment, d *draft) (Result, error) {
	now := time.Now().UTC()
	if d == nil {
		d = newDraft(w.tx, m, now)
	}
	if d.err != nil {
		return Result{}, d.err
	}
	if w.holding {
		if w.emails[d.email] {
			if err := w.flush(); err != nil {
				return Result{}, err
			}
		}
		w.emails[d.email] = true
	}
	customer, err := w.customer(m, d)
	if err != nil {
		return Result{}, err
	}
	created := customer.IsNew()
	decision, err := w.draws.DecideNew(w.records, w.settings, d.moment, customer, now, types.NowDateTime())
	if err != nil {
		return Result{}, err
	}
	if created {
		if err := customerCreated(w.tx, w.settings, customer); err != nil {
			return Result{}, err
		}
	}
	return Result{ID: d.moment.Id, Decision: string(decision)}, nil
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
