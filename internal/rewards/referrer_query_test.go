package rewards_test

import (
	"testing"
	"time"

	"warmloop/internal/locale"
	"warmloop/internal/rewards"
)

func TestTheNextStepIsTheLowestTierNotReachedOfEachKind(t *testing.T) {
	tiers := []rewards.NamedTier{
		{Tier: rewards.Tier{ID: "c", Threshold: 3, Counts: "referrals"}, Name: "Connector"},
		{Tier: rewards.Tier{ID: "f", Threshold: 1, Counts: "referrals"}, Name: "First introduction"},
		{Tier: rewards.Tier{ID: "ch", Threshold: 5, Counts: "wins"}, Name: "Champion"},
		{Tier: rewards.Tier{ID: "w", Threshold: 1, Counts: "wins"}, Name: "First win"},
	}
	cases := []struct {
		name            string
		referrals, wins int
		want            []string
	}{
		{"nothing yet", 0, 0, []string{"First introduction: 0 of 1 introduction", "First win: 0 of 1 introduction won"}},
		{"two introductions", 2, 0, []string{"Connector: 2 of 3 introductions", "First win: 0 of 1 introduction won"}},
		{"one win", 3, 1, []string{"Champion: 1 of 5 introductions won"}},
		{"every tier reached", 9, 5, nil},
	}
	for _, c := range cases {
		var got []string
		for _, s := range rewards.NextSteps(tiers, c.referrals, c.wins) {
			got = append(got, s.Tier+": "+s.Progress(locale.Speaker{}))
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
			}
		}
	}
}

func TestADayIsWrittenForPeopleAndNothingForNoDate(t *testing.T) {
	if got := rewards.Day("2026-11-03 09:15:00.000Z"); !got.Equal(time.Date(2026, time.November, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Day = %v", got)
	}
	if got := rewards.Day(""); !got.IsZero() {
		t.Errorf("Day of nothing = %v", got)
	}
}
