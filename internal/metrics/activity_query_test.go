package metrics_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"warmloop/internal/metrics"
	"warmloop/tests/schemaapp"
)

func TestActivityMergesMomentsMovesAndRewardsNewestFirst(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 10, "source": "test",
		"occurred_at": "2026-01-01 09:00:00.000Z"})
	ref := schemaapp.Save(t, app, "referrals", map[string]any{"referrer": ana.Id, "referee_name": "Jo Bloggs",
		"referee_email": "jo@else.example", "status": "invited", "channel": "landing"})
	schemaapp.Save(t, app, "referral_events", map[string]any{"referral": ref.Id, "from_status": "invited", "to_status": "booked",
		"at": "2026-01-03 09:00:00.000Z"})
	schemaapp.Save(t, app, "referral_events", map[string]any{"referral": ref.Id, "from_status": "booked", "to_status": "booked",
		"at": "2026-01-04 09:00:00.000Z"})
	inc := schemaapp.Save(t, app, "incentives", map[string]any{"name": "Roadmap seat", "kind": "access", "active": true, "position": 20})
	tier := schemaapp.Save(t, app, "tiers", map[string]any{"name": "Regular", "threshold": 7, "counts": "referrals", "incentive": inc.Id})
	schemaapp.Save(t, app, "rewards", map[string]any{"referrer": ana.Id, "tier": tier.Id, "incentive": inc.Id, "status": "earned"})

	events, err := metrics.Activity(app, 12)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for i, ev := range events {
		text := fmt.Sprintf("%s: %s · %s · %d %v · %s → %s", ev.Kind, ev.Name, ev.What, ev.Score, ev.Scored, ev.From, ev.To)
		texts = append(texts, text)
		if ev.Customer != ana.Id {
			t.Errorf("%q concerns %q, want Ana", text, ev.Customer)
		}
		if ev.At.IsZero() || (i > 0 && ev.At.After(events[i-1].At)) {
			t.Errorf("event %d (%q) at %v is not in newest-first order", i, text, ev.At)
		}
	}
	for _, want := range []string{"reward: Ana Lima · Regular · 0 false ·  → earned", "referral: Ana Lima · Jo Bloggs · 0 false · invited → booked"} {
		if !slices.Contains(texts, want) {
			t.Errorf("the activity %q lacks %q", texts, want)
		}
	}
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, "moment: Ana Lima · nps · 10 true ·  → ") }) {
		t.Errorf("the activity %q lacks the NPS moment with its score", texts)
	}
	if slices.Contains(texts, "referral: Ana Lima · Jo Bloggs · 0 false · booked → booked") {
		t.Errorf("the activity %q lists a save that did not move the referral", texts)
	}
}

func TestActivityGivesAMomentWithoutAScoreNone(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "renewal", "source": "test",
		"occurred_at": "2026-01-01 09:00:00.000Z"})
	events, err := metrics.Activity(app, 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Scored || events[0].What != "renewal" || events[0].Name != "Ana Lima" {
		t.Errorf("the renewal reads %+v, want Ana's renewal without a score", events)
	}
}

func TestActivityKeepsTheNNewestEvents(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	for day := 1; day <= 5; day++ {
		schemaapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "renewal", "source": "test",
			"occurred_at": fmt.Sprintf("2026-01-%02d 09:00:00.000Z", day)})
	}
	events, err := metrics.Activity(app, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3 {
		t.Fatalf("got %d events, want 3", len(events))
	}
	if want := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC); !events[0].At.Equal(want) {
		t.Errorf("the newest event is at %v, want %v", events[0].At, want)
	}
	if want := time.Date(2026, 1, 3, 9, 0, 0, 0, time.UTC); !events[2].At.Equal(want) {
		t.Errorf("the third event is at %v, want %v", events[2].At, want)
	}
}
