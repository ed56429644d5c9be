package listing_test

import (
	"testing"

	"warmloop/internal/listing"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

func TestCountByStatusCountsEveryStatusPresentAndNothingElse(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for i, status := range []string{"invited", "invited", "booked", "lost"} {
		schemaapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Referee",
			"referee_email": string(rune('a'+i)) + "@fabrikam.example", "status": status})
	}
	counts, err := listing.CountByStatus(app, "referrals")
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 3 || counts["invited"] != 2 || counts["booked"] != 1 || counts["lost"] != 1 || counts["won"] != 0 {
		t.Fatalf("counts %v, want invited 2, booked 1, lost 1", counts)
	}
}
