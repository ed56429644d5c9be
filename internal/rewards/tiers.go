// Package rewards thanks referrers: tiers crossed on their count of
// referrals and of wins, each earning a reward exactly once, the reward's
// lifecycle from earned to fulfilled, what keeps an incentive or a tier in
// use from being deleted or the incentive on offer from being switched off
// (usage.go), and the lists and counts of the catalog and the tiers
// (incentives_query.go, tiers_query.go).
package rewards

import "fmt"

// Tier is a milestone: a threshold on referrals made or referrals won.
type Tier struct {
	ID        string
	Threshold int
	Counts    string // "referrals" or "wins"
}

// Crossed lists the tiers a referrer has reached with these counts and has
// not been rewarded for yet. There is no cap: every tier reached counts.
func Crossed(tiers []Tier, referrals, wins int, rewarded map[string]bool) []Tier {
	var out []Tier
	for _, t := range tiers {
		n := referrals
		if t.Counts == "wins" {
			n = wins
		}
		if n >= t.Threshold && !rewarded[t.ID] {
			out = append(out, t)
		}
	}
	return out
}

// The reward statuses.
const (
	Earned    = "earned"
	Approved  = "approved"
	Fulfilled = "fulfilled"
	Declined  = "declined"
)

// Check says whether a reward may move from one status to another: earned
// → approved → fulfilled, or declined before it is fulfilled. Fulfilled
// and declined are final; a reward is approved before it is fulfilled.
func Check(from, to string) error {
	if from == to {
		return nil
	}
	switch {
	case to != Earned && to != Approved && to != Fulfilled && to != Declined:
		return fmt.Errorf("%q is not a reward status: use earned, approved, fulfilled or declined", to)
	case from == Fulfilled || from == Declined:
		return fmt.Errorf("a reward that is %s is final: it cannot become %s", from, to)
	case to == Earned:
		return fmt.Errorf("a reward that is %s cannot go back to earned", from)
	case from == Earned && to == Fulfilled:
		return fmt.Errorf("approve the reward before marking it fulfilled")
	}
	return nil
}
