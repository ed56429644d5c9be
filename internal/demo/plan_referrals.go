package demo

import (
	"math"
	"sort"
	"strings"
	"time"
)

// addReferrals records the introductions a referrer makes from one ask.
func (p *planner) addReferrals(c, ask int, at time.Time) {
	n := p.referralsOf[c]
	if n == 0 {
		n = 1
	}
	for k := 0; k < n; k++ {
		co := prospectCompanies[len(p.plan.Referrals)%len(prospectCompanies)]
		i := len(p.plan.Referrals)
		name := firstNames[(i*11+5)%len(firstNames)] + " " + lastNames[(i*13+3)%len(lastNames)]
		created := at.Add(time.Duration(k) * p.between(2*time.Hour, 2*day))
		if created.After(p.now.Add(-time.Hour)) {
			created = p.now.Add(-time.Hour)
		}
		channel := "landing"
		if k == 2 {
			channel = "share_link"
		}
		p.plan.Referrals = append(p.plan.Referrals, Referral{
			Referrer: c, Ask: ask, RefereeName: name, RefereeEmail: emailOf(name, co.domain),
			RefereeCompany: co.name, Message: p.pick(referralMessages), Channel: channel,
			Status: "invited", RefereeCustomer: -1, Created: created,
			Events: []Event{{To: "invited", At: created}},
		})
	}
}

// assignStatuses moves the referrals along the pipeline so the funnel has the
// target shape: the oldest introductions have gone furthest.
func (p *planner) assignStatuses() {
	refs := p.plan.Referrals
	order := make([]int, len(refs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return refs[order[a]].Created.Before(refs[order[b]].Created) })

	n := len(refs)
	met := int(math.Round(meetingShare * float64(n)))
	won := int(math.Round(winShareOfMeets * float64(met)))
	lostAfter := (met - won) / 3
	qualified := (met - won - lostAfter) / 2
	booked := met - won - lostAfter - qualified
	notMet := n - met
	lostBefore := max(1, notMet/4)
	invited := max(1, notMet/3)
	visited := notMet - lostBefore - invited

	var outcomes []string
	add := func(status string, k int) {
		for range k {
			outcomes = append(outcomes, status)
		}
	}
	add("won", won)
	add("lost_after", lostAfter)
	add("lost_before", lostBefore)
	add("qualified", qualified)
	add("booked", booked)
	add("visited", visited)
	add("invited", invited)

	for k, i := range order {
		p.advance(&refs[i], outcomes[k], k)
	}
}

// advance writes the status history that leads a referral to its outcome.
func (p *planner) advance(r *Referral, outcome string, k int) {
	if p.now.Sub(r.Created) > staleAfter {
		outcome = closedOutcome(outcome, k)
	}
	steps := map[string][]string{
		"invited":     {},
		"visited":     {"visited"},
		"lost_before": {"visited", "lost"},
		"booked":      {"visited", "booked"},
		"qualified":   {"visited", "booked", "qualified"},
		"lost_after":  {"visited", "booked", "qualified", "lost"},
		"won":         {"visited", "booked", "qualified", "won"},
	}[outcome]
	if outcome == "lost_after" && k%2 == 1 {
		steps = []string{"visited", "booked", "lost"}
	}
	gaps := map[string][2]time.Duration{
		"visited": {2 * time.Hour, 3 * day}, "booked": {day, 8 * day},
		"qualified": {5 * day, 14 * day}, "won": {20 * day, 50 * day}, "lost": {5 * day, 30 * day},
	}
	at, from := r.Created, "invited"
	for _, to := range steps {
		g := gaps[to]
		at = at.Add(p.between(g[0], g[1]))
		if at.After(p.now.Add(-time.Hour)) {
			at = p.now.Add(-time.Hour)
		}
		r.Events = append(r.Events, Event{From: from, To: to, At: at})
		from = to
	}
	r.Status = from
	if r.Status == "lost" {
		r.LostReason = map[bool]string{true: "Chose another vendor", false: "Not a priority this year"}[k%2 == 0]
		if outcome == "lost_before" {
			r.LostReason = "declined"
		}
	}
	if contains(steps, "qualified") {
		r.Pipeline = float64(8000 + 500*p.rng.IntN(105))
	}
	if r.Status == "won" {
		r.Won = math.Round(r.Pipeline*(0.8+0.3*p.rng.Float64())/100) * 100
	}
}

// closedOutcome is where an open outcome ends for a referral made long ago:
// a meeting that went quiet was lost, an introduction never taken up was
// declined, and a third of the qualified deals were won.
func closedOutcome(outcome string, k int) string {
	switch outcome {
	case "qualified":
		if k%3 == 0 {
			return "won"
		}
		return "lost_after"
	case "booked":
		return "lost_after"
	case "visited", "invited":
		return "lost_before"
	}
	return outcome
}

// contains reports whether s is in list.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// closeTheLoop turns every won referee into a customer who came by referral,
// and plays their own first months in the program.
func (p *planner) closeTheLoop() {
	first := len(p.plan.Customers)
	for i := range p.plan.Referrals {
		r := &p.plan.Referrals[i]
		if r.Status != "won" {
			continue
		}
		wonAt := r.Events[len(r.Events)-1].At
		r.RefereeCustomer = len(p.plan.Customers)
		p.plan.Customers = append(p.plan.Customers, Customer{
			Name: r.RefereeName, Email: r.RefereeEmail, Company: r.RefereeCompany,
			Title: p.pick(titles), Source: "referral", ReferredBy: i, Created: wonAt,
		})
		if outcomeAt := wonAt.Add(25 * day); outcomeAt.Before(p.now.Add(-2 * day)) {
			p.plan.Moments = append(p.plan.Moments, Moment{
				Customer: r.RefereeCustomer, Kind: "first_outcome", Source: "dashboard",
				Comment: "First results shared with their leadership team.", OccurredAt: outcomeAt,
			})
		}
	}
	// Referred customers refer more readily: the first one who was asked
	// early enough introduces someone on the first touch.
	for c := first; c < len(p.plan.Customers); c++ {
		for _, m := range p.plan.Moments {
			if m.Customer == c && m.OccurredAt.Before(p.now.Add(-30*day)) {
				p.referTouch[c] = 1
				break
			}
		}
		if p.referTouch[c] > 0 {
			break
		}
	}
	start := len(p.plan.Referrals)
	p.simulate(first, len(p.plan.Customers))
	for i := start; i < len(p.plan.Referrals); i++ {
		p.advance(&p.plan.Referrals[i], "visited", i)
	}
}

// addSelfReferral adds one introduction of a colleague at the referrer's own
// company, held for review as the product would hold it.
func (p *planner) addSelfReferral() {
	for ai, a := range p.plan.Asks {
		if a.Status != "clicked" || a.At.Before(p.now.Add(-40*day)) {
			continue
		}
		c := p.plan.Customers[a.Customer]
		domain := c.Email[strings.Index(c.Email, "@")+1:]
		created := a.ClickedAt.Add(time.Hour)
		p.plan.Asks[ai].Status = "referred"
		p.plan.Referrals = append(p.plan.Referrals, Referral{
			Referrer: a.Customer, Ask: ai, RefereeName: "Sam Whitfield",
			RefereeEmail: "sam.whitfield@" + domain, RefereeCompany: c.Company,
			Message: "Sam runs our other office and has the same reporting headaches.",
			Channel: "landing", Status: "invited", Flag: "self_referral", RefereeCustomer: -1,
			Created: created, Events: []Event{{To: "invited", At: created}},
		})
		return
	}
}
