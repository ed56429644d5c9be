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
// subject (for the outbox list), and the payload its composer reads. A
// payload id under the name of one of the outbox's relation fields fills
// that field too, so the row can be found by the record it carries.
func QueueEmail(tx core.App, to, subject string, payload map[string]any) (*core.Record, error) {
	return queue(tx, "email", to, subject, payload)
}

// QueueWebhook writes a webhook row in the caller's transaction. The body
// is serialised now, so every retry sends the same bytes; it is signed when
// it is sent.
func QueueWebhook(tx core.App, url, event string, body any) (*core.Record, error) {
	return queueWebhook(tx, url, event, body, "")
}

// queueWebhook writes a webhook row; a referral id, when given, is recorded
// on the row, so the referral's page finds the webhooks about it.
func queueWebhook(tx core.App, url, event string, body any, referralID string) (*core.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("webhook %s: %w", event, err)
	}
	payload := map[string]any{"event": event, "body": string(raw)}
	if referralID != "" {
		payload["referral"] = referralID
	}
	return queue(tx, "webhook", url, event, payload)
}

// QueueChat writes a chat note as a webhook row in the caller's
// transaction: the body serialised now, sent unsigned (see webhookSender).
// about names the record the note is about ("referral" or "reward" → its
// id): a referral fills the row's referral field, so the referral's page
// lists its notes, and either id in the payload lets a person's erasure
// find the note (internal/privacy searches webhook payloads for their
// records' ids).
func QueueChat(tx core.App, url, event string, about map[string]string, body any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("chat note %s: %w", event, err)
	}
	payload := map[string]any{"event": event, "body": string(raw), "chat": true}
	for k, id := range about {
		payload[k] = id
	}
	_, err = queue(tx, "webhook", url, event, payload)
	return err
}

// NewEmail is the email row QueueEmail would write, not yet saved: for a
// writer that inserts many rows at once (the cadence pass) and saves them
// itself in the caller's transaction.
func NewEmail(tx core.App, to, subject string, payload map[string]any) (*core.Record, error) {
	return newRow(tx, "email", to, subject, payload)
}

func queue(tx core.App, kind, to, subject string, payload map[string]any) (*core.Record, error) {
	r, err := newRow(tx, kind, to, subject, payload)
	if err != nil {
		return nil, err
	}
	if err := tx.SaveNoValidate(r); err != nil {
		return nil, fmt.Errorf("queueing the %s to %s: %w", kind, to, err)
	}
	return r, nil
}

// newRow is a pending outbox row, due now, unsaved.
func newRow(tx core.App, kind, to, subject string, payload map[string]any) (*core.Record, error) {
	coll, err := tx.FindCachedCollectionByNameOrId("outbox")
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(coll)
	r.Set("kind", kind)
	r.Set("to", to)
	r.Set("subject", subject)
	r.Set("payload", payload)
	for _, f := range coll.Fields {
		if id, ok := payload[f.GetName()].(string); ok && f.Type() == core.FieldTypeRelation {
			r.Set(f.GetName(), id)
		}
	}
	r.Set("status", "pending")
	r.Set("next_attempt_at", types.NowDateTime())
	return r, nil
}

// Recover puts rows a crash left mid-delivery back in the queue. They may
// have reached the SMTP server or the endpoint before the crash, so each is
// sent at most one extra time; nothing is lost.
func Recover(app core.App) error {
	_, err := app.DB().NewQuery("UPDATE outbox SET status = 'pending' WHERE status = 'sending'").Execute()
	return err
}

// Retry puts a failed row back in the queue, for an admin who fixed the
// cause. A row that is not failed, or that Warmloop cancelled on purpose (a
// declined referee's mail), is refused (CheckRetry).
func Retry(app core.App, id string) error {
	row, err := app.FindRecordById("outbox", id)
	if err != nil {
		return err
	}
	if err := CheckRetry(RowOf(row)); err != nil {
		return fmt.Errorf("outbox row %s: %w", id, err)
	}
	row.Set("status", "pending")
	row.Set("attempts", 0)
	row.Set("next_attempt_at", time.Now().UTC())
	return app.Save(row)
}

// CancelForReferral fails the emails of one referral still waiting to go to
// one address (pending, or failed and so retryable), with the reason in
// last_error, which keeps them from being retried. Nothing else is
// touched: not another referral's email to the same address, nor this
// referral's notes to the sales inbox or the referrer. Rows already sent
// are history and stay.
func CancelForReferral(tx core.App, referralID, to, reason string) error {
	if referralID == "" {
		return nil
	}
	_, err := tx.DB().Update("outbox",
		dbx.Params{"status": "failed", "last_error": reason},
		dbx.And(dbx.HashExp{"kind": "email", "referral": referralID, "to": to}, dbx.In("status", "pending", "failed"))).Execute()
	return err
}

// QueueEvent queues an event for the webhook endpoint, if there is one and
// it takes this event (no events listed means all): the envelope carries a
// unique id, the type, the time, and the data.
func QueueEvent(tx core.App, url string, events []string, event string, data map[string]any) error {
	return QueueReferralEvent(tx, "", url, events, event, data)
}

// Wants says whether the program's webhook endpoint (url, taking events,
// all of them when empty) takes event: a caller whose payload costs
// something to build can ask first.
func Wants(url string, events []string, event string) bool {
	return url != "" && (len(events) == 0 || slices.Contains(events, event))
}

// QueueReferralEvent is QueueEvent for an event about one referral: its row
// records the referral it is about.
func QueueReferralEvent(tx core.App, referralID, url string, events []string, event string, data map[string]any) error {
	if !Wants(url, events, event) {
		return nil
	}
	_, err := queueWebhook(tx, url, event, map[string]any{
		"id": "evt_" + token.New(), "type": event, "created": time.Now().UTC().Format(time.RFC3339), "data": data,
	}, referralID)
	return err
}
