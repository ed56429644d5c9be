package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// capsMigration is this change's migration, run by hand to replay it on a
// program that already has asks.
func capsMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000013_caps_and_expiry.go" {
			return m
		}
	}
	t.Fatal("the caps and expiry migration is not registered")
	return nil
}

func TestTheCapsMigrationGivesEveryExistingAskItsOwnUnsubscribeKey(t *testing.T) {
	app := testapp.New(t)
	mig := capsMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal("down:", err)
	}
	asks, _ := app.FindCollectionByNameOrId("asks")
	settings, _ := app.FindCollectionByNameOrId("settings")
	if asks.Fields.GetByName("unsubscribe_token") != nil || settings.Fields.GetByName("ask_link_days") != nil {
		t.Fatal("down left the new fields")
	}
	if _, err := app.FindCollectionByNameOrId("refusals"); err == nil {
		t.Fatal("down left the refusals")
	}
	// A program of before: its settings still save through the hooks, and
	// it has asks, each with only its token.
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("touch_limit", 4)
	if err := app.Save(s); err != nil {
		t.Fatal("the settings of a schema without the caps were refused:", err)
	}
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	var tokens []string
	for touch := 1; touch <= 3; touch++ {
		a := testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": touch, "status": "sent"})
		tokens = append(tokens, a.GetString("token"))
	}

	if err := mig.Up(app); err != nil {
		t.Fatal("up:", err)
	}
	seen := map[string]bool{}
	for _, tok := range tokens {
		a, err := app.FindFirstRecordByData("asks", "token", tok)
		if err != nil {
			t.Fatal(err)
		}
		key := a.GetString("unsubscribe_token")
		if len(key) != 22 || key == tok || seen[key] {
			t.Errorf("ask %s: unsubscribe key %q, want 22 characters of its own", a.Id, key)
		}
		seen[key] = true
	}
	s, _ = app.FindFirstRecordByFilter("settings", "")
	if s.GetInt("ask_intros_per_day") != 5 || s.GetInt("referrer_intros_per_week") != 20 || s.GetInt("ask_link_days") != 90 {
		t.Errorf("the caps after up: %d a day, %d a week, %d days; want 5, 20, 90",
			s.GetInt("ask_intros_per_day"), s.GetInt("referrer_intros_per_week"), s.GetInt("ask_link_days"))
	}
	a := testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 4, "status": "queued"})
	if len(a.GetString("unsubscribe_token")) != 22 || seen[a.GetString("unsubscribe_token")] {
		t.Errorf("a new ask's unsubscribe key: %q", a.GetString("unsubscribe_token"))
	}
	dup := testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 5, "status": "queued"})
	dup.Set("unsubscribe_token", a.GetString("unsubscribe_token"))
	if err := app.Save(dup); err == nil {
		t.Error("two asks saved with one unsubscribe key")
	}
}

func TestTheRefusalsAreForSuperusersOnly(t *testing.T) {
	app := testapp.New(t)
	refusals, err := app.FindCollectionByNameOrId("refusals")
	if err != nil {
		t.Fatal(err)
	}
	if refusals.ListRule != nil || refusals.ViewRule != nil || refusals.CreateRule != nil ||
		refusals.UpdateRule != nil || refusals.DeleteRule != nil {
		t.Error("the refusals are open to someone other than superusers")
	}
}
