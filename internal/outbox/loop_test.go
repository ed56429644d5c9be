package outbox_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/outbox"
	"warmloop/tests/schemaapp"
)

// refusing is a mail client that refuses the addresses in refuse and
// accepts every other.
type refusing struct{ refuse map[string]bool }

func (m refusing) Send(msg *pbmailer.Message) error {
	if m.refuse[msg.To[0].Address] {
		return errors.New("550 mailbox unavailable")
	}
	return nil
}

// plainCompose makes a bare message to each row's address.
func plainCompose(_ core.App, rows []*core.Record) ([]*pbmailer.Message, []error) {
	msgs := make([]*pbmailer.Message, len(rows))
	for i, r := range rows {
		msgs[i] = &pbmailer.Message{To: []netmail.Address{{Address: r.GetString("to")}}, Subject: r.GetString("subject")}
	}
	return msgs, make([]error, len(rows))
}

// queueEmail queues an email row about nothing in particular.
func queueEmail(t *testing.T, app core.App, to string) *core.Record {
	t.Helper()
	row, err := outbox.QueueEmail(app, to, "Hello", map[string]any{"template": "test"})
	if err != nil {
		t.Fatal(err)
	}
	return row
}

// heard is one call of OnOutcome, with the row's status as its transaction saw it.
type heard struct {
	to, status, recorded string
	at                   time.Time
}

func TestOnOutcomeHearsOfSentAndFailedRowsInTheTransactionThatRecordsThem(t *testing.T) {
	app := schemaapp.New(t)
	queueEmail(t, app, "ok@example.com")
	queueEmail(t, app, "refused@example.com")
	clock := time.Now().UTC().Truncate(time.Millisecond)
	var calls []heard
	w := &outbox.Worker{
		App: app, Compose: plainCompose, MaxAttempts: 2, Now: func() time.Time { return clock },
		Mailer: func() pbmailer.Mailer { return refusing{map[string]bool{"refused@example.com": true}} },
		OnOutcome: func(tx core.App, row *core.Record, status string, at time.Time) error {
			stored, err := tx.FindRecordById("outbox", row.Id)
			if err != nil {
				return err
			}
			calls = append(calls, heard{row.GetString("to"), status, stored.GetString("status"), at})
			return nil
		},
	}
	first := clock
	if rep, err := w.DeliverDue(); err != nil || rep != (outbox.Report{Sent: 1, Retried: 1}) {
		t.Fatalf("first pass: %+v, %v", rep, err)
	}
	if len(calls) != 1 || calls[0] != (heard{"ok@example.com", "sent", "sent", first}) {
		t.Fatalf("after the first pass OnOutcome heard %+v; want only the sent row (a retry is no outcome)", calls)
	}
	clock = clock.Add(outbox.Backoff(1) + time.Second)
	if rep, err := w.DeliverDue(); err != nil || rep != (outbox.Report{Failed: 1}) {
		t.Fatalf("second pass: %+v, %v", rep, err)
	}
	if len(calls) != 2 || calls[1] != (heard{"refused@example.com", "failed", "failed", clock}) {
		t.Errorf("after the last attempt OnOutcome heard %+v; want the failed row", calls)
	}
}

func TestAnEmailAndAWebhookRetryAndFailAlikeThroughTheOneLoop(t *testing.T) {
	app := schemaapp.New(t)
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer endpoint.Close()
	email := queueEmail(t, app, "refused@example.com")
	hook, err := outbox.QueueWebhook(app, endpoint.URL, "referral.created", map[string]any{"id": "evt_1"})
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now().UTC().Truncate(time.Millisecond)
	now := func() time.Time { return clock }
	const max = 3
	mails := &outbox.Worker{App: app, Compose: plainCompose, MaxAttempts: max, Now: now,
		Mailer: func() pbmailer.Mailer { return refusing{map[string]bool{"refused@example.com": true}} }}
	hooks := &outbox.Webhooks{App: app, Secret: func() string { return "s" }, MaxAttempts: max, Now: now}
	kinds := []struct {
		name    string
		row     *core.Record
		deliver func() (outbox.Report, error)
	}{
		{"email", email, mails.DeliverDue},
		{"webhook", hook, func() (outbox.Report, error) { return hooks.DeliverDue(context.Background()) }},
	}
	for attempt := 1; attempt <= max; attempt++ {
		for _, k := range kinds {
			want, status := outbox.Report{Retried: 1}, "pending"
			if attempt == max {
				want, status = outbox.Report{Failed: 1}, "failed"
			}
			if rep, err := k.deliver(); err != nil || rep != want {
				t.Fatalf("%s, attempt %d: %+v, %v; want %+v", k.name, attempt, rep, err, want)
			}
			if rep, _ := k.deliver(); rep != (outbox.Report{}) {
				t.Errorf("%s, attempt %d: sent again before its backoff: %+v", k.name, attempt, rep)
			}
			row, _ := app.FindRecordById("outbox", k.row.Id)
			if row.GetString("status") != status || row.GetInt("attempts") != attempt || row.GetString("last_error") == "" {
				t.Errorf("%s, attempt %d: row %v", k.name, attempt, row.FieldsData())
			}
			if next := row.GetDateTime("next_attempt_at").Time(); status == "pending" && !next.Equal(clock.Add(outbox.Backoff(attempt))) {
				t.Errorf("%s, attempt %d: next attempt at %v, want %v later", k.name, attempt, next, outbox.Backoff(attempt))
			}
		}
		clock = clock.Add(outbox.Backoff(attempt) + time.Second)
	}
}
