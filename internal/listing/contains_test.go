package listing_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/listing"
	"warmloop/tests/schemaapp"
)

// namesContaining lists, by name, the customers whose name, email or
// company contains text.
func namesContaining(t *testing.T, app core.App, text string) []string {
	t.Helper()
	var names []string
	err := app.DB().Select("name").From("customers").
		Where(listing.ContainsAny(text, "name", "email", "company")).OrderBy("name").Column(&names)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestContainsAny(t *testing.T) {
	app := schemaapp.New(t)
	schemaapp.Customer(t, app, "Fresh Start", "fresh@fernhill.example", map[string]any{"company": "Fernhill"})
	schemaapp.Customer(t, app, "Under Score", "fresh_start@under.example", nil)
	schemaapp.Customer(t, app, "Per Cent", "pc@cent.example", map[string]any{"company": "100% Cotton"})
	schemaapp.Customer(t, app, "Back Slash", "bs@slash.example", map[string]any{"company": `A\B Tools`})
	// Matched by the wildcard readings of "100%" and `a\b`, never by the literal ones.
	schemaapp.Customer(t, app, "Acre Farmer", "acres@abbey.example", map[string]any{"company": "1000 Acres"})
	cases := []struct {
		name, text string
		want       []string
	}{
		{"the search takes an underscore literally", "fresh_", []string{"Under Score"}},
		{"the search takes a percent sign literally", "100%", []string{"Per Cent"}},
		{"the search takes a backslash literally", `a\b`, []string{"Back Slash"}},
		{"the search matches any of its columns", "fernhill", []string{"Fresh Start"}},
		{"the search ignores the case of letters", "UNDER", []string{"Under Score"}},
		{"a search that matches nothing finds nobody", "nobody@nowhere", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := namesContaining(t, app, c.text); !slices.Equal(got, c.want) {
				t.Errorf("searching %q found %q, want %q", c.text, got, c.want)
			}
		})
	}
}
