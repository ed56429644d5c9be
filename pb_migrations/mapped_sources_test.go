package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// mappedSourcesMigration is migration 1764000021, to run by hand on an app.
func mappedSourcesMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000021_mapped_sources.go" {
			return m
		}
	}
	t.Fatal("migration 1764000021_mapped_sources.go is not registered")
	return nil
}

// hasCollection says whether app has a collection by that name.
func hasCollection(app core.App, name string) bool {
	_, err := app.FindCollectionByNameOrId(name)
	return err == nil
}

func TestTheMappedSourcesMigrationAddsSourcesAndTheirDeliveriesAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if !hasCollection(app, "sources") || !hasCollection(app, "source_deliveries") {
		t.Fatal("after up: sources or source_deliveries is missing")
	}
	sources, _ := app.FindCollectionByNameOrId("sources")
	if f, ok := sources.Fields.GetByName("secret").(*core.TextField); !ok || !f.Hidden {
		t.Error("the secret field is missing or not hidden")
	}
	mig := mappedSourcesMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if hasCollection(app, "sources") || hasCollection(app, "source_deliveries") {
		t.Fatal("after down: a collection of the migration is left")
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if !hasCollection(app, "sources") || !hasCollection(app, "source_deliveries") {
		t.Fatal("after up again: sources or source_deliveries is missing")
	}
}
