package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The shipped copy in German, French, Spanish and Dutch, issue 20: every
// page and email Warmloop ships, and its three ask variants, get a row in
// each of those languages, read from static/content/{locale}/. A row that
// already exists for a slug (a variant's name) in a locale is the admin's
// and stays as it is. The variants are active, with the touch and weight
// their English originals shipped with: a variant in a language is drawn
// only for the customers who read it, so seeding it active changes nothing
// for anyone else.
//
// Down removes the rows this added while they still hold the shipped copy;
// a row an admin has rewritten is theirs and stays.
func init() {
	m.Register(func(app core.App) error {
		return eachTranslation(app, seedTranslation)
	}, func(app core.App) error {
		return eachTranslation(app, removeTranslation)
	})
}

// translatedLocales are the languages this migration seeds, beside English.
var translatedLocales = []string{"de", "fr", "es", "nl"}

// translatedPages are the pages every install had when this migration was
// written, each shipped as static/content/{locale}/{slug}.md.
var translatedPages = []string{
	"landing", "referee", "booking_confirmation", "draft_message",
	"ask_email", "intro_email", "share_confirmation_email", "booking_confirmation_email",
	"thanks_booked", "thanks_won", "sales_new_referral", "sales_booked",
	"reward_earned", "reward_fulfilled", "weekly_summary", "team_invite_email",
}

// translatedVariants are the ask variants migration 1764000002 shipped in
// English: their touch, their weight, and the file of their copy in each
// locale (the "thanks" variant is the ask_email page's words, as in English).
var translatedVariants = []struct {
	name, touch string
	weight      int
	file        string
}{
	{"thanks", "first", 1, "ask_email.md"},
	{"short", "first", 1, "variants/short.md"},
	{"reminder", "followup", 1, "variants/reminder.md"},
}

// translation is one row this migration is about: a page or a variant in a
// locale, with the copy it ships with.
type translation struct {
	collection, key, value, locale string
	titleField, title, body        string
	touch                          string // variants only
	weight                         int    // variants only
}

// eachTranslation calls do for every page and variant in every translated
// locale, with its shipped copy.
func eachTranslation(app core.App, do func(core.App, translation) error) error {
	for _, loc := range translatedLocales {
		for _, slug := range translatedPages {
			title, body, err := shippedCopy("content/" + loc + "/" + slug + ".md")
			if err != nil {
				return err
			}
			t := translation{collection: "pages", key: "slug", value: slug, locale: loc, titleField: "title", title: title, body: body}
			if err := do(app, t); err != nil {
				return err
			}
		}
		for _, v := range translatedVariants {
			subject, body, err := shippedCopy("content/" + loc + "/" + v.file)
			if err != nil {
				return err
			}
			t := translation{collection: "variants", key: "name", value: v.name, locale: loc, titleField: "subject", title: subject, body: body,
				touch: v.touch, weight: v.weight}
			if err := do(app, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// findTranslation finds the row of t's collection with t's key in t's
// locale; nil when there is none.
func findTranslation(app core.App, t translation) (*core.Record, error) {
	r, err := app.FindFirstRecordByFilter(t.collection, t.key+" = {:value} && locale = {:locale}",
		dbx.Params{"value": t.value, "locale": t.locale})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, err
}

// seedTranslation writes t's row, unless the locale has one already.
func seedTranslation(app core.App, t translation) error {
	existing, err := findTranslation(app, t)
	if err != nil || existing != nil {
		return err
	}
	c, err := app.FindCollectionByNameOrId(t.collection)
	if err != nil {
		return err
	}
	r := core.NewRecord(c)
	r.Set(t.key, t.value)
	r.Set("locale", t.locale)
	r.Set(t.titleField, t.title)
	r.Set("body", t.body)
	if t.collection == "variants" {
		r.Set("touch", t.touch)
		r.Set("weight", t.weight)
		r.Set("active", true)
	}
	return app.Save(r)
}

// removeTranslation deletes t's row while it still holds the shipped copy.
// It deletes without the hooks: the variants' hook counts the asks made
// with a name in every language, and the English asks of "thanks" must not
// keep the German "thanks" from going.
func removeTranslation(app core.App, t translation) error {
	r, err := findTranslation(app, t)
	if err != nil || r == nil {
		return err
	}
	if !sameCopy(r.GetString(t.titleField), t.title) || !sameCopy(r.GetString("body"), t.body) {
		return nil
	}
	return app.UnsafeWithoutHooks().Delete(r)
}
