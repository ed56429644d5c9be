package metrics_test

import (
	"strings"
	"testing"
	"time"

	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

func TestTheVariantBreakdownSplitsByTheLanguageAsksWereWrittenIn(t *testing.T) {
	app := schemaapp.New(t)
	c := schemaapp.Customer(t, app, "Ana", "ana@x.example", nil)
	sent := time.Now().UTC().AddDate(0, 0, -2)
	// English: "thanks" 60 asks, 30 referred; "short" 60, 10 (a clear
	// difference). German: both 40 asks, 10 referred (none). One queued
	// German ask counts nowhere.
	plan := []struct {
		locale, variant string
		asks, referred  int
	}{
		{"en", "thanks", 60, 30}, {"en", "short", 60, 10}, {"de", "thanks", 40, 10}, {"de", "short", 40, 10},
	}
	for _, p := range plan {
		for i := range p.asks {
			status := "sent"
			if i < p.referred {
				status = "referred"
			}
			schemaapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 1, "status": status,
				"sent_at": sent, "variant": p.variant, "locale": p.locale})
		}
	}
	schemaapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 1, "status": "queued", "variant": "thanks", "locale": "de"})

	r, err := metrics.Build(app, time.Now().AddDate(0, 0, -30), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Locales(), ","); got != "de,en" {
		t.Errorf("locales %q, want de,en", got)
	}
	want := map[string][]metrics.Group{
		"en": {{Name: "short", Asks: 60, Referred: 10}, {Name: "thanks", Asks: 60, Referred: 30}},
		"de": {{Name: "short", Asks: 40, Referred: 10}, {Name: "thanks", Asks: 40, Referred: 10}},
	}
	for loc, groups := range want {
		b := r.VariantsIn(loc)
		if len(b.Groups) != len(groups) {
			t.Fatalf("%s: groups %+v, want %+v", loc, b.Groups, groups)
		}
		for i := range groups {
			if b.Groups[i] != groups[i] {
				t.Errorf("%s: group %d is %+v, want %+v", loc, i, b.Groups[i], groups[i])
			}
		}
	}
	if v := r.VariantsIn("en").Verdict; v.Kind != metrics.Significant || v.Best.Name != "thanks" {
		t.Errorf("English verdict %+v: want thanks significantly ahead within English", v)
	}
	if v := r.VariantsIn("de").Verdict; v.Kind == metrics.Significant {
		t.Errorf("German verdict %+v: the two German variants yield alike", v)
	}
	if b := r.VariantsIn("fr"); len(b.Groups) != 0 {
		t.Errorf("French has groups %+v, want none", b.Groups)
	}
}
