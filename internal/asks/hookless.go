package asks

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
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
// newRecordReady, as the record path stores them (each field's database
// value), through one INSERT prepared once. (A statement of many rows costs
// more: SQLite's driver looks each bound value up among all of a
// statement's, and a statement that may fail halfway keeps a journal.)
func insertRecords(tx core.App, records []*core.Record) error {
	if len(records) == 0 {
		return nil
	}
	coll := records[0].Collection()
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
	insert := tx.DB().NewQuery(sql.String()).Prepare()
	defer insert.Close()
	for _, r := range records {
		values, err := r.DBExport(tx)
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
