// Package demo builds and seeds a realistic year of a B2B referral program,
// so a new user sees the product working before wiring in their own data.
package demo

import (
	"math/rand/v2"
	"strings"
	"time"
)

const (
	day = 24 * time.Hour

	baseCustomers   = 96
	npsThreshold    = 9
	cooldown        = 14 * day
	touchInterval   = 42 * day // the balanced preset
	touchLimit      = 3
	restAfterReferr = 30 * day
	// staleAfter is how long a referral stays open: older ones have been
	// won or lost by now, as a sales team would have closed them.
	staleAfter = 60 * day

	// targets for the generated funnel, inside the ranges B2B programs report
	referrerShare   = 0.14 // asked customers who refer, before the recent ones
	meetingShare    = 0.50 // referrals that reach a meeting
	winShareOfMeets = 0.30 // meetings that are won
)

// Plan is the whole demo program as plain values; indexes link the parts.
type Plan struct {
	Now       time.Time
	Customers []Customer
	Moments   []Moment
	Asks      []Ask
	Referrals []Referral
	Rewards   []Reward
}

// Customer is one demo customer. ReferredBy is an index into Referrals or -1.
type Customer struct {
	Name, Email, Company, Title, Source string
	ReferredBy                          int
	OptedOut, WallOptIn                 bool
	Touch                               int
	NextAskAt, LastAskedAt, LastHappyAt time.Time
	Created                             time.Time
}

// Moment is one happy (or not so happy) moment and the ask rule's decision.
type Moment struct {
	Customer                  int
	Kind                      string
	Score                     int
	Comment, Source, External string
	OccurredAt                time.Time
	Decision                  string
}

// Ask is one referral ask. Moment is an index into Moments, or -1 for a cadence touch.
type Ask struct {
	Customer, Moment, Touch int
	Variant, Status         string
	At, ClickedAt           time.Time
}

// Referral is one introduction with the history of its status.
type Referral struct {
	Referrer, Ask                     int
	RefereeName, RefereeEmail         string
	RefereeCompany, Message           string
	Status, Flag, LostReason, Channel string
	Pipeline, Won                     float64
	RefereeCustomer                   int
	Created                           time.Time
	Events                            []Event
}

// Event is one status change of a referral.
type Event struct {
	From, To string
	At       time.Time
}

// Reward is a tier a referrer reached. Tier is the tier's name.
type Reward struct {
	Referrer, Referral int
	Tier, Status       string
	At                 time.Time
}

// planner carries the random source and the plan while it is built.
type planner struct {
	rng  *rand.Rand
	now  time.Time
	plan Plan
	// referTouch says, per customer index, at which touch they refer (0: never).
	referTouch map[int]int
	// referralsOf says how many introductions a referrer makes at once.
	referralsOf map[int]int
	// optOut lists customers who opt out after their first ask.
	optOut map[int]bool
}

// NewPlan builds the demo program ending at now. The same now gives the same plan.
func NewPlan(now time.Time) Plan {
	now = now.UTC().Truncate(time.Second)
	p := &planner{now: now, rng: rand.New(rand.NewPCG(2026, 1124))}
	p.plan.Now = now
	p.addBaseCustomers()
	p.addMoments()

	// A first pass finds who gets asked; referrers are drawn from them, and a
	// second pass plays the year again with their referrals in it.
	p.referTouch, p.referralsOf, p.optOut = map[int]int{}, map[int]int{}, map[int]bool{}
	asked := p.simulate(0, len(p.plan.Customers))
	p.chooseReferrers(asked)
	p.plan.Asks, p.plan.Referrals = nil, nil
	p.simulate(0, len(p.plan.Customers))

	p.assignStatuses()
	p.addRecentReferrals()
	p.closeTheLoop()
	p.addSelfReferral()
	p.addRewards()
	return p.plan
}

// between draws a duration in [lo, hi].
func (p *planner) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(p.rng.Int64N(int64(hi-lo)+1))
}

// pick draws one of list.
func (p *planner) pick(list []string) string { return list[p.rng.IntN(len(list))] }

// emailOf is a person's address at a company's domain.
func emailOf(name, domain string) string {
	return strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@" + domain
}
