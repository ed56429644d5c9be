package listing_test

import (
	"slices"
	"testing"

	"warmloop/internal/listing"
	"warmloop/tests/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }

func TestContainsAnyTakesPercentAndUnderscoreLiterally(t *testing.T) {
	app := testapp.New(t)
	testapp.Customer(t, app, "Ana Lima", "ana_lima@northwind.example", map[string]any{"company": "100% Cotton"})
	testapp.Customer(t, app, "Anax Lima", "anaxlima@fabrikam.example", map[string]any{"company": "1000 Cotton"})
	testapp.Customer(t, app, `Back\slash`, "bs@contoso.example", nil)
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"an underscore matches only an underscore", "a_l", []string{"Ana Lima"}},
		{"a percent sign matches only a percent sign", "0%", []string{"Ana Lima"}},
		{"a backslash matches only a backslash", `k\s`, []string{`Back\slash`}},
		{"any column may match, case-insensitively", "COTTON", []string{"Ana Lima", "Anax Lima"}},
		{"text in no column matches nothing", "globex", nil},
	} {
		var got []string
		err := app.DB().Select("name").From("customers").
			Where(listing.ContainsAny(c.text, "name", "email", "company")).OrderBy("name").Column(&got)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q found %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

func TestCountByStatusCountsEveryStatusPresentAndNothingElse(t *testing.T) {
	app := testapp.New(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for i, status := range []string{"invited", "invited", "booked", "lost"} {
		testapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Referee",
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
