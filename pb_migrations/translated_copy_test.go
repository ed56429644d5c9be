package pb_migrations_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/static"
	"warmloop/tests/testapp"
)

// translatedCopy is migration 1764000029, to run by hand on an app.
func translatedCopy(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000029_translated_copy.go" {
			return m
		}
	}
	t.Fatal("migration 1764000029_translated_copy.go is not registered")
	return nil
}

// translatedLocales are the languages the migration seeds.
var translatedLocales = []string{"de", "fr", "es", "nl"}

// beforeTranslations is a fresh program taken back to before migration
// 1764000029, as migrate's down takes it (newest first), for the tests that
// run an older migration's down and up: those migrations find a page by its
// slug, or a variant by its name, alone.
func beforeTranslations(t *testing.T) core.App {
	t.Helper()
	app := testapp.New(t)
	if err := translatedCopy(t).Down(app); err != nil {
		t.Fatal(err)
	}
	return app
}

// inLocale finds the row of a collection whose key is value in a locale;
// nil when there is none.
func inLocale(t *testing.T, app core.App, collection, key, value, locale string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter(collection, key+" = {:v} && locale = {:l}", dbx.Params{"v": value, "l": locale})
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// shippedVariant reads a variant's shipped subject and body in a locale:
// the "thanks" variant is the ask_email page's words, the others have
// files of their own under variants/.
func shippedVariant(t *testing.T, name, locale string) (subject, body string) {
	t.Helper()
	if name == "thanks" {
		subject, body, _ = pages.ShippedIn("ask_email", locale)
		return subject, body
	}
	dir := "content/"
	if locale != "en" {
		dir += locale + "/"
	}
	b, err := static.Content.ReadFile(dir + "variants/" + name + ".md")
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n\n")
	return strings.TrimPrefix(head, "# "), body
}

// shippedVariantNames are the ask variants Warmloop ships.
var shippedVariantNames = []string{"thanks", "short", "reminder"}

func TestAFreshProgramHasEveryPageAndVariantInEveryShippedLanguage(t *testing.T) {
	app := testapp.New(t)
	english, err := app.FindAllRecords("pages", dbx.HashExp{"locale": "en"})
	if err != nil || len(english) < 16 {
		t.Fatalf("%d English pages, %v", len(english), err)
	}
	for _, loc := range translatedLocales {
		for _, en := range english {
			slug := en.GetString("slug")
			p := inLocale(t, app, "pages", "slug", slug, loc)
			if p == nil {
				t.Errorf("a fresh program has no %s page in %s", slug, loc)
				continue
			}
			title, body, _ := pages.ShippedIn(slug, loc)
			if p.GetString("title") != title || p.GetString("body") != body {
				t.Errorf("the %s page in %s is not its shipped copy:\n%s\n\n%s", slug, loc, p.GetString("title"), p.GetString("body"))
			}
			if title == en.GetString("title") {
				t.Errorf("the %s page in %s has the English title", slug, loc)
			}
		}
		for _, name := range shippedVariantNames {
			en := inLocale(t, app, "variants", "name", name, "en")
			v := inLocale(t, app, "variants", "name", name, loc)
			if en == nil || v == nil {
				t.Errorf("a fresh program lacks the %s variant in en (%v) or %s (%v)", name, en != nil, loc, v != nil)
				continue
			}
			subject, body := shippedVariant(t, name, loc)
			if v.GetString("subject") != subject || v.GetString("body") != body {
				t.Errorf("the %s variant in %s is not its shipped copy:\n%s\n\n%s", name, loc, v.GetString("subject"), v.GetString("body"))
			}
			if v.GetString("touch") != en.GetString("touch") || v.GetInt("weight") != en.GetInt("weight") || !v.GetBool("active") {
				t.Errorf("the %s variant in %s: touch %q weight %d active %v; the English: touch %q weight %d",
					name, loc, v.GetString("touch"), v.GetInt("weight"), v.GetBool("active"), en.GetString("touch"), en.GetInt("weight"))
			}
		}
	}
}

func TestTheEnglishVariantsAreTheirShippedFiles(t *testing.T) {
	app := testapp.New(t)
	for _, name := range shippedVariantNames {
		v := inLocale(t, app, "variants", "name", name, "en")
		if v == nil {
			t.Fatalf("a fresh program lacks the English %s variant", name)
		}
		subject, body := shippedVariant(t, name, "en")
		if v.GetString("subject") != subject || v.GetString("body") != body {
			t.Errorf("the English %s variant a fresh program has is not static/content's:\n%s\n\n%s", name, v.GetString("subject"), v.GetString("body"))
		}
	}
}

func TestTheTranslatedCopyMigrationUndoesWhatItAddedAndKeepsWhatAnAdminWrote(t *testing.T) {
	app := testapp.New(t)
	countEnglish := func() int {
		var n int
		if err := app.DB().NewQuery("SELECT (SELECT COUNT(*) FROM pages WHERE locale = 'en') + (SELECT COUNT(*) FROM variants WHERE locale = 'en')").Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	englishBefore := countEnglish()
	// An admin rewrote the German landing page and the French short variant.
	landing := inLocale(t, app, "pages", "slug", "landing", "de")
	landing.Set("body", "Unsere eigenen Worte.")
	short := inLocale(t, app, "variants", "name", "short", "fr")
	short.Set("subject", "Nos propres mots")
	for _, r := range []*core.Record{landing, short} {
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}

	mig := translatedCopy(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	var left []string
	if err := app.DB().NewQuery("SELECT slug || '/' || locale FROM pages WHERE locale != 'en' UNION ALL SELECT name || '/' || locale FROM variants WHERE locale != 'en'").Column(&left); err != nil {
		t.Fatal(err)
	}
	if strings.Join(left, " ") != "landing/de short/fr" {
		t.Errorf("after down, the rows in other languages than English are %v; want the two an admin rewrote", left)
	}
	if n := countEnglish(); n != englishBefore {
		t.Errorf("down left %d English pages and variants of %d", n, englishBefore)
	}

	// Up again: the rows an admin wrote stay theirs, the rest come back.
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if got := inLocale(t, app, "pages", "slug", "landing", "de").GetString("body"); got != "Unsere eigenen Worte." {
		t.Errorf("up replaced the German landing page an admin wrote with\n%s", got)
	}
	if got := inLocale(t, app, "variants", "name", "short", "fr").GetString("subject"); got != "Nos propres mots" {
		t.Errorf("up replaced the French short variant an admin wrote: %q", got)
	}
	if p := inLocale(t, app, "pages", "slug", "referee", "nl"); p == nil {
		t.Error("up again did not bring back the Dutch referee page")
	}
	if v := inLocale(t, app, "variants", "name", "reminder", "es"); v == nil {
		t.Error("up again did not bring back the Spanish reminder variant")
	}
}
