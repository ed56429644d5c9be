package views

import (
	"fmt"
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
	Funnel []funnelRow
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
	o, err := metrics.Compute(e.App, to.AddDate(0, 0, -days), to)
	if err != nil {
		e.App.Logger().Error("computing the overview failed", "error", err)
		return render(e, http.StatusInternalServerError, "error", errorPage{
			Layout: adminLayout(e.App), Code: 500, Title: "The figures could not be computed",
			Message: "Something went wrong reading the program's data. Try again in a moment; the server log has the details.",
		})
	}
	page := overviewPage{Layout: adminLayout(e.App), Admin: e.Auth.Email(), Days: days, Ranges: []int{30, 90, 365}, Overview: o}
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
