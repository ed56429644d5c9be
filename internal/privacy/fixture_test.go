package privacy_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/outbox"
	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
)

// The privacy tests run on the schema-only app: what a test sees is what
// Export and Erase do themselves.
func TestMain(m *testing.M) { schemaapp.Main(m) }

// jo is a program where Jo Bloggs is everything a person can be: a
// customer referred by Ana, with a moment, an ask, a referral of their own,
// a reward, emails and webhooks. Ana, Ben and Kim are other people, whose
// data must be left alone.
type jo struct {
	app                            core.App
	customer, moment, ask, reward  *core.Record
	fromAna, byJo, anaToBen        *core.Record
	emails, webhooks, others       []*core.Record // others: outbox rows that are not about Jo
	askToken, shareCode, introCode string
	sentBefore                     map[string]bool // outbox row id → it was sent before the test
}

// joEmail is Jo's address as Jo's customer record holds it; Ana typed it
// with capitals when she introduced Jo. (Jo's reward notice went to an
// address Jo had before.)
const (
	joEmail      = "jo@fabrikam.example"
	joAsAnaTyped = "Jo@Fabrikam.example"
)

// newJo builds the program.
func newJo(t *testing.T) *jo {
	t.Helper()
	app := schemaapp.New(t)
	now := time.Now().UTC()
	f := &jo{app: app, sentBefore: map[string]bool{}}
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
	f.fromAna = schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Jo Bloggs", "referee_email": joAsAnaTyped, "referee_company": "Fabrikam",
		"message": "Jo Bloggs at Fabrikam has our old problem.", "phone": "+44 20 7946 0000", "preferred_times": "Tuesdays",
		"status": "won", "pipeline_value": 10000, "won_value": 8000, "channel": "landing",
	})
	f.anaToBen = schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Ben Okafor", "referee_email": "ben@bluepeak.example",
		"status": "qualified", "pipeline_value": 3000, "channel": "landing",
	})
	f.customer = schemaapp.Customer(t, app, "Jo Bloggs", joEmail, map[string]any{
		"company": "Fabrikam", "title": "CTO", "source": "referral", "referred_by": f.fromAna.Id, "wall_opt_in": true,
		"next_ask_at": now.AddDate(0, 1, 0),
	})
	f.fromAna.Set("referee_customer", f.customer.Id)
	if err := app.Save(f.fromAna); err != nil {
		t.Fatal(err)
	}
	f.moment = schemaapp.Save(t, app, "moments", map[string]any{
		"customer": f.customer.Id, "kind": "nps", "score": 10, "comment": "Jo Bloggs: the best tool we bought",
		"source": "typeform", "external_id": "resp-jo-1", "occurred_at": now.AddDate(0, 0, -6), "decision": "asked",
	})
	f.ask = schemaapp.Save(t, app, "asks", map[string]any{
		"customer": f.customer.Id, "moment": f.moment.Id, "touch": 1, "status": "referred",
		"sent_at": now.AddDate(0, 0, -5), "clicked_at": now.AddDate(0, 0, -5),
	})
	f.byJo = schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": f.customer.Id, "ask": f.ask.Id, "referee_name": "Kim Park", "referee_email": "kim@contoso.example",
		"message": "Kim, it's Jo Bloggs: you should see this.", "status": "qualified", "pipeline_value": 5000, "channel": "landing",
	})
	f.history(t, now)
	// The team's notes: one on the deal Jo is, one on the deal Jo brought.
	schemaapp.Save(t, app, "referral_notes", map[string]any{
		"referral": f.fromAna.Id, "author": "sales@example.com", "body": "Jo Bloggs asked for a call on Friday",
	})
	schemaapp.Save(t, app, "referral_notes", map[string]any{
		"referral": f.byJo.Id, "author": "sales@example.com", "body": "Kim's budget is approved",
	})
	tier, err := app.FindFirstRecordByFilter("tiers", "")
	if err != nil {
		t.Fatal(err)
	}
	f.reward = schemaapp.Save(t, app, "rewards", map[string]any{
		"referrer": f.customer.Id, "tier": tier.Id, "incentive": tier.GetString("incentive"), "referral": f.byJo.Id,
		"status": "fulfilled", "note": "Sent to Jo Bloggs at the Fabrikam office",
	})
	f.askToken, f.shareCode, f.introCode = f.ask.GetString("token"), f.customer.GetString("referral_code"), f.fromAna.GetString("code")
	f.queueMail(t, ana)
	return f
}

// history writes each referral's moves, as the referrals hook would, so
// the funnel and the pipeline figures count them.
func (f *jo) history(t *testing.T, now time.Time) {
	t.Helper()
	for _, m := range []struct {
		r        *core.Record
		from, to string
		daysAgo  int
	}{
		{f.fromAna, "", "invited", 20}, {f.fromAna, "invited", "qualified", 15}, {f.fromAna, "qualified", "won", 10},
		{f.anaToBen, "", "invited", 8}, {f.anaToBen, "invited", "qualified", 7},
		{f.byJo, "", "invited", 4}, {f.byJo, "invited", "qualified", 3},
	} {
		if err := referrals.LogMove(f.app, m.r.Id, m.from, m.to, now.AddDate(0, 0, -m.daysAgo), "", ""); err != nil {
			t.Fatal(err)
		}
	}
}

// queueMail fills the outbox as the program would have.
func (f *jo) queueMail(t *testing.T, ana *core.Record) {
	t.Helper()
	email := func(to, subject, status string, payload map[string]any) *core.Record {
		r, err := outbox.QueueEmail(f.app, to, subject, payload)
		if err != nil {
			t.Fatal(err)
		}
		setStatus(t, f.app, r, status)
		f.sentBefore[r.Id] = status == "sent"
		return r
	}
	webhook := func(event, status string, data map[string]any) *core.Record {
		// The envelope outbox.QueueEvent puts around an event's data.
		body := map[string]any{"id": "evt_" + event, "type": event, "data": data}
		r, err := outbox.QueueWebhook(f.app, "https://crm.example/hooks/warmloop", event, body)
		if err != nil {
			t.Fatal(err)
		}
		setStatus(t, f.app, r, status)
		f.sentBefore[r.Id] = status == "sent"
		return r
	}
	f.emails = []*core.Record{
		email(joEmail, "Jo, a quick favour?", "sent", map[string]any{"template": "ask_email", "ask": f.ask.Id}),
		email(joAsAnaTyped, "Ana Lima introduces you to Acme", "sent", map[string]any{"template": "intro_email", "referral": f.fromAna.Id}),
		email("sales@acme.example", "New referral: Jo Bloggs (Fabrikam)", "pending", map[string]any{"template": "sales_new_referral", "referral": f.fromAna.Id}),
		email("kim@contoso.example", "Jo Bloggs introduces you to Acme", "failed", map[string]any{"template": "intro_email", "referral": f.byJo.Id}),
		email("jo.bloggs@oldmail.example", "Your reward is on its way", "sending", map[string]any{"template": "reward_fulfilled", "reward": f.reward.Id}),
	}
	f.webhooks = []*core.Record{
		webhook("referral.created", "sent", map[string]any{"referral": map[string]any{
			"id": f.fromAna.Id, "referee_name": "Jo Bloggs", "referee_email": joAsAnaTyped}}),
		webhook("customer.created", "pending", map[string]any{"customer": map[string]any{"id": f.customer.Id, "name": "Jo Bloggs"}}),
	}
	f.others = []*core.Record{
		email(ana.GetString("email"), "Ana, a quick favour?", "sent", map[string]any{"template": "ask_email"}),
		email("ben@bluepeak.example", "Ana Lima introduces you to Acme", "pending", map[string]any{"template": "intro_email", "referral": f.anaToBen.Id}),
		webhook("referral.created", "sent", map[string]any{"referral": map[string]any{
			"id": f.anaToBen.Id, "referee_name": "Ben Okafor", "referee_email": "ben@bluepeak.example"}}),
	}
}

// setStatus gives an outbox row a status, and a sent row the time it went.
func setStatus(t *testing.T, app core.App, r *core.Record, status string) {
	t.Helper()
	sent := ""
	if status == "sent" {
		sent = types.NowDateTime().String()
	}
	if _, err := app.DB().Update("outbox", dbx.Params{"status": status, "sent_at": sent}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// ids lists the ids of records.
func ids(rs ...*core.Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Id
	}
	return out
}
