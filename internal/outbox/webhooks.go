package outbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SignatureHeader carries a webhook's signature: "t=<unix seconds>,v1=<hex>",
// where v1 is the HMAC-SHA256, keyed with the webhook secret, of the
// timestamp, a dot and the raw body. A receiver recomputes it, compares in
// constant time, and refuses old timestamps to stop replays.
const SignatureHeader = "Warmloop-Signature"

// Sign computes the signature header's value for a body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

// WebhookTimeout is how long an endpoint has to answer.
const WebhookTimeout = 10 * time.Second

// Webhooks delivers webhook rows: a POST of the stored JSON body, signed
// with the current secret. A 2xx is delivered; anything else, or no answer
// in time, is retried with the same backoff as email. It runs apart from
// email, so a failing endpoint never holds an email back.
type Webhooks struct {
	App         core.App
	Secret      func() string // the signing secret, read at send time
	Client      *http.Client  // default: a client with WebhookTimeout
	Batch       int           // default 50
	MaxAttempts int           // default 8
	Now         func() time.Time
}

func (w *Webhooks) defaults() {
	if w.Client == nil {
		w.Client = &http.Client{Timeout: WebhookTimeout}
	}
	if w.Batch == 0 {
		w.Batch = 50
	}
	if w.MaxAttempts == 0 {
		w.MaxAttempts = 8
	}
	if w.Now == nil {
		w.Now = time.Now
	}
}

// DeliverDue sends the webhook rows that are due, until none is left.
func (w *Webhooks) DeliverDue(ctx context.Context) (Report, error) {
	w.defaults()
	var rep Report
	for {
		rows, err := w.App.FindRecordsByFilter("outbox",
			"kind = 'webhook' && status = 'pending' && (next_attempt_at = '' || next_attempt_at <= {:now})",
			"next_attempt_at", w.Batch, 0, dbx.Params{"now": w.Now().UTC().Format("2006-01-02 15:04:05.000Z")})
		if err != nil || len(rows) == 0 {
			return rep, err
		}
		for _, row := range rows {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			if err := w.deliver(ctx, row, &rep); err != nil {
				return rep, err
			}
		}
	}
}

// deliver sends one row: marked sending first, so a crash re-sends at most
// this one; its outcome written after.
func (w *Webhooks) deliver(ctx context.Context, row *core.Record, rep *Report) error {
	row.Set("status", "sending")
	row.Set("attempts", row.GetInt("attempts")+1)
	if err := w.App.SaveNoValidate(row); err != nil {
		return err
	}
	sendErr := w.post(ctx, row)
	now := w.Now().UTC()
	switch {
	case sendErr == nil:
		rep.Sent++
		row.Set("status", "sent")
		row.Set("sent_at", now)
		row.Set("last_error", "")
	case row.GetInt("attempts") >= w.MaxAttempts:
		rep.Failed++
		row.Set("status", "failed")
		row.Set("last_error", sendErr.Error())
	default:
		rep.Retried++
		row.Set("status", "pending")
		row.Set("last_error", sendErr.Error())
		row.Set("next_attempt_at", now.Add(Backoff(row.GetInt("attempts"))))
	}
	return w.App.SaveNoValidate(row)
}

// post makes the signed request and judges the answer.
func (w *Webhooks) post(ctx context.Context, row *core.Record) error {
	var payload struct {
		Event string `json:"event"`
		Body  string `json:"body"`
	}
	if err := row.UnmarshalJSONField("payload", &payload); err != nil {
		return fmt.Errorf("unreadable payload: %w", err)
	}
	body := []byte(payload.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, row.GetString("to"), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Warmloop-Webhooks/1")
	req.Header.Set("Warmloop-Event", payload.Event)
	req.Header.Set("Warmloop-Delivery", row.Id)
	if secret := w.Secret(); secret != "" {
		req.Header.Set(SignatureHeader, Sign(secret, w.Now(), body))
	}
	res, err := w.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(res.Body, 300))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("%s answered %s: %s", row.GetString("to"), res.Status, bytes.TrimSpace(snippet))
	}
	return nil
}
