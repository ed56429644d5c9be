package rewards_test

import (
	"testing"

	"warmloop/internal/rewards"
)

func TestTiersAreCrossedAtEachThresholdAndOnlyOnce(t *testing.T) {
	tiers := []rewards.Tier{
		{"first", 1, "referrals"}, {"connector", 3, "referrals"}, {"first-win", 1, "wins"}, {"champion", 5, "wins"},
	}
	ids := func(ts []rewards.Tier) (s string) {
		for _, t := range ts {
			s += t.ID + " "
		}
		return s
	}
	cases := []struct {
		name            string
		referrals, wins int
		rewarded        map[string]bool
		want            string
	}{
		{"nothing yet", 0, 0, nil, ""},
		{"the first referral", 1, 0, nil, "first "},
		{"two referrals, first already rewarded", 2, 0, map[string]bool{"first": true}, ""},
		{"the third referral", 3, 0, map[string]bool{"first": true}, "connector "},
		{"the first win", 3, 1, map[string]bool{"first": true, "connector": true}, "first-win "},
		{"four wins are not five", 9, 4, map[string]bool{"first": true, "connector": true, "first-win": true}, ""},
		{"the fifth win", 9, 5, map[string]bool{"first": true, "connector": true, "first-win": true}, "champion "},
		{"a referrer imported with history crosses several at once", 6, 5, nil, "first connector first-win champion "},
		{"no cap: everything reached and rewarded leaves nothing", 50, 40, map[string]bool{"first": true, "connector": true, "first-win": true, "champion": true}, ""},
	}
	for _, c := range cases {
		if got := ids(rewards.Crossed(tiers, c.referrals, c.wins, c.rewarded)); got != c.want {
			t.Errorf("%s: crossed %q, want %q", c.name, got, c.want)
		}
	}
}

func TestRewardLifecycle(t *testing.T) {
	legal := map[[2]string]bool{
		{"earned", "approved"}: true, {"earned", "declined"}: true,
		{"approved", "fulfilled"}: true, {"approved", "declined"}: true,
	}
	all := []string{"earned", "approved", "fulfilled", "declined"}
	for _, from := range all {
		for _, to := range all {
			want := from == to || legal[[2]string{from, to}]
			if err := rewards.Check(from, to); (err == nil) != want {
				t.Errorf("%s → %s: %v, want allowed=%v", from, to, err, want)
			}
		}
	}
}
