package demo

import "time"

// recentStep is one status a recent referral reached, so long before now.
type recentStep struct {
	to  string
	ago time.Duration
}

// recentReferrals are the introductions of the last weeks, one in each
// stage, so that even the shortest range shows every stage of the funnel,
// pipeline, a win and its referrers. The first step is when it was made.
var recentReferrals = [][]recentStep{
	{{"invited", 28 * day}, {"visited", 27 * day}, {"booked", 25 * day}, {"qualified", 19 * day}, {"won", 6 * day}},
	{{"invited", 24 * day}, {"visited", 23 * day}, {"booked", 20 * day}, {"qualified", 11 * day}},
	{{"invited", 21 * day}, {"visited", 21*day - 5*time.Hour}, {"booked", 17 * day}, {"lost", 9 * day}},
	{{"invited", 15 * day}, {"visited", 14 * day}, {"booked", 8 * day}},
	{{"invited", 10 * day}, {"visited", 9 * day}, {"booked", 2 * day}},
	{{"invited", 5 * day}, {"visited", 4 * day}},
	{{"invited", 2 * day}},
}

// addRecentReferrals turns the latest ask of a few customers into one of the
// recent referrals: each ask was delivered before its referral was made,
// and it was the customer's last, since a referral rests the cadence.
func (p *planner) addRecentReferrals() {
	used := map[int]bool{}
	for _, r := range p.plan.Referrals {
		used[r.Referrer] = true
	}
	for k, steps := range recentReferrals {
		created := p.now.Add(-steps[0].ago)
		ai := p.lastAskBefore(created, used)
		if ai < 0 {
			continue
		}
		a := &p.plan.Asks[ai]
		used[a.Customer] = true
		a.Status, a.ClickedAt = "referred", created.Add(-time.Hour)
		p.addReferrals(a.Customer, ai, created)
		r := &p.plan.Referrals[len(p.plan.Referrals)-1]
		r.Created, r.Events = created, []Event{{To: "invited", At: created}}
		for _, s := range steps[1:] {
			r.Events = append(r.Events, Event{From: r.Status, To: s.to, At: p.now.Add(-s.ago)})
			r.Status = s.to
		}
		p.settle(r, k)
	}
}

// lastAskBefore is the index of a delivered ask, made in the 40 days before
// t, that is its customer's last; customers in used are passed over. It is
// -1 when there is none.
func (p *planner) lastAskBefore(t time.Time, used map[int]bool) int {
	last := map[int]int{}
	for i, a := range p.plan.Asks {
		last[a.Customer] = i
	}
	best := -1
	for c, i := range last {
		a := p.plan.Asks[i]
		if used[c] || p.plan.Customers[c].OptedOut || (a.Status != "sent" && a.Status != "clicked") {
			continue
		}
		if a.At.Before(t.Add(-time.Hour)) && a.At.After(t.Add(-40*day)) && (best < 0 || a.At.After(p.plan.Asks[best].At)) {
			best = i
		}
	}
	return best
}

// settle gives a referral the reason and the values of the status it reached.
func (p *planner) settle(r *Referral, k int) {
	reached := map[string]bool{}
	for _, e := range r.Events {
		reached[e.To] = true
	}
	if reached["qualified"] {
		r.Pipeline = float64(8000 + 500*p.rng.IntN(105))
	}
	switch r.Status {
	case "won":
		r.Won = r.Pipeline
	case "lost":
		r.LostReason = map[bool]string{true: "Chose another vendor", false: "Not a priority this year"}[k%2 == 0]
	}
}
