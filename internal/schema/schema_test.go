package schema_test

import (
	"slices"
	"testing"

	"warmloop/internal/schema"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

func TestSelectValues(t *testing.T) {
	app := schemaapp.New(t)
	cases := []struct {
		name, collection, field string
		want                    []string
	}{
		{"a select field lists the schema's values in order", "customers", "source", []string{"direct", "referral", "import"}},
		{"the moment kinds come from the schema", "moments", "kind", []string{"nps", "renewal", "support_win", "first_outcome", "custom"}},
		{"a field that is not a select has no values", "customers", "name", nil},
		{"an unknown field has no values", "customers", "nosuchfield", nil},
		{"an unknown collection has no values", "nosuchcollection", "source", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := schema.SelectValues(app, c.collection, c.field); !slices.Equal(got, c.want) {
				t.Errorf("SelectValues(%q, %q) = %q, want %q", c.collection, c.field, got, c.want)
			}
		})
	}
}
