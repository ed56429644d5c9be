package asks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// dueCustomers reads, in one query, up to limit customers whose next ask
// has come by now, the earliest due first. The range starts above the empty
// date, so the walk of the next_ask_at index begins at the first customer
// in a cycle: the customers outside the cadence, however many, are never
// read.
func dueCustomers(tx core.App, now time.Time, limit int) ([]*core.Record, error) {
	var due []*core.Record
	err := tx.RecordQuery("customers").
		AndWhere(dbx.NewExp("next_ask_at > '' AND next_ask_at <= {:now}",
			dbx.Params{"now": now.UTC().Format(types.DefaultDateLayout)})).
		OrderBy("next_ask_at").Limit(int64(limit)).All(&due)
	return due, err
}
