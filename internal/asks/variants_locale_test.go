package asks_test

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

// localeProgram is a schema-only program whose default locale is def, with
// a first-touch variant in each of locales (named "ask-" and the locale)
// and the ask_email page in each of pages besides English.
func localeProgram(t *testing.T, def string, locales, pages []string) core.App {
	t.Helper()
	app := schemaapp.New(t)
	englishOnly(t, app)
	if _, err := app.DB().NewQuery("UPDATE settings SET default_locale = {:l}").Bind(dbx.Params{"l": def}).Execute(); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	for _, loc := range locales {
		schemaapp.Save(t, app, "variants", map[string]any{"name": "ask-" + loc, "touch": "first", "subject": "Hi " + loc,
			"body": "[Go]({{link}})", "weight": 1, "active": true, "locale": loc})
	}
	if len(locales) == 0 {
		// Only the page is left to write the ask: the shipped variants stop.
		if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE").Execute(); err != nil {
			t.Fatal(err)
		}
	} else if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE WHERE name NOT LIKE 'ask-%'").Execute(); err != nil {
		t.Fatal(err)
	}
	for _, loc := range pages {
		schemaapp.Save(t, app, "pages", map[string]any{"slug": "ask_email", "locale": loc, "title": "Ask " + loc, "body": "[Go]({{link}})"})
	}
	return app
}

// firstAskOf fires a first ask to a new customer who reads personLocale,
// and returns the ask's variant and locale.
func firstAskOf(t *testing.T, app core.App, personLocale string) (variant, loc string) {
	t.Helper()
	c := schemaapp.Customer(t, app, "Lea Braun", "lea@example.com", map[string]any{"locale": personLocale})
	mc, _ := app.FindCollectionByNameOrId("moments")
	m := core.NewRecord(mc)
	m.Set("customer", c.Id)
	m.Set("kind", "renewal")
	m.Set("source", "test")
	m.Set("occurred_at", t0)
	if _, err := asks.DecideMoment(app, m, t0); err != nil {
		t.Fatal(err)
	}
	ask, err := app.FindFirstRecordByData("asks", "customer", c.Id)
	if err != nil {
		t.Fatal(err)
	}
	return ask.GetString("variant"), ask.GetString("locale")
}

func TestAnAsksVariantIsDrawnInTheCustomersLocaleThenTheDefaultThenEnglish(t *testing.T) {
	cases := []struct {
		name                    string
		person, def             string
		variants, pages         []string
		wantVariant, wantLocale string
	}{
		{"a regional tag draws its language's variant", "de-AT", "en", []string{"en", "de"}, nil, "ask-de", "de"},
		{"without a variant in theirs, the default's", "fr", "nl", []string{"en", "nl"}, nil, "ask-nl", "nl"},
		{"without theirs or the default's, English", "fr", "nl", []string{"en", "de"}, nil, "ask-en", "en"},
		{"a person without a locale reads the default", "", "de", []string{"en", "de"}, nil, "ask-de", "de"},
		{"their language's ask page comes before another language's variant", "fr", "en", []string{"en"}, []string{"fr"}, "ask_email", "fr"},
		{"with no variant at all, the page in the default", "es", "de", nil, []string{"de"}, "ask_email", "de"},
		{"with no variant and no page of theirs, the English page", "es", "nl", nil, nil, "ask_email", "en"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := localeProgram(t, c.def, c.variants, c.pages)
			variant, loc := firstAskOf(t, app, c.person)
			if variant != c.wantVariant || loc != c.wantLocale {
				t.Errorf("the ask has variant %q in %q, want %q in %q", variant, loc, c.wantVariant, c.wantLocale)
			}
		})
	}
}
