package pages

import (
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// List lists every page: those of the catalog first, in its order, then
// any other by slug.
func List(app core.App) ([]*core.Record, error) {
	recs, err := app.FindAllRecords("pages")
	if err != nil {
		return nil, err
	}
	slices.SortFunc(recs, func(a, b *core.Record) int {
		if d := catalogIndex(a.GetString("slug")) - catalogIndex(b.GetString("slug")); d != 0 {
			return d
		}
		return strings.Compare(a.GetString("slug"), b.GetString("slug"))
	})
	return recs, nil
}

// FindBySlug finds the page with a slug.
func FindBySlug(app core.App, slug string) (*core.Record, error) {
	return app.FindFirstRecordByData("pages", "slug", slug)
}
