package pages

import (
	"database/sql"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/program"
)

// Find is the page a reader of lang reads: the page with this slug in lang,
// else in the program's default language, else in English, else in any
// language the slug exists in. A language a page lacks is never an error;
// only a slug no page has is (sql.ErrNoRows).
func Find(app core.App, slug, lang string) (*core.Record, error) {
	recs, err := app.FindRecordsByFilter("pages", "slug = {:slug}", "", 0, 0, dbx.Params{"slug": slug})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("no %s page: %w", slug, sql.ErrNoRows)
	}
	def := ""
	if s, err := program.Load(app); err == nil {
		def = s.DefaultLocale
	}
	for _, want := range []string{lang, def, locale.English, ""} {
		for _, r := range recs {
			if r.GetString("locale") == want {
				return r, nil
			}
		}
	}
	return recs[0], nil
}
