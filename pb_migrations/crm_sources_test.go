package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// crmSourceFields are the settings migration 1764000020 adds.
var crmSourceFields = []string{"zendesk_secret", "hubspot_secret", "stripe_secret", "crm_secret", "crm_stages"}

// crmSourcesPresent lists which of the fields the settings collection has.
func crmSourcesPresent(t *testing.T, app core.App) []string {
	t.Helper()
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, name := range crmSourceFields {
		if settings.Fields.GetByName(name) != nil {
			have = append(have, name)
		}
	}
	return have
}

func TestTheCRMSourcesMigrationAddsTheSigningKeysAndStageMapAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if have := crmSourcesPresent(t, app); len(have) != len(crmSourceFields) {
		t.Fatalf("after up the settings have %v, want %v", have, crmSourceFields)
	}
	var mig *core.Migration
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000020_crm_sources.go" {
			mig = m
		}
	}
	if mig == nil {
		t.Fatal("migration 1764000020_crm_sources.go is not registered")
	}
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if have := crmSourcesPresent(t, app); len(have) != 0 {
		t.Fatalf("after down the settings still have %v", have)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if have := crmSourcesPresent(t, app); len(have) != len(crmSourceFields) {
		t.Fatalf("after up again the settings have %v, want %v", have, crmSourceFields)
	}
}
