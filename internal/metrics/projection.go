package metrics

import "math"

// Projection carries the viral loop forward twelve months from the rates
// measured now. It assumes the rates hold and nobody churns; it is a guide
// to the loop's shape, not a forecast.
type Projection struct {
	// PerCustomer is referrals per existing customer per month; WinRate the
	// share of referrals that became customers; Multiplier how much more
	// often referred customers refer than the others (1 when unknown).
	PerCustomer, WinRate, Multiplier float64
	// Asks and Referrals are the asks delivered and the referrals made in
	// the period the rates were measured over.
	Asks, Referrals int
	// Points are month 0 (today) to 12: new customers won by referral so far,
	// with the loop (new customers refer in turn) and without it (only
	// today's customers refer).
	Points []ProjectionPoint
}

// ProjectionPoint is the running total of customers won by referral after Month months.
type ProjectionPoint struct {
	Month             int
	WithLoop, Without float64
}

// Enough reports whether the rates rest on enough data to draw: at least
// MinSample asks and MinReferred referrals in the period, the least the
// breakdowns ask of each group before comparing its yield.
func (p Projection) Enough() bool { return p.Asks >= MinSample && p.Referrals >= MinReferred }

// Coincide reports whether the loop changes nothing worth drawing: the
// two lines round to the same customers every month.
func (p Projection) Coincide() bool {
	for _, pt := range p.Points {
		if math.Round(pt.WithLoop) != math.Round(pt.Without) {
			return false
		}
	}
	return true
}

// Gain is how many more customers the loop brings in twelve months than
// today's customers alone would.
func (p Projection) Gain() float64 {
	if len(p.Points) == 0 {
		return 0
	}
	last := p.Points[len(p.Points)-1]
	return last.WithLoop - last.Without
}

// Total is the customers won by referral after twelve months, with the loop.
func (p Projection) Total() float64 {
	if len(p.Points) == 0 {
		return 0
	}
	return p.Points[len(p.Points)-1].WithLoop
}

// Project computes the projection from the loop's split of customers,
// the referrals and wins of a period of months, and how many of them won.
func Project(l Loop, referrals, won int, months float64) Projection {
	customers := float64(l.Referred + l.Others)
	p := Projection{Multiplier: 1, Referrals: referrals}
	if customers == 0 || months <= 0 || referrals == 0 {
		for m := 0; m <= 12; m++ {
			p.Points = append(p.Points, ProjectionPoint{Month: m})
		}
		return p
	}
	p.PerCustomer = float64(referrals) / customers / months
	p.WinRate = float64(won) / float64(referrals)
	if l.OthersRate() > 0 && l.Referred > 0 {
		p.Multiplier = l.ReferredRate() / l.OthersRate()
	}
	// Split the measured rate so that others refer at base and referred
	// customers at Multiplier×base, matching the overall rate today.
	base := p.PerCustomer * customers / (float64(l.Others) + p.Multiplier*float64(l.Referred))
	others, referred := float64(l.Others), float64(l.Referred)
	var withLoop, without float64
	p.Points = append(p.Points, ProjectionPoint{Month: 0})
	for m := 1; m <= 12; m++ {
		won := (others*base + referred*p.Multiplier*base) * p.WinRate
		referred += won
		withLoop += won
		without += (float64(l.Others)*base + float64(l.Referred)*p.Multiplier*base) * p.WinRate
		p.Points = append(p.Points, ProjectionPoint{Month: m, WithLoop: withLoop, Without: without})
	}
	return p
}
