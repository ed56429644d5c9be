package demo

import (
	"sort"
	"time"
)

// rewardTier is a tier of the default program: reached at threshold
// introductions made, or won when wins is set.
type rewardTier struct {
	name      string
	threshold int
	wins      bool
}

// rewardTiers are the tiers the migrations seed, by name.
var rewardTiers = []rewardTier{{"First introduction", 1, false}, {"Connector", 3, false}, {"First win", 1, true}, {"Champion", 5, true}}

// mark is one referral that counts towards a tier, and when it counted.
type mark struct {
	referral int
	at       time.Time
}

// addRewards walks each referrer's history and records every tier crossed,
// once per referrer and tier; flagged referrals count for nothing.
func (p *planner) addRewards() {
	made, won := p.countingReferrals()
	p.crossTiers(made, won)
	p.queueRewards()
}

// countingReferrals gathers, per referrer, the introductions made and the
// ones won, leaving out flagged referrals.
func (p *planner) countingReferrals() (made, won map[int][]mark) {
	made, won = map[int][]mark{}, map[int][]mark{}
	for i, r := range p.plan.Referrals {
		if r.Flag != "" {
			continue
		}
		made[r.Referrer] = append(made[r.Referrer], mark{i, r.Created})
		if r.Status == "won" {
			won[r.Referrer] = append(won[r.Referrer], mark{i, r.Events[len(r.Events)-1].At})
		}
	}
	return made, won
}

// crossTiers records a reward for every tier each referrer reached, at the
// referral that reached it, and draws who shows on the wall.
func (p *planner) crossTiers(made, won map[int][]mark) {
	var referrers []int
	for c := range made {
		referrers = append(referrers, c)
	}
	sort.Ints(referrers)
	for _, c := range referrers {
		p.plan.Customers[c].WallOptIn = p.rng.Float64() < 0.6
		for _, t := range rewardTiers {
			marks := made[c]
			if t.wins {
				marks = won[c]
			}
			sort.Slice(marks, func(a, b int) bool { return marks[a].at.Before(marks[b].at) })
			if len(marks) < t.threshold {
				continue
			}
			m := marks[t.threshold-1]
			p.plan.Rewards = append(p.plan.Rewards, Reward{Referrer: c, Referral: m.referral, Tier: t.name, At: m.at})
		}
	}
}

// queueRewards gives the queue an admin works through: the newest rewards
// wait for approval, the next ones for fulfilment, the old ones are done,
// and one referrer asked not to be rewarded, so admins declined it.
func (p *planner) queueRewards() {
	rw := p.plan.Rewards
	sort.SliceStable(rw, func(a, b int) bool { return rw[a].At.After(rw[b].At) })
	for i := range rw {
		switch {
		case i < 3:
			rw[i].Status = "earned"
		case i < 7:
			rw[i].Status = "approved"
		default:
			rw[i].Status = "fulfilled"
		}
	}
	for i := range p.plan.Rewards {
		if p.plan.Rewards[i].Status == "fulfilled" && p.plan.Rewards[i].Tier == "First introduction" {
			p.plan.Rewards[i].Status = "declined"
			break
		}
	}
}
