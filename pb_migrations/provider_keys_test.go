package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// providerKeys are the settings migration 1764000019 adds.
var providerKeys = []string{"delighted_secret", "survicate_secret", "wootric_secret", "asknicely_secret"}

// providerKeysState counts the provider keys the settings have, and says
// whether moments have their revision.
func providerKeysState(t *testing.T, app core.App) (keys int, revision bool) {
	t.Helper()
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range providerKeys {
		if settings.Fields.GetByName(name) != nil {
			keys++
		}
	}
	moments, err := app.FindCollectionByNameOrId("moments")
	if err != nil {
		t.Fatal(err)
	}
	return keys, moments.Fields.GetByName("revision") != nil
}

func TestTheProviderKeysMigrationAddsEachToolsKeyAndTheMomentRevisionAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if keys, rev := providerKeysState(t, app); keys != len(providerKeys) || !rev {
		t.Fatalf("after up: %d of %d provider keys, moment revision %v", keys, len(providerKeys), rev)
	}
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range providerKeys {
		if r.GetString(name) != "" {
			t.Errorf("a fresh program starts with %s %q; want it empty, so nps_secret is the key", name, r.GetString(name))
		}
	}
	var mig *core.Migration
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000019_provider_keys.go" {
			mig = m
		}
	}
	if mig == nil {
		t.Fatal("migration 1764000019_provider_keys.go is not registered")
	}
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if keys, rev := providerKeysState(t, app); keys != 0 || rev {
		t.Fatalf("after down: %d provider keys, moment revision %v; want none", keys, rev)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if keys, rev := providerKeysState(t, app); keys != len(providerKeys) || !rev {
		t.Fatalf("after up again: %d provider keys, moment revision %v", keys, rev)
	}
}
