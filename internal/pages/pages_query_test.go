package pages_test

import (
	"slices"
	"testing"

	"warmloop/internal/pages"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

func TestThePagesAreListedInTheCatalogsOrderThenBySlug(t *testing.T) {
	app := schemaapp.New(t)
	for _, slug := range []string{"zz_custom", "aa_custom"} {
		schemaapp.Save(t, app, "pages", map[string]any{"slug": slug, "title": "Custom", "body": "Hello"})
	}
	recs, err := pages.List(app)
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, r := range recs {
		if l := r.GetString("locale"); l == "en" || l == "" { // each page is listed in every language it has; the order is the slugs'
			slugs = append(slugs, r.GetString("slug"))
		}
	}
	if want := append(slices.Clone(shippedSlugs), "aa_custom", "zz_custom"); !slices.Equal(slugs, want) {
		t.Errorf("listed %v, want %v", slugs, want)
	}
}

func TestAPageIsFoundByItsSlug(t *testing.T) {
	app := schemaapp.New(t)
	if r, err := pages.FindBySlug(app, "landing"); err != nil || r.GetString("slug") != "landing" {
		t.Errorf("FindBySlug(landing) = %v, %v", r, err)
	}
	if _, err := pages.FindBySlug(app, "nope"); err == nil {
		t.Error("a page that does not exist was found")
	}
}
