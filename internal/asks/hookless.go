package asks

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
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
				draw := drawByPattern
				if f.PrimaryKey && f.AutogeneratePattern == defaultIDPattern {
					draw = func(string) (string, error) { return orderedID(time.Now()) }
				}
				v, err := draw(f.AutogeneratePattern)
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

// insertRows is how many records one INSERT of insertRecords writes. Each
// INSERT that fires the figures' rollup triggers keeps a statement journal
// while it runs, a copy of every page it changes, made and freed anew per
// statement: a row per statement copies the same pages of the table, its
// indexes and the rollups again for every row. Fifty rows share one copy.
// (The driver looks each bound value up among the statement's earlier
// ones, so a statement of hundreds of rows binds slowly.)
const insertRows = 50

// insertRecords writes new records of one collection, made ready by
// newRecordReady, insertRows to a statement, and marks them saved.
func insertRecords(tx core.App, records []*core.Record) error {
	statements := map[int]*dbx.Query{} // by rows
	defer func() {
		for _, q := range statements {
			q.Close()
		}
	}()
	for start := 0; start < len(records); start += insertRows {
		chunk := records[start:min(start+insertRows, len(records))]
		coll := chunk[0].Collection()
		insert, ok := statements[len(chunk)]
		if !ok {
			insert = tx.DB().NewQuery(insertSQL(coll, len(chunk))).Prepare()
			statements[len(chunk)] = insert
		}
		params := dbx.Params{}
		for i, r := range chunk {
			if r.Collection().Id != coll.Id {
				return fmt.Errorf("writing %s and %s records in one INSERT", coll.Name, r.Collection().Name)
			}
			if err := rowParams(tx, r, i, params); err != nil {
				return err
			}
		}
		if _, err := insert.Bind(params).Execute(); err != nil {
			return fmt.Errorf("writing %d %s from %s: %w", len(chunk), coll.Name, chunk[0].Id, err)
		}
		for _, r := range chunk {
			r.MarkAsNotNew()
		}
	}
	return nil
}

// rowParams adds to params the database values of r, the row-th of its
// INSERT (see insertSQL).
func rowParams(tx core.App, r *core.Record, row int, params dbx.Params) error {
	values, err := r.DBExport(tx)
	if err != nil {
		return fmt.Errorf("%s %s: %w", r.Collection().Name, r.Id, err)
	}
	for k, v := range values {
		params[rowParam(row, k)] = v
	}
	return nil
}

// rowParam names the parameter of field in the row-th row of an INSERT.
// The row's number ends at the first underscore, so no two collide.
func rowParam(row int, field string) string { return "r" + strconv.Itoa(row) + "_" + field }

// Writer writes new records, made ready by newRecordReady, as the record
// path stores them (each field's database value), in the transaction it
// was made for: one INSERT per collection, prepared when first needed and
// kept until Close, so a batch that writes many records of a kind parses
// its SQL once. It writes a row per statement, for callers that write one
// moment's records at a time; insertRecords writes many of a kind at once.
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
			insert = w.tx.DB().NewQuery(insertSQL(coll, 1)).Prepare()
			w.inserts[coll.Name] = insert
		}
		values := dbx.Params{}
		if err := rowParams(w.tx, r, 0, values); err != nil {
			return err
		}
		if _, err := insert.Bind(values).Execute(); err != nil {
			return fmt.Errorf("writing %s %s: %w", coll.Name, r.Id, err)
		}
		r.MarkAsNotNew()
	}
	return nil
}

// insertSQL is the INSERT of rows rows of coll, every field of each a
// named parameter (rowParam).
func insertSQL(coll *core.Collection, rows int) string {
	columns := coll.Fields.FieldNames()
	var sql strings.Builder
	sql.WriteString("INSERT INTO {{" + coll.Name + "}} (")
	for i, c := range columns {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("[[" + c + "]]")
	}
	sql.WriteString(") VALUES ")
	for row := range rows {
		if row > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(")
		for i, c := range columns {
			if i > 0 {
				sql.WriteString(", ")
			}
			sql.WriteString("{:" + rowParam(row, c) + "}")
		}
		sql.WriteString(")")
	}
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
