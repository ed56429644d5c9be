package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// hasSourceField says whether the sources collection has the field.
func hasSourceField(t *testing.T, app core.App, name string) bool {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("sources")
	if err != nil {
		t.Fatal(err)
	}
	return c.Fields.GetByName(name) != nil
}

func TestTheSourceLocalePointerMigrationAddsTheFieldAndUndoesIt(t *testing.T) {
	app := testapp.New(t)
	if !hasSourceField(t, app, "locale_pointer") {
		t.Fatal("after up: sources has no locale_pointer")
	}
	var mig *core.Migration
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000033_source_locale_pointer.go" {
			mig = m
		}
	}
	if mig == nil {
		t.Fatal("migration 1764000033_source_locale_pointer.go is not registered")
	}
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if hasSourceField(t, app, "locale_pointer") {
		t.Fatal("after down: locale_pointer is left")
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if !hasSourceField(t, app, "locale_pointer") {
		t.Fatal("after up again: locale_pointer is missing")
	}
}
