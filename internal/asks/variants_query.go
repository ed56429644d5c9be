package asks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
)

// drawable are the variants an ask can be given: active, with a weight
// (0 pauses a variant). chooseCopy draws among them.
func drawable() dbx.Expression {
	return dbx.And(dbx.HashExp{"active": true}, dbx.NewExp("weight > 0"))
}

// ListVariants lists every message variant by touch, then name, then locale.
func ListVariants(app core.App) ([]*core.Record, error) {
	return app.FindRecordsByFilter("variants", "", "touch,name,locale", 0, 0)
}

// CountVariants counts the message variants.
func CountVariants(app core.App) (int, error) {
	n, err := app.CountRecords("variants")
	return int(n), err
}

// CountDrawableVariants counts the variants an ask can be given: while
// there is one, ask emails use the variants' wording, not the ask_email page.
func CountDrawableVariants(app core.App) (int, error) {
	n, err := app.CountRecords("variants", drawable())
	return int(n), err
}

// FindVariantNamed finds the variant called name in a locale (a name is
// unique per locale).
func FindVariantNamed(app core.App, name, loc string) (*core.Record, error) {
	r := &core.Record{}
	err := app.RecordQuery("variants").AndWhere(dbx.HashExp{"name": name}).AndWhere(locale.WrittenIn(loc)).Limit(1).One(r)
	return r, err
}

// askLocale matches the asks written in locale {:locale}: an ask saved
// without one (through the REST API, before asks had a locale) was written
// in English.
const askLocale = "(locale = {:locale} OR (locale = '' AND {:locale} = 'en'))"

// CountAsksWithVariant counts the asks that recorded a variant's name in
// its locale.
func CountAsksWithVariant(app core.App, name, loc string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM asks WHERE variant = {:name} AND " + askLocale).
		Bind(dbx.Params{"name": name, "locale": loc}).Row(&n)
	return n, err
}

// VariantKey names a variant: its name in its locale.
type VariantKey struct{ Name, Locale string }

// CountAsksByVariant maps each variant (name and locale) asks recorded to
// how many did; asks written from the ask_email page without a variant are
// left out.
func CountAsksByVariant(app core.App) (map[VariantKey]int, error) {
	var rows []struct {
		Name   string `db:"name"`
		Locale string `db:"locale"`
		N      int    `db:"n"`
	}
	err := app.DB().NewQuery("SELECT variant AS name, CASE WHEN locale = '' THEN 'en' ELSE locale END AS locale, COUNT(*) AS n " +
		"FROM asks WHERE variant != '' GROUP BY 1, 2").All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[VariantKey]int, len(rows))
	for _, r := range rows {
		out[VariantKey{r.Name, r.Locale}] = r.N
	}
	return out, nil
}
