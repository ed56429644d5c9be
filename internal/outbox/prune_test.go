package outbox_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/outbox"
	"warmloop/tests/schemaapp"
)

// pruneRow queues an email or webhook row and gives it a status and, for a
// sent row, the time it went.
func pruneRow(t *testing.T, app core.App, kind, status string, sentAt time.Time) *core.Record {
	t.Helper()
	var r *core.Record
	var err error
	if kind == "webhook" {
		r, err = outbox.QueueWebhook(app, "https://crm.example/hook", "referral.created",
			map[string]any{"referee_email": "jo@fabrikam.example", "referee_name": "Jo Bloggs"})
	} else {
		r, err = outbox.QueueEmail(app, "jo@fabrikam.example", "Jo, meet Acme", map[string]any{"template": "intro_email", "referral": "abc"})
	}
	if err != nil {
		t.Fatal(err)
	}
	sent := ""
	if !sentAt.IsZero() {
		sent = sentAt.UTC().Format(types.DefaultDateLayout)
	}
	if _, err := app.DB().Update("outbox", dbx.Params{"status": status, "sent_at": sent}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	return r
}

// hasBody reports whether a row still holds its payload.
func hasBody(t *testing.T, app core.App, id string) bool {
	t.Helper()
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM outbox WHERE id = {:id} AND payload IS NOT NULL AND payload != 'null'").
		Bind(dbx.Params{"id": id}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func TestPruneRemovesOnlyTheBodiesOfRowsSentBeforeTheCutoff(t *testing.T) {
	app := schemaapp.New(t)
	now := time.Now()
	cutoff := now.AddDate(0, 0, -90)
	old := now.AddDate(0, 0, -91)
	rows := []struct {
		name       string
		row        *core.Record
		wantPruned bool
	}{
		{"an email sent 91 days ago", pruneRow(t, app, "email", "sent", old), true},
		{"a webhook sent 91 days ago", pruneRow(t, app, "webhook", "sent", old), true},
		{"an email sent 89 days ago", pruneRow(t, app, "email", "sent", now.AddDate(0, 0, -89)), false},
		{"a webhook sent yesterday", pruneRow(t, app, "webhook", "sent", now.AddDate(0, 0, -1)), false},
		{"an email still waiting since long ago", pruneRow(t, app, "email", "pending", time.Time{}), false},
		{"a webhook that failed long ago", pruneRow(t, app, "webhook", "failed", old), false},
		{"an email in flight", pruneRow(t, app, "email", "sending", time.Time{}), false},
	}
	n, err := outbox.Prune(app, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("pruned %d rows, want 2", n)
	}
	for _, r := range rows {
		if got := !hasBody(t, app, r.row.Id); got != r.wantPruned {
			t.Errorf("%s: pruned = %v, want %v", r.name, got, r.wantPruned)
		}
		if _, err := app.FindRecordById("outbox", r.row.Id); err != nil {
			t.Errorf("%s: the row itself is gone: %v", r.name, err)
		}
	}
	again, err := outbox.Prune(app, cutoff)
	if err != nil || again != 0 {
		t.Errorf("a second prune changed %d rows (%v), want 0", again, err)
	}
}

func TestPrunedWebhookBodyNoLongerHoldsThePerson(t *testing.T) {
	app := schemaapp.New(t)
	row := pruneRow(t, app, "webhook", "sent", time.Now().AddDate(0, 0, -100))
	if _, err := outbox.Prune(app, time.Now().AddDate(0, 0, -90)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%fabrikam%' OR payload LIKE '%Bloggs%'").Row(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d outbox rows still hold the referee after pruning", n)
	}
	got, err := app.FindRecordById("outbox", row.Id)
	if err != nil || got.GetString("to") != "https://crm.example/hook" || got.GetString("status") != "sent" {
		t.Errorf("the pruned row lost what the outbox shows: %v, %v", got, err)
	}
}
