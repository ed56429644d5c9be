package demo

import (
	"math"
	"time"
)

// simulate plays the ask rule and the cadence over the moments of customers
// [from, to), appending asks and referrals, and returns the customers who
// received at least one ask.
func (p *planner) simulate(from, to int) []int {
	byCustomer := map[int][]int{}
	for i, m := range p.plan.Moments {
		if m.Customer >= from && m.Customer < to {
			byCustomer[m.Customer] = append(byCustomer[m.Customer], i)
		}
	}
	var asked []int
	for c := from; c < to; c++ {
		if p.simulateCustomer(c, byCustomer[c]) {
			asked = append(asked, c)
		}
	}
	return asked
}

// simulateCustomer walks one customer's moments in time order, firing asks
// and cadence touches, and reports whether any ask was made.
func (p *planner) simulateCustomer(c int, moments []int) bool {
	cust := &p.plan.Customers[c]
	cust.OptedOut, cust.Touch = false, 0
	cust.NextAskAt, cust.LastAskedAt, cust.LastHappyAt = time.Time{}, time.Time{}, time.Time{}

	run := &askRun{p: p, c: c, cust: cust}
	for _, mi := range moments {
		run.moment(mi)
	}
	run.runCadence(p.now)
	if run.active {
		cust.NextAskAt = run.next
	}
	return !cust.LastAskedAt.IsZero()
}

// askRun is one customer's walk through the ask rule and the cadence.
type askRun struct {
	p        *planner
	c        int
	cust     *Customer
	active   bool      // in a touch cycle
	next     time.Time // when the cycle's next touch falls due
	touch    int       // asks made in the current cycle
	referred bool      // the customer has referred already
}

// moment applies the ask rule to one moment, once the touches that fell due
// before it are made.
func (r *askRun) moment(mi int) {
	m := &r.p.plan.Moments[mi]
	r.runCadence(m.OccurredAt)
	happy := m.Kind != "nps" || m.Score >= npsThreshold
	switch {
	case !happy:
		m.Decision = "below_threshold"
	case r.cust.OptedOut:
		m.Decision = "opted_out"
	case !r.cust.LastAskedAt.IsZero() && m.OccurredAt.Sub(r.cust.LastAskedAt) < cooldown:
		m.Decision = "cooldown"
	case r.active:
		m.Decision = "open_ask"
	default:
		m.Decision = "asked"
		r.active, r.touch = true, 0
		r.emit(m.OccurredAt, mi)
	}
	if happy {
		r.cust.LastHappyAt = m.OccurredAt
	}
}

// runCadence emits the touches that fall due before t.
func (r *askRun) runCadence(t time.Time) {
	for r.active && r.next.Before(t) {
		r.emit(r.next, -1)
	}
}

// emit makes the ask due at t and moves the cycle on.
func (r *askRun) emit(t time.Time, moment int) {
	r.touch++
	ask := r.newAsk(t, moment)
	r.p.plan.Asks = append(r.p.plan.Asks, ask)
	r.afterAsk(ask, len(r.p.plan.Asks)-1)
}

// newAsk draws the ask's variant and what became of it.
func (r *askRun) newAsk(t time.Time, moment int) Ask {
	p, cust := r.p, r.cust
	ask := Ask{Customer: r.c, Moment: moment, Touch: r.touch, At: t, Variant: "thanks", Status: "sent"}
	// The shipped variants: two first touches drawn half and half, one follow-up.
	if p.rng.IntN(2) == 1 {
		ask.Variant = "short"
	}
	if r.touch > 1 {
		ask.Variant = "reminder"
	}
	cust.LastAskedAt, cust.Touch = t, r.touch
	want := p.referTouch[r.c]
	switch {
	case t.After(p.now.Add(-5 * day)):
		// With no SMTP server configured yet, fresh asks wait in the outbox.
		ask.Status = "queued"
	case !r.referred && want > 0 && r.touch >= want && t.Before(p.now.Add(-4*day)):
		ask.Status, ask.ClickedAt = "referred", t.Add(p.between(time.Hour, 30*time.Hour))
	case p.rng.Float64() < 0.02:
		ask.Status = "failed"
	case p.rng.Float64() < 0.25:
		ask.Status, ask.ClickedAt = "clicked", t.Add(p.between(time.Hour, 48*time.Hour))
	}
	return ask
}

// afterAsk moves the cycle on from the ask at index askIdx: a referral rests
// it, an opt-out or the touch limit ends it, else the next touch is due.
func (r *askRun) afterAsk(ask Ask, askIdx int) {
	switch {
	case ask.Status == "referred":
		r.referred = true
		r.p.addReferrals(r.c, askIdx, ask.ClickedAt)
		// Repeat referrers are the most valuable: rest, then a new cycle.
		r.touch, r.next = 0, ask.ClickedAt.Add(restAfterReferr)
	case r.p.optOut[r.c] && ask.Status == "sent":
		r.cust.OptedOut, r.active = true, false
	case r.touch >= touchLimit:
		r.active = false
	default:
		r.next = ask.At.Add(touchInterval)
	}
}

// chooseReferrers draws the customers who will refer, and how often, from
// those asked early enough for a referral to have happened.
func (p *planner) chooseReferrers(asked []int) {
	var eligible []int
	for _, c := range asked {
		if first := p.firstAskOf(c); first.Before(p.now.Add(-60 * day)) {
			eligible = append(eligible, c)
		}
	}
	p.rng.Shuffle(len(eligible), func(i, j int) { eligible[i], eligible[j] = eligible[j], eligible[i] })
	count := int(math.Round(referrerShare * float64(len(asked))))
	if count > len(eligible) {
		count = len(eligible)
	}
	for i, c := range eligible[:count] {
		// Most refer after the first or second touch; a few need the third.
		p.referTouch[c] = []int{1, 1, 2, 1, 2, 3}[i%6]
		p.referralsOf[c] = 1
		switch {
		case i < 2:
			p.referralsOf[c] = 3
		case i < 6:
			p.referralsOf[c] = 2
		}
	}
	// A few customers who never refer opt out after their first ask.
	opted := 0
	for _, c := range eligible[count:] {
		if opted == 3 {
			break
		}
		p.optOut[c] = true
		opted++
	}
}

// firstAskOf is when customer c was first asked, or now if never.
func (p *planner) firstAskOf(c int) time.Time {
	for _, a := range p.plan.Asks {
		if a.Customer == c {
			return a.At
		}
	}
	return p.now
}
