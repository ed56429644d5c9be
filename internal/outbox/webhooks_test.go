package outbox_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"warmloop/internal/outbox"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
)

// receiver is a CRM's endpoint: it verifies the signature as the README
// tells integrators to, refuses the first failures deliveries with a 503,
// then accepts.
type receiver struct {
	secret   string
	failures int

	mu       sync.Mutex
	calls    int
	accepted []map[string]any
	badSigs  int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.calls++
	if !verify(rc.secret, r.Header.Get("Warmloop-Signature"), body, 5*time.Minute) {
		rc.badSigs++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if rc.calls <= rc.failures {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	var event map[string]any
	_ = json.Unmarshal(body, &event)
	rc.accepted = append(rc.accepted, event)
	w.WriteHeader(http.StatusNoContent)
}

// verify checks "t=<unix>,v1=<hex>" as an integrator would: recompute the
// HMAC of "<t>.<body>", compare in constant time, refuse old timestamps.
func verify(secret, header string, body []byte, tolerance time.Duration) bool {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || time.Since(time.Unix(unix, 0)).Abs() > tolerance {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want, _ := hex.DecodeString(sig)
	return hmac.Equal(mac.Sum(nil), want)
}

func TestWebhookRetriesAFailingEndpointAndDeliversOnceWhenItRecovers(t *testing.T) {
	app := testapp.New(t)
	rc := &receiver{secret: "whsec-test", failures: 2}
	crm := httptest.NewServer(rc)
	defer crm.Close()
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("webhook_url", crm.URL+"/warmloop")
	s.Set("webhook_secret", rc.secret)
	s.Set("webhook_events", []string{"referral.created"})
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Jo Bloggs",
		"referee_email": "jo@fabrikam.example", "status": "invited", "channel": "api"})

	clock := time.Now()
	w := &outbox.Webhooks{App: app, Secret: func() string { return rc.secret }, Now: func() time.Time { return clock }}
	for attempt := 1; attempt <= 3; attempt++ {
		rep, err := w.DeliverDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := outbox.Report{Retried: 1}
		if attempt == 3 {
			want = outbox.Report{Sent: 1}
		}
		if rep != want {
			t.Fatalf("attempt %d: %+v, want %+v", attempt, rep, want)
		}
		clock = clock.Add(outbox.Backoff(attempt) + time.Second)
	}
	if rep, _ := w.DeliverDue(context.Background()); rep != (outbox.Report{}) {
		t.Errorf("a delivered webhook was sent again: %+v", rep)
	}
	if rc.calls != 3 || rc.badSigs != 0 || len(rc.accepted) != 1 {
		t.Fatalf("calls %d, bad signatures %d, accepted %d; want 3, 0, 1", rc.calls, rc.badSigs, len(rc.accepted))
	}
	ev := rc.accepted[0]
	data, _ := ev["data"].(map[string]any)
	referral, _ := data["referral"].(map[string]any)
	referrer, _ := data["referrer"].(map[string]any)
	if ev["type"] != "referral.created" || referral["referee_email"] != "jo@fabrikam.example" || referrer["email"] != "ana@northwind.example" {
		t.Errorf("event %v", ev)
	}
	row, _ := app.FindFirstRecordByData("outbox", "kind", "webhook")
	if row.GetString("status") != "sent" || row.GetInt("attempts") != 3 || row.GetString("last_error") != "" {
		t.Errorf("outbox row %v", row.FieldsData())
	}
	if n, _ := app.CountRecords("outbox", dbx.HashExp{"kind": "webhook"}); n != 1 {
		t.Errorf("%d webhook rows; only referral.created was asked for", n)
	}
}

func TestAFailingWebhookEndpointNeverHoldsBackEmail(t *testing.T) {
	app := testapp.New(t)
	// The endpoint never answers, until the client gives up or the test ends.
	release, entered := make(chan struct{}), make(chan struct{}, 1)
	crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer crm.Close()
	defer close(release)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("webhook_url", crm.URL)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ana := askFor(t, app, "Ana Lima", "ana@northwind.example") // an ask email
	testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.GetString("customer"), "referee_name": "Jo",
		"referee_email": "jo@fabrikam.example", "status": "invited", "channel": "api"}) // a webhook

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan outbox.Report)
	go func() {
		w := &outbox.Webhooks{App: app, Secret: func() string { return "" }, Client: &http.Client{Timeout: time.Minute}}
		rep, _ := w.DeliverDue(ctx)
		done <- rep
	}()
	<-entered // the webhook is in flight, and stuck
	sink := smtptest.Start(t)
	rep, err := worker(app, sink, time.Now).DeliverDue()
	if err != nil || rep.Sent == 0 || len(sink.Messages()) != rep.Sent {
		t.Errorf("email while the webhook endpoint hangs: %+v, %v, %d received", rep, err, len(sink.Messages()))
	}
	cancel()
	if rep := <-done; rep.Retried != 1 {
		t.Errorf("the hung webhook: %+v, want it queued for a retry", rep)
	}
}
