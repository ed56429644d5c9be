package outbox

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

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

// Webhooks delivers webhook rows through the Loop: a POST of the stored
// JSON body, signed with the current secret. A 2xx is delivered; anything
// else, or no answer in time, is retried with the same backoff as email. It
// runs apart from email, so a failing endpoint never holds an email back.
type Webhooks struct {
	App         core.App
	Secret      func() string // the signing secret, read at send time
	Client      *http.Client  // default: a client with WebhookTimeout
	Batch       int           // default 50
	MaxAttempts int           // default 8
	Now         func() time.Time
}

// DeliverDue sends the webhook rows that are due, one at a time, until none
// is left or ctx is done.
func (w *Webhooks) DeliverDue(ctx context.Context) (Report, error) {
	s := &webhookSender{secret: w.Secret, client: w.Client, now: w.Now}
	if s.client == nil {
		s.client = &http.Client{Timeout: WebhookTimeout}
	}
	if s.now == nil {
		s.now = time.Now
	}
	l := &Loop{
		App:         w.App,
		Sender:      s,
		Batch:       cmp.Or(w.Batch, 50),
		InFlight:    1, // a crash re-sends at most the row in flight
		MaxAttempts: w.MaxAttempts,
		Now:         s.now,
	}
	return l.DeliverDue(ctx)
}

// webhookSender posts webhook rows, one after another.
type webhookSender struct {
	secret func() string
	client *http.Client
	now    func() time.Time
}

// Kind is "webhook".
func (s *webhookSender) Kind() string { return "webhook" }

// Ready is always true: an endpoint's trouble is a row's error.
func (s *webhookSender) Ready() bool { return true }

// Send posts each row.
func (s *webhookSender) Send(ctx context.Context, rows []*core.Record) []error {
	errs := make([]error, len(rows))
	for i, row := range rows {
		errs[i] = s.post(ctx, row)
	}
	return errs
}

// post makes the request, signed unless it is a chat note, and judges the
// answer.
func (s *webhookSender) post(ctx context.Context, row *core.Record) error {
	var payload struct {
		Event string `json:"event"`
		Body  string `json:"body"`
		Chat  bool   `json:"chat"`
	}
	if err := row.UnmarshalJSONField("payload", &payload); err != nil {
		return fmt.Errorf("unreadable payload: %w", err)
	}
	body := []byte(payload.Body)
	headers := http.Header{"Warmloop-Event": {payload.Event}, "Warmloop-Delivery": {row.Id}}
	// A chat tool checks no signature, and the signing secret is the CRM's.
	if secret := s.secret(); secret != "" && !payload.Chat {
		headers.Set(SignatureHeader, Sign(secret, s.now(), body))
	}
	_, err := postJSON(ctx, s.client, row.GetString("to"), body, headers)
	return err
}

// postJSON posts a JSON body with headers and reads the start of the
// answer: a status other than 2xx is an error that quotes it.
func postJSON(ctx context.Context, client *http.Client, url string, body []byte, headers http.Header) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	for k, v := range headers {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Warmloop-Webhooks/1")
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(res.Body, 300))
	answer := strings.TrimSpace(res.Status + " " + string(bytes.TrimSpace(snippet)))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return answer, fmt.Errorf("%s answered %s: %s", url, res.Status, bytes.TrimSpace(snippet))
	}
	return answer, nil
}

// TryChat posts a chat note now, outside the queue, for the settings'
// "Send a test message": it answers what the receiver said (its status
// and the start of its body), and an error unless that was a 2xx.
func TryChat(ctx context.Context, url string, body any) (string, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	return postJSON(ctx, &http.Client{Timeout: WebhookTimeout}, url, raw, http.Header{"Warmloop-Event": {"chat.test"}})
}
