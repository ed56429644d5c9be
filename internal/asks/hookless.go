package asks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// The cadence pass writes its asks and their emails through a prepared
// INSERT, and its customers' cadence state with a few UPDATEs, past the
// record layer. What the record path did for them is done here or in the
// pass:
//   - a save of a new record runs PocketBase's field interceptors, which draw
//     the id and every token and stamp the created and updated dates:
//     newRecordReady, with the same patterns;
//   - a save of a customer stamps updated: saveCadenceStates (state.go);
//   - the hooks' after-commit reactions: the dashboard's figures are told
//     after each batch commits (RunCadence);
//   - the record path saved without validation, so no validation hook ran,
//     and the customers' update hook only recomputes email_key from an
//     email the pass does not change.
// Live subscriptions to these collections (PocketBase's realtime) hear
// nothing of a pass.
//
// The NPS committer (internal/intake) writes its moments the same way,
// through a Writer and DecideNew; intake/direct.go says what it does in
// place of the hooks.

// newRecordReady fills what a save would on a new record: every empty text
// field with an autogenerate pattern (the id, the tokens), and the dates
// stamped on create.
func newRecordReady(r *core.Record, stamp types.DateTime) error {
	for _, f := range r.Collection().Fields {
		switch f := f.(type) {
		case *core.TextField:
			if f.AutogeneratePattern != "" && r.GetString(f.Name) == "" {
				v, err := security.RandomStringByRegex(f.AutogeneratePattern)
				if err != nil {
					return fmt.Errorf("drawing %s.%s: %w", r.Collection().Name, f.Name, err)
				}
				r.SetRaw(f.Name, v)
			}
		case *core.AutodateField:
			if f.OnCreate {
				r.SetRaw(f.Name, stamp)
			}
		}
	}
	return nil
}

// insertRecords writes new records of one collection, made ready by
// newRecordReady, through a Writer of their own.
func insertRecords(tx core.App, records []*core.Record) error {
	w := NewWriter(tx)
	defer w.Close()
	return w.Insert(records...)
}

// Writer writes new records, made ready by newRecordReady, as the record
// path stores them (each field's database value), in the transaction it
// was made for: one INSERT per collection, prepared when first needed and
// kept until Close, so a batch that writes many records of a kind parses
// its SQL once. (A statement of many rows costs more: SQLite's driver looks
// each bound value up among all of a statement's, and a statement that may
// fail halfway keeps a journal.)
type Writer struct {
	tx      core.App
	inserts map[string]*dbx.Query // by collection name
}

// NewWriter is a Writer over the transaction tx.
func NewWriter(tx core.App) *Writer {
	return &Writer{tx: tx, inserts: map[string]*dbx.Query{}}
}

// Close releases the prepared statements.
func (w *Writer) Close() {
	for _, q := range w.inserts {
		q.Close()
	}
	clear(w.inserts)
}

// Insert writes records, each new and made ready, and marks them saved.
func (w *Writer) Insert(records ...*core.Record) error {
	for _, r := range records {
		coll := r.Collection()
		insert, ok := w.inserts[coll.Name]
		if !ok {
			insert = w.tx.DB().NewQuery(insertSQL(coll)).Prepare()
			w.inserts[coll.Name] = insert
		}
		values, err := r.DBExport(w.tx)
		if err != nil {
			return fmt.Errorf("%s %s: %w", coll.Name, r.Id, err)
		}
		if _, err := insert.Bind(values).Execute(); err != nil {
			return fmt.Errorf("writing %s %s: %w", coll.Name, r.Id, err)
		}
		r.MarkAsNotNew()
	}
	return nil
}

// insertSQL is the INSERT of one row of coll, every field a named parameter.
func insertSQL(coll *core.Collection) string {
	columns := coll.Fields.FieldNames()
	var sql strings.Builder
	sql.WriteString("INSERT INTO {{" + coll.Name + "}} (")
	for i, c := range columns {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("[[" + c + "]]")
	}
	sql.WriteString(") VALUES (")
	for i, c := range columns {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("{:" + c + "}")
	}
	sql.WriteString(")")
	return sql.String()
}

// DecideNew is DecideMomentOf for a new moment written past the record
// layer, through w, in w's transaction: it applies the rule to the moment
// for customer (new, or loaded) at now, and writes the customer (inserted
// when new; their changed cadence state and latest happy moment when not),
// the moment with its decision and, when the rule asks, the ask and its
// outbox email, each with its id and tokens drawn and stamped with stamp.
// The new records are checked against their fields' rules first, as the
// record path's validating saves checked the customer and the moment.
// What the customers' and moments' hooks would add (a canonical email, the
// email_key, the comment cleaned, the customer.created event) is the
// caller's to do; the dashboard's figures are the caller's to tell once
// the transaction commits.
func (d *Draws) DecideNew(w *Writer, s program.Settings, moment, customer *core.Record, now time.Time, stamp types.DateTime) (Decision, error) {
	decision, err := decideOn(w.tx, s, moment, customer, now)
	if err != nil {
		return "", err
	}
	if customer.IsNew() {
		if err := w.readyAndChecked(customer, stamp); err != nil {
			return "", err
		}
		if err := w.Insert(customer); err != nil {
			return "", err
		}
	} else if err := saveCadenceStates(w.tx, []*core.Record{customer}, decidedFields, stamp); err != nil {
		return "", err
	}
	moment.Set("customer", customer.Id)
	moment.Set("decision", string(decision))
	if err := w.readyAndChecked(moment, stamp); err != nil {
		return "", err
	}
	if err := w.Insert(moment); err != nil {
		return "", err
	}
	if decision != Asked {
		return decision, nil
	}
	copy, err := d.chooseCopy(w.tx, 1, localesOf(s, customer))
	if err != nil {
		return "", fmt.Errorf("choosing the ask's copy: %w", err)
	}
	ask, err := newAsk(w.tx, s, customer, copy, map[string]any{"moment": moment.Id, "touch": 1})
	if err != nil {
		return "", err
	}
	if err := newRecordReady(ask, stamp); err != nil {
		return "", err
	}
	email, err := mail.AskEmail(w.tx, s, customer, ask.Id, copy)
	if err != nil {
		return "", err
	}
	if err := newRecordReady(email, stamp); err != nil {
		return "", err
	}
	return decision, w.Insert(ask, email)
}

// readyAndChecked makes a new record ready (newRecordReady) and checks each
// of its fields as a validating save would, but for its relations: those
// point at records this writer has just written or found.
func (w *Writer) readyAndChecked(r *core.Record, stamp types.DateTime) error {
	if err := newRecordReady(r, stamp); err != nil {
		return err
	}
	errs := validation.Errors{}
	for _, f := range r.Collection().Fields {
		if _, relation := f.(*core.RelationField); relation {
			continue
		}
		if err := f.ValidateValue(context.Background(), w.tx, r); err != nil {
			errs[f.GetName()] = err
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %w", r.Collection().Name, errs)
	}
	return nil
}
