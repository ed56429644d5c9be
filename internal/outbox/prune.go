package outbox

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// pruneWhere matches the sent rows delivered before a time that still hold
// a body. Rows waiting, failed or cancelled keep theirs: they may be sent
// again, and an admin reads them to see what went wrong.
const pruneWhere = "status = 'sent' AND sent_at != '' AND sent_at < {:before} AND payload IS NOT NULL AND payload != 'null'"

// Prune removes the body (the payload: an email's template and record ids,
// a webhook's JSON body) of every row sent before the given time, and says
// how many rows it pruned. The row itself stays, so the outbox still shows
// that the message went, to whom and when.
func Prune(app core.App, before time.Time) (int, error) {
	res, err := app.DB().Update("outbox", dbx.Params{"payload": nil},
		dbx.NewExp(pruneWhere, dbx.Params{"before": before.UTC().Format(types.DefaultDateLayout)})).Execute()
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
