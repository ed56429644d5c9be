package metrics

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Report is everything the overview shows for one date range.
type Report struct {
	Current, Previous Overview // the range, and as many days just before it
	Breakdowns        []Breakdown
	Trend             []Bucket
	Loop              Loop
	Projection        Projection
	Leaders           []Leader

	// ComputedAt is when the figures were read; Took, how long that took.
	ComputedAt time.Time
	Took       time.Duration
}

// Build reads every figure of the overview for [from, to).
func Build(app core.App, from, to time.Time) (Report, error) {
	start := time.Now()
	r := Report{ComputedAt: start.UTC()}
	var err error
	if r.Current, err = Compute(app, from, to); err != nil {
		return r, err
	}
	if r.Previous, err = Compute(app, from.Add(-to.Sub(from)), from); err != nil {
		return r, err
	}
	if r.Breakdowns, err = Breakdowns(app, from, to); err != nil {
		return r, err
	}
	if r.Trend, err = Trend(app, from, to); err != nil {
		return r, err
	}
	if r.Loop, err = ComputeLoop(app); err != nil {
		return r, err
	}
	if r.Leaders, err = Leaders(app, from, to, 10); err != nil {
		return r, err
	}
	won := 0
	if n := len(r.Current.Funnel); n > 0 {
		won = r.Current.Funnel[n-1].Count
	}
	months := to.Sub(from).Hours() / 24 / 30.44
	r.Projection = Project(r.Loop, r.Current.Referrals, won, months)
	r.Took = time.Since(start)
	return r, nil
}
