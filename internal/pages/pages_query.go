package pages

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
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

// FindBySlug finds the English page with a slug.
func FindBySlug(app core.App, slug string) (*core.Record, error) {
	return FindIn(app, slug, locale.English)
}

// FindIn finds the page with a slug written in loc, with no fallback: the
// editor writes exactly that page. sql.ErrNoRows when it has none.
func FindIn(app core.App, slug, loc string) (*core.Record, error) {
	r := &core.Record{}
	err := app.RecordQuery("pages").AndWhere(dbx.HashExp{"slug": slug}).AndWhere(locale.WrittenIn(loc)).Limit(1).One(r)
	return r, err
}
