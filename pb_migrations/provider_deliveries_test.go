package pb_migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/testapp"
)

// providerDeliveriesMigration is migration 1764000024, to run by hand.
func providerDeliveriesMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000024_provider_deliveries.go" {
			return m
		}
	}
	t.Fatal("migration 1764000024_provider_deliveries.go is not registered")
	return nil
}

// deliveriesShape says whether source_deliveries has a provider field and
// whether its source is required.
func deliveriesShape(t *testing.T, app core.App) (hasProvider, sourceRequired bool) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("source_deliveries")
	if err != nil {
		t.Fatal(err)
	}
	src, ok := c.Fields.GetByName("source").(*core.RelationField)
	if !ok {
		t.Fatal("source_deliveries has no source relation")
	}
	return c.Fields.GetByName("provider") != nil && c.Fields.GetByName("referral") != nil, src.Required
}

func TestTheProviderDeliveriesMigrationMakesTheSourceOptionalAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if p, req := deliveriesShape(t, app); !p || req {
		t.Fatalf("after up: provider and referral %v, source required %v; want the fields, source optional", p, req)
	}
	c, _ := app.FindCollectionByNameOrId("source_deliveries")
	if c.GetIndex("idx_source_deliveries_provider") == "" {
		t.Error("after up: no index on (provider, created)")
	}
	row := core.NewRecord(c)
	row.Set("provider", "stripe")
	row.Set("outcome", "refused")
	if err := app.Save(row); err != nil {
		t.Fatal(err)
	}
	mig := providerDeliveriesMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if p, req := deliveriesShape(t, app); p || !req {
		t.Fatalf("after down: provider and referral %v, source required %v; want them gone, source required", p, req)
	}
	if n, _ := app.CountRecords("source_deliveries"); n != 0 {
		t.Errorf("after down: %d deliveries left without a source", n)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if p, req := deliveriesShape(t, app); !p || req {
		t.Fatalf("after up again: provider and referral %v, source required %v", p, req)
	}
}
