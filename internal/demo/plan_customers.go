package demo

import (
	"fmt"
	"sort"
	"time"
)

// addBaseCustomers makes the customers the program starts with, one or two
// years old, at many companies.
func (p *planner) addBaseCustomers() {
	seen := map[string]bool{}
	for i := 0; len(p.plan.Customers) < baseCustomers; i++ {
		name := firstNames[i%len(firstNames)] + " " + lastNames[(i*7+i/len(firstNames))%len(lastNames)]
		co := companies[i%len(companies)]
		email := emailOf(name, co.domain)
		if seen[email] {
			continue
		}
		seen[email] = true
		source := "direct"
		if i%3 == 0 {
			source = "import"
		}
		p.plan.Customers = append(p.plan.Customers, Customer{
			Name: name, Email: email, Company: co.name, Title: p.pick(titles),
			Source: source, ReferredBy: -1,
			Created: p.now.Add(-365*day - p.between(0, 700*day)),
		})
	}
}

// addMoments gives the base customers a year of quarterly NPS answers,
// renewals, support wins and first outcomes.
func (p *planner) addMoments() {
	start := p.now.Add(-365 * day)
	waves := []time.Duration{12 * day, 103 * day, 194 * day, 285 * day}
	n := 0
	for c := range p.plan.Customers {
		provider := "delighted"
		if c%2 == 1 {
			provider = "typeform"
		}
		for _, w := range waves {
			if p.rng.Float64() > 0.55 {
				continue
			}
			n++
			score, comment := p.npsAnswer()
			p.plan.Moments = append(p.plan.Moments, Moment{
				Customer: c, Kind: "nps", Score: score, Comment: comment,
				Source: provider, External: fmt.Sprintf("%s-%05d", provider, n),
				OccurredAt: start.Add(w + p.between(0, 10*day)),
			})
		}
		if p.rng.Float64() < 0.25 {
			n++
			p.plan.Moments = append(p.plan.Moments, Moment{
				Customer: c, Kind: "renewal", Comment: "Renewed for another year.",
				Source: "hubspot", External: fmt.Sprintf("deal-%05d", n),
				OccurredAt: start.Add(p.between(0, 360*day)),
			})
		}
		if p.rng.Float64() < 0.18 {
			n++
			p.plan.Moments = append(p.plan.Moments, Moment{
				Customer: c, Kind: "support_win", Comment: p.pick(supportWinComments),
				Source: "zendesk", External: fmt.Sprintf("ticket-%05d", n),
				OccurredAt: start.Add(p.between(0, 360*day)),
			})
		}
		if p.rng.Float64() < 0.08 {
			p.plan.Moments = append(p.plan.Moments, Moment{
				Customer: c, Kind: "first_outcome", Comment: p.pick(outcomeComments),
				Source: "dashboard", OccurredAt: start.Add(p.between(0, 360*day)),
			})
		}
	}
	sort.SliceStable(p.plan.Moments, func(i, j int) bool {
		return p.plan.Moments[i].OccurredAt.Before(p.plan.Moments[j].OccurredAt)
	})
}

// npsAnswer draws a score and a comment that goes with it.
func (p *planner) npsAnswer() (int, string) {
	switch r := p.rng.Float64(); {
	case r < 0.45:
		return 9 + p.rng.IntN(2), p.pick(promoterComments)
	case r < 0.78:
		return 7 + p.rng.IntN(2), p.pick(passiveComments)
	default:
		return p.rng.IntN(7), p.pick(detractorComments)
	}
}
