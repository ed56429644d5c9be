package customers_test

import (
	"slices"
	"strings"
	"testing"

	"warmloop/internal/customers"
)

func TestCleanTagsKeepsShortDistinctLowerCaseWords(t *testing.T) {
	for _, c := range []struct {
		raw     string
		want    []string
		problem bool
	}{
		{raw: ``, want: []string{}},
		{raw: `null`, want: []string{}},
		{raw: `["Pilot", " pilot ", "EMEA  west"]`, want: []string{"pilot", "emea west"}},
		{raw: `["` + strings.Repeat("x", 31) + `"]`, problem: true},
		{raw: `["a,b"]`, problem: true},
		{raw: `[" "]`, problem: true},
		{raw: `{"tag": "pilot"}`, problem: true},
		{raw: `[1, 2]`, problem: true},
	} {
		got, problem := customers.CleanTags([]byte(c.raw))
		if (problem != "") != c.problem || (!c.problem && !slices.Equal(got, c.want)) {
			t.Errorf("CleanTags(%s) = %q, %q", c.raw, got, problem)
		}
	}
	many := `["`
	for i := range customers.MaxTags + 1 {
		if i > 0 {
			many += `", "`
		}
		many += strings.Repeat("t", i+1)
	}
	if _, problem := customers.CleanTags([]byte(many + `"]`)); problem == "" {
		t.Errorf("%d tags were accepted", customers.MaxTags+1)
	}
}

func TestTagPutsATagOnTheChosenCustomersOnceAndTheListFiltersByIt(t *testing.T) {
	app := listApp(t)
	ana, _ := customers.FindByEmail(app, "ana@northwind.example")
	dan, _ := customers.FindByEmail(app, "dan@drumlin.example")
	if n, err := customers.Tag(app, []string{ana.Id, dan.Id, "nobody"}, " Pilot ", true); err != nil || n != 2 {
		t.Fatalf("tagged %d, %v; want 2", n, err)
	}
	if n, err := customers.Tag(app, []string{ana.Id}, "pilot", true); err != nil || n != 0 {
		t.Errorf("tagging again changed %d, %v", n, err)
	}
	if n, err := customers.Tag(app, []string{dan.Id}, "emea", true); err != nil || n != 1 {
		t.Fatalf("tagged %d, %v", n, err)
	}
	rows, err := customers.List(app, customers.Filter{Tag: "pilot"}, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(rows); !slices.Equal(got, []string{"Dan Reyes", "Ana Lima"}) {
		t.Errorf("tagged pilot: %v", got)
	}
	if n, _ := customers.Count(app, customers.Filter{Tag: "emea"}); n != 1 {
		t.Errorf("%d customers tagged emea, want 1", n)
	}
	if got, err := customers.AllTags(app); err != nil || !slices.Equal(got, []string{"emea", "pilot"}) {
		t.Errorf("AllTags = %v, %v", got, err)
	}
	if n, err := customers.Tag(app, []string{ana.Id, dan.Id}, "pilot", false); err != nil || n != 2 {
		t.Errorf("untagged %d, %v", n, err)
	}
	if n, _ := customers.Count(app, customers.Filter{Tag: "pilot"}); n != 0 {
		t.Errorf("%d still tagged pilot", n)
	}
}

// names lists the names of listed customers, in order.
func names(rows []customers.ListRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func TestSearchFindsCustomersByPartOfANameEmailOrCompanyAndNobodyForNothing(t *testing.T) {
	app := listApp(t)
	for q, want := range map[string][]string{
		"north": {"Ana Lima"}, "DRUM": {"Dan Reyes"}, "a": {"Ana Lima", "Cara Diaz", "Dan Reyes"},
		"_": {"Under Score"}, "  ": nil, "zzz": nil,
	} {
		found, err := customers.Search(app, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range found {
			got = append(got, m.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
}
