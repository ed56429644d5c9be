package customers_test

import (
	"testing"

	"warmloop/internal/customers"
	"warmloop/tests/schemaapp"
)

func TestFootprintCountsWhatGoesWithCustomersAndDeleteTakesExactlyThat(t *testing.T) {
	app := listApp(t)
	ana, _ := customers.FindByEmail(app, "ana@northwind.example")
	cara, _ := customers.FindByEmail(app, "cara@corvid.example")
	dan, _ := customers.FindByEmail(app, "dan@drumlin.example")
	m := schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "renewal", "source": "api", "external_id": "r1", "occurred_at": "2025-01-02 10:00:00.000Z"})
	schemaapp.Save(t, app, "moments", map[string]any{"customer": cara.Id, "kind": "renewal", "source": "api", "external_id": "r2", "occurred_at": "2025-01-02 10:00:00.000Z"})
	schemaapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "moment": m.Id, "touch": 1, "token": "tok_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "status": "sent"})

	fp, err := customers.FootprintOf(app, []string{ana.Id, cara.Id, "nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (customers.Footprint{Customers: 2, Moments: 2, Asks: 1, Referrals: 2}); fp != want {
		t.Errorf("footprint %+v, want %+v", fp, want)
	}

	n, err := customers.Delete(app, []string{ana.Id, cara.Id, "nobody"})
	if err != nil || n != 2 {
		t.Fatalf("deleted %d, %v; want 2", n, err)
	}
	for table, want := range map[string]int{"customers": 2, "moments": 0, "asks": 0, "referrals": 0} {
		var got int
		if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + table).Row(&got); err != nil || got != want {
			t.Errorf("%s left: %d (%v), want %d", table, got, err, want)
		}
	}
	if _, err := app.FindRecordById("customers", dan.Id); err != nil {
		t.Errorf("a customer not chosen was deleted: %v", err)
	}
}
