package outbox

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/token"
)

// QueueEmail writes an email row in the caller's transaction: to whom, the
// subject (for the outbox list), and the payload its composer reads. An
// email that carries an ask (payload "ask") is related to it, so the ask can
// follow its email.
func QueueEmail(tx core.App, to, subject string, payload map[string]any) (*core.Record, error) {
	return queue(tx, "email", to, subject, payload)
}

// QueueWebhook writes a webhook row in the caller's transaction. The body
// is serialised now, so every retry sends the same bytes; it is signed when
// it is sent.
func QueueWebhook(tx core.App, url, event string, body any) (*core.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("webhook %s: %w", event, err)
	}
	return queue(tx, "webhook", url, event, map[string]any{"event": event, "body": string(raw)})
}

func queue(tx core.App, kind, to, subject string, payload map[string]any) (*core.Record, error) {
	coll, err := tx.FindCachedCollectionByNameOrId("outbox")
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(coll)
	r.Set("kind", kind)
	r.Set("to", to)
	r.Set("subject", subject)
	r.Set("payload", payload)
	if ask, ok := payload["ask"].(string); ok {
		r.Set("ask", ask)
	}
	r.Set("status", "pending")
	r.Set("next_attempt_at", types.NowDateTime())
	if err := tx.SaveNoValidate(r); err != nil {
		return nil, fmt.Errorf("queueing the %s to %s: %w", kind, to, err)
	}
	return r, nil
}

// Cancel fails every email still waiting for an address, with the reason in
// last_error; rows already sent are history and stay.
func Cancel(tx core.App, to, reason string) error {
	_, err := tx.DB().Update("outbox",
		dbx.Params{"status": "failed", "last_error": reason},
		dbx.And(dbx.HashExp{"kind": "email", "to": to}, dbx.In("status", "pending", "failed"))).Execute()
	return err
}

// QueueEvent queues an event for the webhook endpoint, if there is one and
// it takes this event (no events listed means all): the envelope carries a
// unique id, the type, the time, and the data.
func QueueEvent(tx core.App, url string, events []string, event string, data map[string]any) error {
	if url == "" || (len(events) > 0 && !slices.Contains(events, event)) {
		return nil
	}
	_, err := QueueWebhook(tx, url, event, map[string]any{
		"id": "evt_" + token.New(), "type": event, "created": time.Now().UTC().Format(time.RFC3339), "data": data,
	})
	return err
}
