package hooks_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/tests/testapp"
)

// chatReceiver is a chat tool's incoming webhook on loopback: it answers
// each post with the next status of its script (200 once the script runs
// out) and keeps the text of every post it accepted.
type chatReceiver struct {
	mu       sync.Mutex
	script   []int
	posts    int
	accepted []string
	signed   bool
}

func (c *chatReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.posts++
	c.signed = c.signed || r.Header.Get(outbox.SignatureHeader) != ""
	if len(c.script) > 0 {
		status := c.script[0]
		c.script = c.script[1:]
		if status != http.StatusOK {
			http.Error(w, "try later", status)
			return
		}
	}
	var msg struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &msg); err != nil || msg.Text == "" {
		http.Error(w, "no_text", http.StatusBadRequest)
		return
	}
	c.accepted = append(c.accepted, msg.Text)
	_, _ = io.WriteString(w, "ok")
}

// texts are the notes accepted so far.
func (c *chatReceiver) texts() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.accepted...)
}

// newReferral is the "New referral" note accepted, "" when none was.
func (c *chatReceiver) newReferral() string {
	for _, text := range c.texts() {
		if strings.HasPrefix(text, "New referral:") {
			return text
		}
	}
	return ""
}

// chatApp is a full app whose settings post chat notes to a receiver on
// loopback, links built on https://refer.acme.example, and a webhook
// signing secret set (which chat notes must not carry).
func chatApp(t *testing.T, rc *chatReceiver) (*httptest.Server, core.App) {
	t.Helper()
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	app := testapp.New(t)
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("chat_webhook_url", srv.URL+"/hooks/T000/B000/secret")
	s.Set("app_url", "https://refer.acme.example")
	s.Set("webhook_secret", "a-long-signing-secret")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	return srv, app
}

// deliverWebhooks runs the webhook loop once at now, as the outbox job does.
func deliverWebhooks(t *testing.T, app core.App, now time.Time) outbox.Report {
	t.Helper()
	w := &outbox.Webhooks{App: app, Secret: func() string { return "a-long-signing-secret" }, Now: func() time.Time { return now }}
	rep, err := w.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// chatRows counts the chat notes queued with an event.
func chatRows(t *testing.T, app core.App, event string) int {
	t.Helper()
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND subject = {:e}").
		Bind(dbx.Params{"e": event}).Row(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestANewReferralPostsANoteWithItsLinkToTheChatReceiver(t *testing.T) {
	rc := &chatReceiver{}
	_, app := chatApp(t, rc)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
	ref := testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Sam Rivera",
		"referee_email": "sam@globex.example", "referee_company": "Globex", "status": "invited", "channel": "landing"})

	deliverWebhooks(t, app, time.Now())
	note := rc.newReferral()
	want := "New referral: Sam Rivera (Globex), introduced by Ana Lima of Northwind. <https://refer.acme.example/dashboard/referrals/" + ref.Id + "|Open the referral>"
	if note != want {
		t.Fatalf("the receiver got %q\nwant the note %q", rc.texts(), want)
	}
	if rc.signed {
		t.Error("a chat note carried the CRM webhook's signature header")
	}
	row, err := app.FindFirstRecordByFilter("outbox", "subject = 'chat.referral_created'")
	if err != nil || row.GetString("referral") != ref.Id || row.GetString("status") != "sent" {
		t.Fatalf("the note's outbox row: %v, %v; want it sent and filed under the referral", row, err)
	}
}

func TestBookedWonAndARewardEachPostTheirNote(t *testing.T) {
	rc := &chatReceiver{}
	_, app := chatApp(t, rc)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	ref := testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Sam Rivera",
		"referee_email": "sam@globex.example", "status": "invited", "channel": "landing"})
	ref.Set("status", "booked")
	if err := app.Save(ref); err != nil {
		t.Fatal(err)
	}
	ref.Set("status", "won")
	ref.Set("won_value", 18500)
	if err := app.Save(ref); err != nil {
		t.Fatal(err)
	}
	deliverWebhooks(t, app, time.Now())

	link := " <https://refer.acme.example/dashboard/referrals/" + ref.Id + "|Open the referral>"
	got := strings.Join(rc.texts(), "\n")
	for _, want := range []string{
		"Sam Rivera booked a meeting, introduced by Ana Lima." + link,
		"Won: Sam Rivera is now a customer, worth $18,500, introduced by Ana Lima." + link,
		"Ana Lima earned a reward: ", // the first introduction's tier
		"It waits for your approval. <https://refer.acme.example/dashboard/rewards?status=earned|Open the rewards queue>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no note with %q among:\n%s", want, got)
		}
	}
	for _, event := range []string{"chat.referral_created", "chat.referral_booked", "chat.referral_won"} {
		if n := chatRows(t, app, event); n != 1 {
			t.Errorf("%s: %d notes queued, want 1", event, n)
		}
	}
	if n := chatRows(t, app, "chat.reward_earned"); n < 1 {
		t.Error("earning a reward queued no note")
	}
}

func TestANameThatTriesToPingTheChannelIsPostedAsWords(t *testing.T) {
	rc := &chatReceiver{}
	_, app := chatApp(t, rc)
	ana := testapp.Customer(t, app, "@here Ana", "ana@northwind.example", nil)
	testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "<!channel> & <https://evil.example|click>",
		"referee_email": "sam@globex.example", "referee_company": "[Globex](https://evil.example)", "status": "invited", "channel": "landing"})
	deliverWebhooks(t, app, time.Now())

	note := rc.newReferral()
	want := "New referral: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; ([Globex]\u200b(https://evil.example)), introduced by @\u200bhere Ana."
	if !strings.HasPrefix(note, want) {
		t.Fatalf("the note reads %q\nwant it to start %q", note, want)
	}
	if strings.Contains(note, "<!channel>") || strings.Contains(note, "@here") {
		t.Errorf("the note can still ping the channel: %q", note)
	}
}

func TestANoteTheReceiverRefusesWith500IsRetriedUntilItArrives(t *testing.T) {
	rc := &chatReceiver{script: []int{http.StatusInternalServerError}}
	_, app := chatApp(t, rc)
	// No tier for a first referral here: the one note is the referral's.
	if _, err := app.DB().NewQuery("DELETE FROM tiers").Execute(); err != nil {
		t.Fatal(err)
	}
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Sam Rivera",
		"referee_email": "sam@globex.example", "status": "invited", "channel": "landing"})

	now := time.Now()
	if rep := deliverWebhooks(t, app, now); rep.Retried != 1 || rep.Sent != 0 || len(rc.texts()) != 0 {
		t.Fatalf("first pass: %+v, accepted %q; want the one note retried after the 500", rep, rc.texts())
	}
	row, err := app.FindFirstRecordByFilter("outbox", "subject = 'chat.referral_created'")
	if err != nil || row.GetString("status") != "pending" || !strings.Contains(row.GetString("last_error"), "500") {
		t.Fatalf("after the 500 the row is %v (%v); want it pending with the receiver's answer", row, err)
	}
	if rep := deliverWebhooks(t, app, now.Add(2*time.Minute)); rep.Sent != 1 || len(rc.texts()) != 1 {
		t.Fatalf("after the backoff: %+v, accepted %q; want the note delivered once", rep, rc.texts())
	}
	if rc.posts != 2 {
		t.Errorf("the receiver was posted to %d times, want 2", rc.posts)
	}
}

func TestNoChatURLQueuesNoNotes(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Sam Rivera",
		"referee_email": "sam@globex.example", "status": "invited", "channel": "landing"})
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'chat.%'").Row(&n); err != nil || n != 0 {
		t.Fatalf("%d chat notes queued without a chat URL (%v)", n, err)
	}
}
