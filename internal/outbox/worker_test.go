package outbox_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/asks"
	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

// The outbox's tests run on the schema-only app: no Warmloop hook fires, so
// every row a test delivers is written by a domain function it calls.
func TestMain(m *testing.M) { schemaapp.Main(m) }

// askFor makes a new customer (lower-case email: no hook makes it canonical)
// and decides a renewal for them through asks.DecideMoment, which writes the
// moment, the customer's cadence state, the ask and its outbox email in one
// transaction. The customer.created event is offered to the webhook as the
// full app offers it (a no-op while no webhook URL is set).
func askFor(t testing.TB, app core.App, name, email string) *core.Record {
	t.Helper()
	c := schemaapp.Customer(t, app, name, email, map[string]any{"company": "Northwind"})
	offerEvent(t, app, "customer.created", c)
	return decideRenewal(t, app, c, "test")
}

// decideRenewal decides a new, unsaved renewal moment from source for
// customer c and returns the ask it queued.
func decideRenewal(t testing.TB, app core.App, c *core.Record, source string) *core.Record {
	t.Helper()
	moments, err := app.FindCachedCollectionByNameOrId("moments")
	if err != nil {
		t.Fatal(err)
	}
	m := core.NewRecord(moments)
	m.Set("customer", c.Id)
	m.Set("kind", "renewal")
	m.Set("source", source)
	m.Set("occurred_at", time.Now())
	decision, err := asks.DecideMoment(app, m, time.Now())
	if err != nil || decision != asks.Asked {
		t.Fatalf("deciding a renewal for %s: %q, %v", c.GetString("email"), decision, err)
	}
	ask, err := app.FindFirstRecordByData("asks", "customer", c.Id)
	if err != nil {
		t.Fatal("no ask was queued")
	}
	return ask
}

// worker is the email worker as jobs wires it (the ask follows its email),
// sending to the sink s.
func worker(app core.App, s *smtptest.Server, now func() time.Time) *outbox.Worker {
	return &outbox.Worker{
		App: app, Compose: mail.ComposeBatch, Now: now, OnOutcome: asks.FollowEmail,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: s.Host, Port: s.Port} },
	}
}

func TestAskEmailArrivesOverSMTPWithOneLinkAndUnsubscribeHeaders(t *testing.T) {
	app := schemaapp.New(t)
	app.Settings().Meta.AppURL = "https://refer.northwind.example"
	// one first-touch variant, so the subject is known
	if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE WHERE name != 'thanks'").Execute(); err != nil {
		t.Fatal(err)
	}
	s := smtptest.Start(t)
	ask := askFor(t, app, "Ana Lima", "ana@northwind.example")

	rep, err := worker(app, s, time.Now).DeliverDue()
	if err != nil || rep.Sent != 1 {
		t.Fatalf("report %+v, err %v", rep, err)
	}
	got := s.Messages()
	if len(got) != 1 || got[0].To[0] != "ana@northwind.example" || got[0].From != "referrals@example.com" {
		t.Fatalf("envelope %+v", got)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	token := ask.GetString("token")
	link := "https://refer.northwind.example/r/" + token
	unsub := "https://refer.northwind.example/u/" + ask.GetString("unsubscribe_token")
	if len(ask.GetString("unsubscribe_token")) < 22 || ask.GetString("unsubscribe_token") == token {
		t.Fatalf("the ask's unsubscribe key %q is not a key of its own", ask.GetString("unsubscribe_token"))
	}
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
	headers := map[string]string{
		"Subject":               "A quick favour, Ana?",
		"List-Unsubscribe":      "<" + unsub + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
	for h, want := range headers {
		v := msg.Header.Get(h)
		if h == "Subject" {
			v = subject
		}
		if v != want {
			t.Errorf("%s = %q, want %q", h, v, want)
		}
	}
	if from, _ := netmail.ParseAddress(msg.Header.Get("From")); from == nil || from.Name != "The Acme team" {
		t.Errorf("From = %q", msg.Header.Get("From"))
	}
	text, html := smtptest.Parts(t, msg)
	if strings.Count(html, `href="`+link+`"`) != 1 || strings.Count(html, "href=") != 2 {
		t.Errorf("the HTML should have the ask link once and only the unsubscribe link beside it:\n%s", html)
	}
	if !strings.Contains(html, "Hi Ana,") || !strings.Contains(html, unsub) {
		t.Errorf("HTML body:\n%s", html)
	}
	if !strings.Contains(text, "Introduce someone: "+link) || !strings.Contains(text, unsub) || strings.Contains(text, "](") {
		t.Errorf("text body:\n%s", text)
	}

	ask, _ = app.FindRecordById("asks", ask.Id)
	if ask.GetString("status") != "sent" || ask.GetDateTime("sent_at").IsZero() {
		t.Errorf("the ask did not follow its email: %v", ask.FieldsData())
	}
	row, _ := app.FindFirstRecordByData("outbox", "ask", ask.Id)
	if row.GetString("status") != "sent" || row.GetInt("attempts") != 1 {
		t.Errorf("outbox row %v", row.FieldsData())
	}
}

func TestSMTPDownThenUpDeliversEverythingOnce(t *testing.T) {
	app := schemaapp.New(t)
	s := smtptest.Start(t)
	for i, name := range []string{"Ana Lima", "Ben Okafor", "Cara Dubois"} {
		askFor(t, app, name, strings.ToLower(strings.Fields(name)[0])+"@x"+string(rune('a'+i))+".example")
	}
	clock := time.Now()
	w := worker(app, s, func() time.Time { return clock })

	s.Down.Store(true)
	rep, err := w.DeliverDue()
	if err != nil || rep.Retried != 3 || rep.Sent != 0 {
		t.Fatalf("with SMTP down: %+v, %v", rep, err)
	}
	rows, _ := app.FindAllRecords("outbox")
	for _, r := range rows {
		if r.GetString("status") != "pending" || !strings.Contains(r.GetString("last_error"), "421") ||
			!r.GetDateTime("next_attempt_at").Time().After(clock) {
			t.Errorf("a refused email is not waiting for a retry with its error: %v", r.FieldsData())
		}
	}
	if rep, _ := w.DeliverDue(); rep.Sent+rep.Retried != 0 {
		t.Errorf("rows were retried before their backoff: %+v", rep)
	}

	s.Down.Store(false)
	clock = clock.Add(outbox.Backoff(1) + time.Second)
	rep, err = w.DeliverDue()
	if err != nil || rep.Sent != 3 {
		t.Fatalf("with SMTP up again: %+v, %v", rep, err)
	}
	if n := len(s.Messages()); n != 3 {
		t.Errorf("%d messages arrived, want each of the 3 once", n)
	}
}

func TestAfterTheLastAttemptARowFailsAndCanBeRetried(t *testing.T) {
	app := schemaapp.New(t)
	s := smtptest.Start(t)
	ask := askFor(t, app, "Ana Lima", "ana@northwind.example")
	clock := time.Now()
	w := worker(app, s, func() time.Time { return clock })
	w.MaxAttempts = 2
	s.Down.Store(true)
	for range 2 {
		if _, err := w.DeliverDue(); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Hour)
	}
	row, _ := app.FindFirstRecordByData("outbox", "ask", ask.Id)
	ask, _ = app.FindRecordById("asks", ask.Id)
	if row.GetString("status") != "failed" || ask.GetString("status") != "failed" || row.GetString("last_error") == "" {
		t.Fatalf("row %v, ask %s", row.FieldsData(), ask.GetString("status"))
	}
	if err := outbox.Retry(app, row.Id); err != nil {
		t.Fatal(err)
	}
	s.Down.Store(false)
	if rep, err := w.DeliverDue(); err != nil || rep.Sent != 1 {
		t.Fatalf("retry: %+v, %v", rep, err)
	}
	ask, _ = app.FindRecordById("asks", ask.Id)
	if ask.GetString("status") != "sent" {
		t.Errorf("ask %s after a successful retry", ask.GetString("status"))
	}
}

func TestWithoutSMTPEmailsWaitInTheOutbox(t *testing.T) {
	app := schemaapp.New(t)
	askFor(t, app, "Ana Lima", "ana@northwind.example")
	w := &outbox.Worker{App: app, Compose: mail.ComposeBatch, OnOutcome: asks.FollowEmail}
	rep, err := w.DeliverDue()
	if err != nil || rep != (outbox.Report{}) {
		t.Fatalf("with no SMTP configured the worker did %+v, %v", rep, err)
	}
	if n, _ := app.CountRecords("outbox"); n != 1 {
		t.Errorf("%d rows", n)
	}
	row, _ := app.FindFirstRecordByFilter("outbox", "")
	if row.GetString("status") != "pending" || row.GetInt("attempts") != 0 {
		t.Errorf("the email did not wait untouched: %v", row.FieldsData())
	}
}

func TestRecoverRequeuesRowsACrashLeftSending(t *testing.T) {
	app := schemaapp.New(t)
	askFor(t, app, "Ana Lima", "ana@northwind.example")
	if _, err := app.DB().NewQuery("UPDATE outbox SET status = 'sending', attempts = 1").Execute(); err != nil {
		t.Fatal(err)
	}
	if err := outbox.Recover(app); err != nil {
		t.Fatal(err)
	}
	row, _ := app.FindFirstRecordByFilter("outbox", "")
	if row.GetString("status") != "pending" {
		t.Errorf("status %s after recovery", row.GetString("status"))
	}
}

func TestBackoffDoublesUpToSixHours(t *testing.T) {
	for attempts, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 20: 6 * time.Hour} {
		if got := outbox.Backoff(attempts); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempts, got, want)
		}
	}
}
