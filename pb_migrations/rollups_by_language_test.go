package pb_migrations_test

import (
	"reflect"
	"testing"

	"warmloop/tests/testapp"
)

func TestTheLanguageMigrationCountsEveryDeliveredAskByTheLanguageItWasWrittenIn(t *testing.T) {
	app := testapp.New(t)
	program(t, app)
	c := testapp.Customer(t, app, "Dora", "dora@x.example", nil)
	for _, loc := range []string{"de", "de", "fr"} {
		testapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 1, "status": "sent", "variant": "thanks",
			"locale": loc, "sent_at": "2026-05-01 12:00:00.000Z"})
	}
	byLanguage := func() map[string]int {
		t.Helper()
		var rows []struct {
			Locale string `db:"locale"`
			Asks   int    `db:"asks"`
		}
		if err := app.DB().NewQuery("SELECT locale, SUM(asks) AS asks FROM rollup_ask_groups GROUP BY 1").All(&rows); err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range rows {
			out[r.Locale] = r.Asks
		}
		return out
	}
	// The program's 12 delivered asks were written in no language of their own.
	want := map[string]int{"": 12, "de": 2, "fr": 1}
	if got := byLanguage(); !reflect.DeepEqual(got, want) {
		t.Fatalf("the triggers counted %v, want %v", got, want)
	}
	lang := migration(t, "1764000034_rollups_by_language.go")
	if err := lang.Down(app); err != nil {
		t.Fatal("down:", err)
	}
	// Written while the groups kept no language: only the fill counts it.
	testapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 2, "status": "referred", "variant": "short",
		"locale": "fr", "sent_at": "2026-05-02 12:00:00.000Z"})
	if err := lang.Up(app); err != nil {
		t.Fatal("up:", err)
	}
	want["fr"] = 2
	if got := byLanguage(); !reflect.DeepEqual(got, want) {
		t.Errorf("the fill counted %v, want %v", got, want)
	}
	// The language an ask is moved to moves its count.
	var id string
	if err := app.DB().NewQuery("SELECT id FROM asks WHERE locale = 'de' LIMIT 1").Row(&id); err != nil {
		t.Fatal(err)
	}
	a, err := app.FindRecordById("asks", id)
	if err != nil {
		t.Fatal(err)
	}
	a.Set("locale", "fr")
	if err := app.Save(a); err != nil {
		t.Fatal(err)
	}
	want["de"], want["fr"] = 1, 3
	if got := byLanguage(); !reflect.DeepEqual(got, want) {
		t.Errorf("after moving an ask to French: %v, want %v", got, want)
	}
}
