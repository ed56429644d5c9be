package asks_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/tests/schemaapp"
)

// askWithVariant saves an ask of a customer that recorded a variant's name.
func askWithVariant(t *testing.T, app core.App, customer *core.Record, variant string) {
	t.Helper()
	schemaapp.Save(t, app, "asks", map[string]any{"customer": customer.Id, "touch": 1, "status": "sent", "variant": variant})
}

// variant saves a message variant with the link in its body.
func variant(t *testing.T, app core.App, name, touch string, weight int, active bool) *core.Record {
	t.Helper()
	return schemaapp.Save(t, app, "variants", map[string]any{"name": name, "touch": touch, "subject": "Hi",
		"body": "[Go]({{link}})", "weight": weight, "active": active, "locale": "en"})
}

func TestTheVariantsAreListedByTouchThenName(t *testing.T) {
	app := schemaapp.New(t)
	englishOnly(t, app)
	variant(t, app, "after", "followup", 1, false)
	variant(t, app, "abc", "first", 1, true)
	recs, err := asks.ListVariants(app)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs {
		names = append(names, r.GetString("touch")+"/"+r.GetString("name"))
	}
	want := []string{"first/abc", "first/short", "first/thanks", "followup/after", "followup/reminder"}
	if !slices.Equal(names, want) {
		t.Errorf("listed %v, want %v", names, want)
	}
	if n, err := asks.CountVariants(app); err != nil || n != len(want) {
		t.Errorf("CountVariants = %d, %v, want %d", n, err, len(want))
	}
}

func TestAsksAreCountedByTheVariantNameTheyRecorded(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for _, v := range []string{"short", "short", "retired", ""} {
		askWithVariant(t, app, ana, v)
	}
	counts, err := asks.CountAsksByVariant(app)
	if err != nil {
		t.Fatal(err)
	}
	short, retired := asks.VariantKey{Name: "short", Locale: "en"}, asks.VariantKey{Name: "retired", Locale: "en"}
	if len(counts) != 2 || counts[short] != 2 || counts[retired] != 1 {
		t.Errorf("counts = %v, want short 2 and retired 1 (a variant deleted since still counts), and none for asks without a variant", counts)
	}
	if n, err := asks.CountAsksWithVariant(app, "short", "en"); err != nil || n != 2 {
		t.Errorf("CountAsksWithVariant(short) = %d, %v, want 2", n, err)
	}
}

func TestOnlyActiveVariantsWithAWeightCanBeDrawn(t *testing.T) {
	app := schemaapp.New(t)
	englishOnly(t, app)
	n, err := asks.CountDrawableVariants(app)
	if err != nil || n != 3 {
		t.Fatalf("the three shipped variants: %d drawable, %v", n, err)
	}
	variant(t, app, "paused", "first", 0, true)
	variant(t, app, "off", "first", 2, false)
	variant(t, app, "extra", "followup", 2, true)
	if n, _ := asks.CountDrawableVariants(app); n != 4 {
		t.Errorf("%d drawable, want 4: a paused (weight 0) or inactive variant cannot be drawn", n)
	}
}

func TestAVariantIsFoundByItsName(t *testing.T) {
	app := schemaapp.New(t)
	englishOnly(t, app)
	if r, err := asks.FindVariantNamed(app, "reminder", "en"); err != nil || r.GetString("touch") != "followup" {
		t.Errorf("FindVariantNamed(reminder) = %v, %v", r, err)
	}
	if _, err := asks.FindVariantNamed(app, "nope", "en"); err == nil {
		t.Error("a name no variant has was found")
	}
	if _, err := asks.FindVariantNamed(app, "reminder", "de"); err == nil {
		t.Error("an English variant was found in German")
	}
}

// englishOnly leaves a program with the pages and variants it ships in
// English alone, so a test's own rows in other languages are the only ones.
func englishOnly(t *testing.T, app core.App) {
	t.Helper()
	for _, c := range []string{"pages", "variants"} {
		if _, err := app.DB().NewQuery("DELETE FROM " + c + " WHERE locale != 'en'").Execute(); err != nil {
			t.Fatal(err)
		}
	}
}
