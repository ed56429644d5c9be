package asks

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// followSent marks an ask sent, unless it has moved on already.
const followSent = "UPDATE asks SET status = 'sent', sent_at = {:at}, updated = {:at} WHERE id = {:id} AND status IN ('queued', 'failed')"

// FollowEmail moves the ask an outbox email carries (payload "ask") along
// with it, "sent" or "failed", in the transaction that records the email's
// outcome: it is the outbox's OnOutcome. An ask already clicked or referred
// stays where it is; an email without an ask, or whose ask is gone, is left.
func FollowEmail(tx core.App, row *core.Record, status string, at time.Time) error {
	var payload struct {
		Ask string `json:"ask"`
	}
	if err := row.UnmarshalJSONField("payload", &payload); err != nil || payload.Ask == "" {
		return nil
	}
	if status == "sent" {
		// One statement, as the outbox marks a batch sent: no record hooks.
		stamp := at.UTC().Format(types.DefaultDateLayout)
		_, err := tx.DB().NewQuery(followSent).Bind(dbx.Params{"id": payload.Ask, "at": stamp}).Execute()
		return err
	}
	ask, err := tx.FindRecordById("asks", payload.Ask)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if s := ask.GetString("status"); s != "queued" && s != "failed" {
		return nil
	}
	ask.Set("status", status)
	return tx.SaveNoValidate(ask)
}
