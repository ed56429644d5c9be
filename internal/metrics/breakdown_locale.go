package metrics

import (
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// VariantByLocale is one message variant's asks in one language: the
// language the ask was written in (asks.locale), counted exactly.
type VariantByLocale struct {
	Locale string `db:"locale"`
	Group
}

// variantLocaleSQL counts the asks delivered in [from, to) by variant and
// by the language they were written in: the whole days from the rollup
// (which keeps the language since migration 1764000034), the partial days
// at either end from the asks themselves.
var variantLocaleSQL = `SELECT variant AS name,
	CASE WHEN locale = '' THEN 'en' ELSE locale END AS locale,
	SUM(asks) AS asks, SUM(referred) AS referred
	FROM (SELECT variant, locale, asks, referred FROM rollup_ask_groups WHERE ` + wholeDays + `
		UNION ALL SELECT variant, locale, 1, status = 'referred' FROM asks
		WHERE +status IN ('sent','clicked','referred') AND ` + edges("sent_at") + `)
	GROUP BY 1, 2`

// VariantsByLocale splits the asks delivered in [from, to) by variant and
// language.
func VariantsByLocale(app core.App, from, to time.Time) ([]VariantByLocale, error) {
	var rows []VariantByLocale
	err := app.DB().NewQuery(variantLocaleSQL).Bind(split(from, to).params()).All(&rows)
	return rows, err
}

// Locales are the languages the report's asks were written in, in order.
func (r Report) Locales() []string {
	var out []string
	for _, v := range r.VariantLocales {
		if !slices.Contains(out, v.Locale) {
			out = append(out, v.Locale)
		}
	}
	slices.Sort(out)
	return out
}

// VariantsIn is the message variant breakdown of the asks written in loc
// alone, its verdict comparing the variants within that language: a
// wording's yield is compared with the others its readers could have got.
func (r Report) VariantsIn(loc string) Breakdown {
	var groups []Group
	for _, v := range r.VariantLocales {
		if v.Locale == loc {
			groups = append(groups, v.Group)
		}
	}
	sortGroups(groups)
	return Breakdown{Key: ByVariant, Groups: groups, Verdict: Judge(groups)}
}
