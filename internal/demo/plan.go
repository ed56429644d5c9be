// Package demo builds and seeds a realistic year of a B2B referral program,
// so a new user sees the product working before wiring in their own data.
package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
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

	// targets for the generated funnel, inside the ranges B2B programs report
	referrerShare   = 0.20 // asked customers who refer
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
	p.closeTheLoop()
	p.addSelfReferral()
	p.addRewards()
	return p.plan
}

func (p *planner) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(p.rng.Int64N(int64(hi-lo)+1))
}

func (p *planner) pick(list []string) string { return list[p.rng.IntN(len(list))] }

func emailOf(name, domain string) string {
	return strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@" + domain
}

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

	active := false // in a touch cycle
	var next time.Time
	touch, referred := 0, false

	// emit makes the ask due at t and moves the cycle on.
	emit := func(t time.Time, moment int) {
		touch++
		ask := Ask{Customer: c, Moment: moment, Touch: touch, At: t, Variant: "a", Status: "sent"}
		if p.rng.IntN(2) == 1 {
			ask.Variant = "b"
		}
		cust.LastAskedAt, cust.Touch = t, touch
		want := p.referTouch[c]
		switch {
		case t.After(p.now.Add(-5 * day)):
			// With no SMTP server configured yet, fresh asks wait in the outbox.
			ask.Status = "queued"
		case !referred && want > 0 && touch >= want && t.Before(p.now.Add(-4*day)):
			ask.Status, ask.ClickedAt = "referred", t.Add(p.between(time.Hour, 30*time.Hour))
		case p.rng.Float64() < 0.02:
			ask.Status = "failed"
		case p.rng.Float64() < 0.25:
			ask.Status, ask.ClickedAt = "clicked", t.Add(p.between(time.Hour, 48*time.Hour))
		}
		p.plan.Asks = append(p.plan.Asks, ask)
		askIdx := len(p.plan.Asks) - 1

		switch {
		case ask.Status == "referred":
			referred = true
			p.addReferrals(c, askIdx, ask.ClickedAt)
			// Repeat referrers are the most valuable: rest, then a new cycle.
			touch, next = 0, ask.ClickedAt.Add(restAfterReferr)
		case p.optOut[c] && ask.Status == "sent":
			cust.OptedOut, active = true, false
		case touch >= touchLimit:
			active = false
		default:
			next = t.Add(touchInterval)
		}
	}
	// runCadence emits the touches that fall due before t.
	runCadence := func(t time.Time) {
		for active && next.Before(t) {
			emit(next, -1)
		}
	}

	for _, mi := range moments {
		m := &p.plan.Moments[mi]
		runCadence(m.OccurredAt)
		happy := m.Kind != "nps" || m.Score >= npsThreshold
		switch {
		case !happy:
			m.Decision = "below_threshold"
		case cust.OptedOut:
			m.Decision = "opted_out"
		case !cust.LastAskedAt.IsZero() && m.OccurredAt.Sub(cust.LastAskedAt) < cooldown:
			m.Decision = "cooldown"
		case active:
			m.Decision = "open_ask"
		default:
			m.Decision = "asked"
			active, touch = true, 0
			emit(m.OccurredAt, mi)
		}
		if happy {
			cust.LastHappyAt = m.OccurredAt
		}
	}
	runCadence(p.now)
	if active {
		cust.NextAskAt = next
	}
	return !cust.LastAskedAt.IsZero()
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

func (p *planner) firstAskOf(c int) time.Time {
	for _, a := range p.plan.Asks {
		if a.Customer == c {
			return a.At
		}
	}
	return p.now
}

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

// addRewards walks each referrer's history and records every tier crossed,
// once per referrer and tier; flagged referrals count for nothing.
func (p *planner) addRewards() {
	type tier struct {
		name      string
		threshold int
		wins      bool
	}
	tiers := []tier{{"First introduction", 1, false}, {"Connector", 3, false}, {"First win", 1, true}, {"Champion", 5, true}}

	type mark struct {
		referral int
		at       time.Time
	}
	made, won := map[int][]mark{}, map[int][]mark{}
	for i, r := range p.plan.Referrals {
		if r.Flag != "" {
			continue
		}
		made[r.Referrer] = append(made[r.Referrer], mark{i, r.Created})
		if r.Status == "won" {
			won[r.Referrer] = append(won[r.Referrer], mark{i, r.Events[len(r.Events)-1].At})
		}
	}
	var referrers []int
	for c := range made {
		referrers = append(referrers, c)
	}
	sort.Ints(referrers)
	for _, c := range referrers {
		p.plan.Customers[c].WallOptIn = p.rng.Float64() < 0.6
		for _, t := range tiers {
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
	// The queue an admin works through: the newest rewards wait for approval,
	// the next ones for fulfilment, the old ones are done.
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
	// One referrer asked not to be rewarded: admins decline it.
	for i := range p.plan.Rewards {
		if p.plan.Rewards[i].Status == "fulfilled" && p.plan.Rewards[i].Tier == "First introduction" {
			p.plan.Rewards[i].Status = "declined"
			break
		}
	}
}
