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
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

// setWebhook saves the webhook settings and has the next program.Load read
// them (in the full app the settings hook calls program.Forget).
func setWebhook(t *testing.T, app core.App, fields map[string]any) {
	t.Helper()
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		s.Set(k, v)
	}
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
}

// offerEvent offers the webhook the event a new record sets off
// (customer.created, reward.earned), as the full app does when the record is
// created: through outbox.QueueEvent, which queues it if the settings' URL
// takes it.
func offerEvent(t testing.TB, app core.App, event string, r *core.Record) {
	t.Helper()
	if err := queueEvent(app, event, r); err != nil {
		t.Fatal(err)
	}
}

// queueEvent is offerEvent in the caller's transaction.
func queueEvent(tx core.App, event string, r *core.Record) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	key := r.Collection().Name
	return outbox.QueueEvent(tx, s.WebhookURL, s.WebhookEvents, event,
		map[string]any{key[:len(key)-1]: r.PublicExport()})
}

// introduce writes, in one transaction and through the domain, what a new
// referral writes to the outbox: the referral, its referral.created webhook
// (and sales note) from referrals.Created, the reward it earns with its
// notice from rewards.Recompute, and the reward.earned event offered.
func introduce(t *testing.T, app core.App, referrerID, name, email string) *core.Record {
	t.Helper()
	coll, err := app.FindCachedCollectionByNameOrId("referrals")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(coll)
	r.Load(map[string]any{"referrer": referrerID, "referee_name": name,
		"referee_email": email, "status": "invited", "channel": "api"})
	err = app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(r); err != nil {
			return err
		}
		if err := referrals.Created(tx, r); err != nil {
			return err
		}
		earned, err := rewards.Recompute(tx, referrerID, r.Id)
		if err != nil {
			return err
		}
		for _, reward := range earned {
			if err := queueEvent(tx, "reward.earned", reward); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

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
	app := schemaapp.New(t)
	rc := &receiver{secret: "whsec-test", failures: 2}
	crm := httptest.NewServer(rc)
	defer crm.Close()
	setWebhook(t, app, map[string]any{"webhook_url": crm.URL + "/warmloop", "webhook_secret": rc.secret,
		"webhook_events": []string{"referral.created"}})
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	offerEvent(t, app, "customer.created", ana)                   // not asked for: not queued
	introduce(t, app, ana.Id, "Jo Bloggs", "jo@fabrikam.example") // reward.earned is not asked for either

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
	app := schemaapp.New(t)
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
	setWebhook(t, app, map[string]any{"webhook_url": crm.URL})
	ana := askFor(t, app, "Ana Lima", "ana@northwind.example")                // an ask email (and a customer.created webhook)
	introduce(t, app, ana.GetString("customer"), "Jo", "jo@fabrikam.example") // webhooks, and a reward notice email

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
