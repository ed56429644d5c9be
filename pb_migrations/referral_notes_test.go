package pb_migrations_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// referralNotesMigration is migration 1764000017, to run by hand on an app.
func referralNotesMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000017_referral_notes.go" {
			return m
		}
	}
	t.Fatal("migration 1764000017_referral_notes.go is not registered")
	return nil
}

func TestTheReferralNotesMigrationAddsNotesSuperusersOnlyAndUndoes(t *testing.T) {
	app := testapp.New(t)
	notes, err := app.FindCollectionByNameOrId("referral_notes")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"referral", "author", "body", "created"} {
		if notes.Fields.GetByName(name) == nil {
			t.Errorf("referral_notes has no %s field", name)
		}
	}
	if rel, _ := notes.Fields.GetByName("referral").(*core.RelationField); rel == nil || !rel.CascadeDelete || !rel.Required {
		t.Errorf("a note's referral is not a required relation that goes with its referral: %+v", rel)
	}
	if notes.ListRule != nil || notes.ViewRule != nil || notes.CreateRule != nil || notes.UpdateRule != nil || notes.DeleteRule != nil {
		t.Error("referral_notes is open beyond superusers")
	}
	mig := referralNotesMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindCollectionByNameOrId("referral_notes"); err == nil {
		t.Fatal("after down: referral_notes is still there")
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindCollectionByNameOrId("referral_notes"); err != nil {
		t.Fatalf("after up again: %v", err)
	}
}

func TestTheReferralNotesMigrationGivesQueuedWebhooksTheirReferral(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	jo := testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Jo",
		"referee_email": "jo@fabrikam.example", "status": "invited"})
	webhook := func(body map[string]any) *core.Record {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		return testapp.Save(t, app, "outbox", map[string]any{"kind": "webhook", "to": "https://crm.example/hook",
			"subject": "x", "status": "sent", "payload": map[string]any{"event": "x", "body": string(raw)}})
	}
	about := webhook(map[string]any{"type": "referral.created", "data": map[string]any{"referral": map[string]any{"id": jo.Id}}})
	gone := webhook(map[string]any{"type": "referral.created", "data": map[string]any{"referral": map[string]any{"id": "nosuchreferral1"}}})
	other := webhook(map[string]any{"type": "customer.created", "data": map[string]any{"customer": map[string]any{"id": ana.Id}}})
	pruned := testapp.Save(t, app, "outbox", map[string]any{"kind": "webhook", "to": "https://crm.example/hook", "status": "sent"})
	// The rows predate the migration: run it again over them.
	mig := referralNotesMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		row  *core.Record
		want string
	}{{about, jo.Id}, {gone, ""}, {other, ""}, {pruned, ""}} {
		got, err := app.FindRecordById("outbox", c.row.Id)
		if err != nil {
			t.Fatal(err)
		}
		if got.GetString("referral") != c.want {
			t.Errorf("webhook row %s: referral %q, want %q", c.row.Id, got.GetString("referral"), c.want)
		}
	}
}
