package asks

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/mail"
	"warmloop/internal/prepared"
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
				} else if isOrderedToken(r.Collection().Name, f) {
					draw = func(p string) (string, error) { return orderedToken(p, time.Now()) }
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

// insertChunks are the sizes of the INSERTs insertRecords writes, largest
// first: as many 50-row statements as the records fill, then 8-row ones,
// then a row each. Each INSERT that fires the figures' rollup triggers
// keeps a statement journal while it runs, a copy of every page it
// changes, and opens a cursor on its table and on every index, all made
// and freed anew per statement: a row per statement pays for them again
// for every row. A few fixed sizes keep the statements few enough to be
// prepared once for the life of the process (prepared.Exec).
var insertChunks = [...]int{50, 8, 1}

// insertRecords writes new records, made ready by newRecordReady, in the
// transaction tx of base, and marks them saved. Consecutive records of one
// collection share an INSERT (insertChunks).
func insertRecords(base, tx core.App, records []*core.Record) error {
	for start := 0; start < len(records); {
		coll := records[start].Collection()
		same := start + 1
		for same < len(records) && records[same].Collection().Id == coll.Id {
			same++
		}
		rows := 1
		for _, n := range insertChunks {
			if same-start >= n {
				rows = n
				break
			}
		}
		chunk := records[start : start+rows]
		args := make([]any, 0, rows*len(coll.Fields))
		for _, r := range chunk {
			var err error
			if args, err = appendRow(tx, r, args); err != nil {
				return err
			}
		}
		if _, err := prepared.Exec(base, tx, insertSQL(coll, rows), args...); err != nil {
			return fmt.Errorf("writing %d %s from %s: %w", rows, coll.Name, chunk[0].Id, err)
		}
		for _, r := range chunk {
			r.MarkAsNotNew()
		}
		start += rows
	}
	return nil
}

// appendRow appends to args the database value of each field of r, in the
// order of its collection's fields (insertSQL's columns).
func appendRow(tx core.App, r *core.Record, args []any) ([]any, error) {
	values, err := r.DBExport(tx)
	if err != nil {
		return args, fmt.Errorf("%s %s: %w", r.Collection().Name, r.Id, err)
	}
	for _, name := range r.Collection().Fields.FieldNames() {
		args = append(args, values[name])
	}
	return args, nil
}

// Writer writes new records, made ready by newRecordReady, as the record
// path stores them (each field's database value), in a transaction of
// base, through statements prepared once (insertRecords). It writes a row
// per statement, for callers that write one moment's records at a time.
//
// A Writer that holds (Hold) keeps what it is given until Flush, and then
// writes each collection's records in a few many-row INSERTs, in the order
// the collections were first given (a moment before the ask its rollup
// trigger reads it for): a row per statement paid for a statement's
// journal and cursors four times a moment.
type Writer struct {
	base, tx core.App

	holding bool
	held    map[string][]*core.Record // by collection name
	order   []string                  // the collections held, in the order first given
}

// NewWriter is a Writer over tx, a transaction of base.
func NewWriter(base, tx core.App) *Writer {
	return &Writer{base: base, tx: tx, held: map[string][]*core.Record{}}
}

// Hold makes Insert keep records until Flush. Until then they are not in
// the database: whoever reads there for them must Flush first.
func (w *Writer) Hold() { w.holding = true }

// Flush writes the records held, each collection's in many-row INSERTs,
// and marks them saved. On an error, some may be written and others not:
// the transaction is the caller's to undo.
func (w *Writer) Flush() error {
	for _, name := range w.order {
		if err := insertRecords(w.base, w.tx, w.held[name]); err != nil {
			return err
		}
	}
	clear(w.held)
	w.order = w.order[:0]
	return nil
}

// Insert writes records, each new and made ready, and marks them saved;
// a Writer that holds keeps them for Flush instead.
func (w *Writer) Insert(records ...*core.Record) error {
	if !w.holding {
		for _, r := range records {
			if err := insertRecords(w.base, w.tx, []*core.Record{r}); err != nil {
				return err
			}
		}
		return nil
	}
	for _, r := range records {
		name := r.Collection().Name
		if _, ok := w.held[name]; !ok {
			w.order = append(w.order, name)
		}
		w.held[name] = append(w.held[name], r)
	}
	return nil
}

// insertSQL is the INSERT of rows rows of coll, every field of each a
// positional parameter (appendRow's order). The SQL is made once per
// collection and size.
func insertSQL(coll *core.Collection, rows int) string {
	k := insertKey{coll.Id, coll.Updated.String(), rows}
	if s, ok := insertSQLs.Load(k); ok {
		return s.(string)
	}
	columns := coll.Fields.FieldNames()
	var sql strings.Builder
	sql.WriteString("INSERT INTO `" + coll.Name + "` (")
	for i, c := range columns {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("`" + c + "`")
	}
	sql.WriteString(") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	for i := range rows {
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString(row)
	}
	insertSQLs.Store(k, sql.String())
	return sql.String()
}

// insertSQLs keeps insertSQL's statements, by collection (and its last
// change, so a collection given a field gets a new one) and size.
var insertSQLs sync.Map // insertKey → string

type insertKey struct {
	collection, updated string
	rows                int
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
		if err := validateValue(w.tx, f, r); err != nil {
			errs[f.GetName()] = err
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s: %w", r.Collection().Name, errs)
	}
	return nil
}

// validateValue is f.ValidateValue for a field of r, a new record, but for
// a text field's pattern: PocketBase compiles the pattern anew for every
// value it checks, a third of the time a moment's checks took under the
// intake load. Here each pattern is compiled once (patternOf), and the rest
// of the field's rules are PocketBase's own. A primary key whose pattern is
// not the default keeps PocketBase's whole check, which also asks the
// database whether the id is taken.
func validateValue(app core.App, f core.Field, r *core.Record) error {
	text, ok := f.(*core.TextField)
	if !ok || text.Pattern == "" || (text.PrimaryKey && text.Pattern != defaultIDRule) {
		return f.ValidateValue(context.Background(), app, r)
	}
	value, ok := r.GetRaw(text.Name).(string)
	if !ok {
		return f.ValidateValue(context.Background(), app, r) // PocketBase names the wrong type
	}
	rules := *text
	rules.Pattern = ""
	// A primary key is required; the rest of its check is for a record
	// already saved or a pattern not the default.
	rules.Required = text.Required || text.PrimaryKey
	rules.PrimaryKey = false
	if err := rules.ValidatePlainValue(value); err != nil {
		return err
	}
	if value == "" {
		return nil
	}
	re, err := patternOf(text.Pattern)
	if err != nil || !re.MatchString(value) {
		return validation.NewError("validation_invalid_format", "Invalid value format.")
	}
	return nil
}

// defaultIDRule is the pattern PocketBase checks an id against when its
// collection keeps the default.
const defaultIDRule = "^[a-z0-9]+$"

// patterns keeps each text field pattern compiled, by its source.
var patterns sync.Map // string → *regexp.Regexp

// patternOf is the pattern compiled, once per process.
func patternOf(src string) (*regexp.Regexp, error) {
	if re, ok := patterns.Load(src); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, err
	}
	patterns.Store(src, re)
	return re, nil
}
