package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// customerTagsMigration is migration 1764000022, to run by hand on an app.
func customerTagsMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000022_customer_tags.go" {
			return m
		}
	}
	t.Fatal("migration 1764000022_customer_tags.go is not registered")
	return nil
}

// customerTagFields says whether customers have the tags and import
// fields, and imports their undone_at and undone_count.
func customerTagFields(t *testing.T, app core.App) (tags, imp bool) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		t.Fatal(err)
	}
	i, err := app.FindCollectionByNameOrId("imports")
	if err != nil {
		t.Fatal(err)
	}
	undo := i.Fields.GetByName("undone_at") != nil && i.Fields.GetByName("undone_count") != nil
	return c.Fields.GetByName("tags") != nil, c.Fields.GetByName("import") != nil && undo
}

func TestTheCustomerTagsMigrationAddsTagsAndTheImportLinkAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if tags, imp := customerTagFields(t, app); !tags || !imp {
		t.Fatalf("after up: tags %v, import %v", tags, imp)
	}
	c, _ := app.FindCollectionByNameOrId("customers")
	if rel, _ := c.Fields.GetByName("import").(*core.RelationField); rel == nil || rel.CascadeDelete || rel.Required {
		t.Errorf("import should be an optional relation that deletes nothing, got %#v", rel)
	}
	rec := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"tags": []string{"pilot"}})
	if got := rec.GetString("tags"); got != `["pilot"]` {
		t.Errorf("tags saved as %s", got)
	}

	m := customerTagsMigration(t)
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	if tags, imp := customerTagFields(t, app); tags || imp {
		t.Fatalf("after down: tags %v, import %v", tags, imp)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	if tags, imp := customerTagFields(t, app); !tags || !imp {
		t.Fatalf("after up again: tags %v, import %v", tags, imp)
	}
}
