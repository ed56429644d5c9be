package views

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
)

// overviewPage is the dashboard's first screen.
type overviewPage struct {
	Layout
	Admin  string
	Days   int
	Ranges []int
	metrics.Overview
	Previous   metrics.Overview // the same number of days just before
	Funnel     []funnelRow
	Breakdowns []metrics.Breakdown
	Loop       metrics.Loop
}

// Change lines say how each headline figure moved against the previous
// period of the same length.
func (p overviewPage) AskedChange() string {
	return signed(float64(p.CustomersAsked-p.Previous.CustomersAsked), "%+.0f")
}
func (p overviewPage) YieldChange() string {
	return signed(100*(p.YieldRate()-p.Previous.YieldRate()), "%+.1f pts")
}
func (p overviewPage) GeneratedChange() string {
	return signedAmount(p.PipelineGenerated - p.Previous.PipelineGenerated)
}
func (p overviewPage) WonChange() string { return signedAmount(p.PipelineWon - p.Previous.PipelineWon) }

// signed formats a change, with "no change" for zero.
func signed(v float64, format string) string {
	if math.Abs(v) < 0.05 {
		return "no change"
	}
	return fmt.Sprintf(format, v)
}

// signedAmount formats a change of money with its sign and separators.
func signedAmount(v float64) string {
	switch {
	case math.Abs(v) < 0.5:
		return "no change"
	case v > 0:
		return "+" + amount(v)
	default:
		return amount(v)
	}
}

// funnelRow is one funnel step with its conversion from the step before.
type funnelRow struct {
	Name       string
	Count      int
	Conversion string
	Width      int
}

// overview renders the headline figures and funnel for the chosen range.
func overview(e *core.RequestEvent) error {
	days, err := strconv.Atoi(e.Request.URL.Query().Get("days"))
	if err != nil || (days != 30 && days != 90 && days != 365) {
		days = 365
	}
	to := time.Now().UTC()
	from := to.AddDate(0, 0, -days)
	o, err := metrics.Compute(e.App, from, to)
	var prev metrics.Overview
	var breakdowns []metrics.Breakdown
	var loop metrics.Loop
	if err == nil {
		prev, err = metrics.Compute(e.App, from.AddDate(0, 0, -days), from)
	}
	if err == nil {
		breakdowns, err = metrics.Breakdowns(e.App, from, to)
	}
	if err == nil {
		loop, err = metrics.ComputeLoop(e.App)
	}
	if err != nil {
		e.App.Logger().Error("computing the overview failed", "error", err)
		return render(e, http.StatusInternalServerError, "error", errorPage{
			Layout: adminLayout(e.App), Code: 500, Title: "The figures could not be computed",
			Message: "Something went wrong reading the program's data. Try again in a moment; the server log has the details.",
		})
	}
	page := overviewPage{Layout: adminLayout(e.App), Admin: e.Auth.Email(), Days: days, Ranges: []int{30, 90, 365},
		Overview: o, Previous: prev, Breakdowns: breakdowns, Loop: loop}
	top := 1
	if len(o.Funnel) > 0 && o.Funnel[0].Count > 0 {
		top = o.Funnel[0].Count
	}
	for i, s := range o.Funnel {
		row := funnelRow{Name: s.Name, Count: s.Count, Width: max(1, 100*s.Count/top)}
		if i > 0 && o.Funnel[i-1].Count > 0 {
			row.Conversion = fmt.Sprintf("%.0f%%", 100*float64(s.Count)/float64(o.Funnel[i-1].Count))
		}
		page.Funnel = append(page.Funnel, row)
	}
	return render(e, http.StatusOK, "dashboard", page)
}
