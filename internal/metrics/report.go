package metrics

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/sync/errgroup"

	"warmloop/internal/program"
)

// zone is the program's time zone, whose days and weeks the trend counts;
// UTC when the settings cannot be read (or there is no database yet).
func zone(app core.App) *time.Location {
	if !app.IsBootstrapped() {
		return time.UTC
	}
	s, err := program.Load(app)
	if err != nil {
		return time.UTC
	}
	return s.Location()
}

// Report is everything the overview shows for one date range.
type Report struct {
	Current, Previous Overview // the range, and as many days just before it
	Breakdowns        []Breakdown
	// VariantLocales splits the message variants by the language each ask
	// was written in (see VariantsIn).
	VariantLocales []VariantByLocale
	Trend          []Bucket
	Loop           Loop
	Projection     Projection
	Leaders        []Leader

	// ComputedAt is when the figures were read; Took, how long that took.
	ComputedAt time.Time
	Took       time.Duration
}

// Build reads every figure of the overview for [from, to), its trend in
// days or weeks of the program's time zone. The parts are independent
// reads, run side by side on SQLite's pool of read connections. It first
// makes sure the rollups they read are whole (EnsureRollups).
func Build(app core.App, from, to time.Time) (Report, error) {
	start := time.Now()
	r := Report{ComputedAt: start.UTC()}
	if err := EnsureRollups(app); err != nil {
		return r, err
	}
	loc := zone(app)
	var g errgroup.Group
	g.Go(func() (err error) { r.Current, r.Previous, err = computeWithPrevious(app, from, to); return })
	g.Go(func() (err error) { r.Breakdowns, err = Breakdowns(app, from, to); return })
	g.Go(func() (err error) { r.VariantLocales, err = VariantsByLocale(app, from, to); return })
	g.Go(func() (err error) { r.Trend, err = Trend(app, from, to, loc); return })
	g.Go(func() (err error) { r.Loop, err = ComputeLoop(app); return })
	g.Go(func() (err error) { r.Leaders, err = Leaders(app, from, to, 10); return })
	if err := g.Wait(); err != nil {
		return r, err
	}
	won := 0
	if n := len(r.Current.Funnel); n > 0 {
		won = r.Current.Funnel[n-1].Count
	}
	months := to.Sub(from).Hours() / 24 / 30.44
	r.Projection = Project(r.Loop, r.Current.Referrals, won, months)
	r.Projection.Asks = r.Current.AsksSent
	r.Took = time.Since(start)
	return r, nil
}
