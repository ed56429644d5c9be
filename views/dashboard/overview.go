package dashboard

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/internal/money"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/views/site"
)

// overviewPage is the dashboard's first screen.
type overviewPage struct {
	adminPage
	Range overviewRange
	metrics.Overview
	Previous   metrics.Overview // the same number of days just before
	Funnel     []funnelRow
	Breakdowns []metrics.Breakdown
	Loop       metrics.Loop
	Projection metrics.Projection
	Leaders    []metrics.Leader
	Trend      struct{ Asks, Referrals, Pipeline template.HTML }
	// Bucket says "week" or "day"; ProjectionChart draws the loop ahead.
	Bucket          string
	ProjectionChart template.HTML
	// AsOf is when the figures were read; Stale, that newer data exists and
	// fresh figures are being read.
	AsOf  time.Time
	Stale bool
	// Refused counts the introductions refused over a cap in the last 30
	// days, whatever the range; Caps are the caps in force.
	Refused int
	Caps    struct{ AskDay, ReferrerWeek int }
	Setup   setupPanel // the setup checklist, until every step is done (setup.go)
	// currency is the ISO 4217 code money is shown in.
	currency string
}

// overviewRange is the date range chosen: one of the presets, or custom
// dates (inclusive) typed in the form.
type overviewRange struct {
	Days     int // a preset, 0 for custom
	Presets  []int
	From, To string // the custom dates as typed, YYYY-MM-DD
	Error    string
	Label    string // "the last 90 days", "1 Jan 2026 – 31 Mar 2026"
	Length   int    // days in the range
	key      string
	span     metrics.Span
}

// readRange reads ?days= or ?from=&to=; anything else falls back to the
// default with an error for the custom form.
// Custom dates are days of the program's time zone.
func readRange(e *core.RequestEvent) overviewRange {
	q := e.Request.URL.Query()
	r := overviewRange{Presets: metrics.Presets, From: q.Get("from"), To: q.Get("to")}
	if r.From != "" || r.To != "" {
		loc := zoneOf(e.App)
		from, err1 := time.ParseInLocation(time.DateOnly, r.From, loc)
		to, err2 := time.ParseInLocation(time.DateOnly, r.To, loc)
		if err1 != nil || err2 != nil {
			r.Error = "Enter both dates as YYYY-MM-DD."
		} else if key, span, days, err := metrics.Between(from, to); err != nil {
			r.Error = rangeRefusal(err)
		} else {
			r.key, r.span, r.Length = key, span, days
			r.Label = site.DateOf(from) + " – " + site.DateOf(to)
			return r
		}
	}
	days, _ := strconv.Atoi(q.Get("days"))
	r.Days = metrics.PresetDays(days)
	r.Length = r.Days
	r.Label = fmt.Sprintf("the last %d days", r.Days)
	r.key, r.span = metrics.LastDays(r.Days)
	return r
}

// rangeRefusal says in words why a custom range was refused.
func rangeRefusal(err error) string {
	if errors.Is(err, metrics.ErrRangeReversed) {
		return "The end date is before the start date."
	}
	return "Choose a range of five years or less."
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
	return signedAmount(p.PipelineGenerated-p.Previous.PipelineGenerated, p.currency)
}
func (p overviewPage) WonChange() string {
	return signedAmount(p.PipelineWon-p.Previous.PipelineWon, p.currency)
}

// signed formats a change, with "no change" for zero.
func signed(v float64, format string) string {
	if math.Abs(v) < 0.05 {
		return "no change"
	}
	return fmt.Sprintf(format, v)
}

// signedAmount formats a change of money with its sign and currency.
func signedAmount(v float64, code string) string {
	switch {
	case math.Abs(v) < 0.5:
		return "no change"
	case v > 0:
		return "+" + money.Format(v, code, "en")
	default:
		return money.Format(v, code, "en")
	}
}

// funnelRow is one funnel step with its conversion from the step before.
type funnelRow struct {
	Name       string
	Count      int
	Conversion string
	Width      int
}

// overview renders the figures of the chosen range, from the kept report
// when it is current (see metrics.Snapshot).
func overview(e *core.RequestEvent) error {
	rng := readRange(e)
	report, stale, err := metrics.Snapshot(e.App, rng.key, rng.span)
	if err != nil {
		e.App.Logger().Error("computing the overview failed", "error", err)
		return adminError(e, http.StatusInternalServerError, "The figures could not be computed",
			"Something went wrong reading the program's data. Try again in a moment; the server log has the details.")
	}
	page := overviewPage{adminPage: newAdminPage(e, "overview"), Range: rng,
		Overview: report.Current, Previous: report.Previous, Breakdowns: report.Breakdowns, Loop: report.Loop,
		Projection: report.Projection, Leaders: report.Leaders, AsOf: report.ComputedAt, Stale: stale}
	page.Funnel, page.Setup = funnelRows(report.Current.Funnel), readSetup(e)
	page.currency = settingsOf(e.App).CurrencyCode()
	page.readRefusals(e.App)
	page.drawTrend(report, settingsOf(e.App))
	page.drawProjection()
	status := http.StatusOK
	if rng.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	return render(e, status, page.view(), page)
}

// refusalWindow is how far back the overview counts refusals.
const refusalWindow = 30 * 24 * time.Hour

// readRefusals reads how many introductions the caps refused in the last 30
// days, and the caps; a failure is logged and shows as none.
func (p *overviewPage) readRefusals(app core.App) {
	n, err := referrals.RefusedSince(app, time.Now().Add(-refusalWindow))
	if err != nil {
		app.Logger().Error("counting the refused introductions failed", "error", err)
	}
	p.Refused = n
	if s, err := program.Load(app); err == nil {
		p.Caps.AskDay, p.Caps.ReferrerWeek = s.AskDayCap(), s.ReferrerWeekCap()
	}
}

// RefusedLine says how many introductions the caps refused lately.
func (p overviewPage) RefusedLine() string {
	switch p.Refused {
	case 0:
		return "No introductions refused over a cap in the last 30 days."
	case 1:
		return "1 introduction refused over a cap in the last 30 days."
	}
	return site.Amount(float64(p.Refused)) + " introductions refused over a cap in the last 30 days."
}

// CapsLine says what the caps are.
func (p overviewPage) CapsLine() string {
	per := "introductions"
	if p.Caps.AskDay == 1 {
		per = "introduction"
	}
	return fmt.Sprintf("An ask link sends at most %d %s a day, and a referrer at most %d a week", p.Caps.AskDay, per, p.Caps.ReferrerWeek)
}

// funnelRows adds each step's conversion and bar width.
func funnelRows(steps []metrics.Step) []funnelRow {
	top := 1
	if len(steps) > 0 && steps[0].Count > 0 {
		top = steps[0].Count
	}
	var rows []funnelRow
	for i, s := range steps {
		row := funnelRow{Name: s.Name, Count: s.Count, Width: max(1, 100*s.Count/top)}
		if i > 0 && steps[i-1].Count > 0 {
			row.Conversion = fmt.Sprintf("%.0f%%", 100*float64(s.Count)/float64(steps[i-1].Count))
		}
		rows = append(rows, row)
	}
	return rows
}

// drawTrend draws asks, referrals and pipeline per bucket, in days or
// weeks of the program's zone (the buckets' own), their labels carrying a
// year when the range is not all in the current year.
func (p *overviewPage) drawTrend(r metrics.Report, s program.Settings) {
	p.Bucket = "week"
	if len(r.Trend) > 1 && r.Trend[1].Start.Sub(r.Trend[0].Start) < 48*time.Hour {
		p.Bucket = "day"
	}
	labels, long := trendLabels(r.Trend, p.Bucket, time.Now().In(s.Location()))
	var asks, referrals, pipeline []float64
	for _, b := range r.Trend {
		asks = append(asks, float64(b.Asks))
		referrals = append(referrals, float64(b.Referrals))
		pipeline = append(pipeline, b.Pipeline)
	}
	per, slot := " per "+p.Bucket, "Week of"
	if p.Bucket == "day" {
		slot = "Day"
	}
	code := s.CurrencyCode()
	p.Trend.Asks = Chart{Title: "Asks delivered" + per, Labels: labels, Long: long, Format: compact, Unit: "asks", Slot: slot,
		Full:   func(f float64) string { return site.Amount(f) },
		Series: []Series{{Name: "Asks", Values: asks, Class: "one"}}}.Bars()
	p.Trend.Referrals = Chart{Title: "Referrals made" + per, Labels: labels, Long: long, Format: compact, Unit: "referrals", Slot: slot,
		Full:   func(f float64) string { return site.Amount(f) },
		Series: []Series{{Name: "Referrals", Values: referrals, Class: "two"}}}.Bars()
	p.Trend.Pipeline = Chart{Title: "Pipeline generated" + per + ", in " + code, Labels: labels, Long: long, Unit: code, Slot: slot,
		Format: func(f float64) string { return money.Short(f, code, "en") }, Full: s.Money,
		Series: []Series{{Name: "Pipeline", Values: pipeline, Class: "three"}}}.Bars()
}

// trendLabels writes each bucket's start short, for the axis ("2 Mar";
// with a year, "2 Mar 2025" for a day and "Mar 2025" for a week, when the
// buckets are not all in now's year), and in full, for tooltips and tables.
func trendLabels(buckets []metrics.Bucket, bucket string, now time.Time) (short, long []string) {
	year := false
	for _, b := range buckets {
		year = year || b.Start.Year() != now.Year()
	}
	layout := "2 Jan"
	switch {
	case year && bucket == "day":
		layout = "2 Jan 2006"
	case year:
		layout = "Jan 2006"
	}
	for _, b := range buckets {
		short = append(short, b.Start.Format(layout))
		long = append(long, b.Start.Format("Mon 2 Jan 2006"))
	}
	return short, long
}

// drawProjection draws the loop's twelve months ahead, with and without
// new customers referring in turn: when the rates rest on enough data, and
// as one line when the two would lie on each other.
func (p *overviewPage) drawProjection() {
	pr := p.Projection
	if !pr.Enough() {
		return
	}
	var labels, long []string
	var with, without []float64
	for _, pt := range pr.Points {
		labels = append(labels, strconv.Itoa(pt.Month)+" mo")
		long = append(long, "In "+site.Plural(pt.Month, "month", "months"))
		with = append(with, pt.WithLoop)
		without = append(without, pt.Without)
	}
	labels[0], long[0] = "now", "Today"
	series := []Series{
		{Name: "Today's customers only", Values: without, Class: "two"},
		{Name: "With the loop", Values: with, Class: "one"},
	}
	if pr.Coincide() {
		series = []Series{{Name: "With the loop or without", Values: with, Class: "one"}}
	}
	p.ProjectionChart = Chart{Title: "Customers won by referral over the next 12 months", Labels: labels, Long: long,
		Unit: "customers", Slot: "Month",
		Format: func(f float64) string { return compact(math.Round(f)) },
		Full:   func(f float64) string { return site.Amount(f) },
		Series: series}.Lines()
}

// ProjectionShortfall says what the projection lacks to be drawn, "" when
// it rests on enough data.
func (p overviewPage) ProjectionShortfall() string {
	pr := p.Projection
	if pr.Enough() {
		return ""
	}
	return fmt.Sprintf("The projection needs at least %s and %s in the range to rest on; %s has %s and %s.",
		site.Plural(metrics.MinSample, "ask delivered", "asks delivered"), site.Plural(metrics.MinReferred, "referral", "referrals"),
		p.Range.Label, site.Plural(pr.Asks, "ask", "asks"), site.Plural(pr.Referrals, "referral", "referrals"))
}

// ProjectionSummary says in one sentence what the projection shows.
func (p overviewPage) ProjectionSummary() string {
	pr := p.Projection
	if pr.PerCustomer == 0 {
		return "There are no referrals in this range yet, so there is nothing to project. The projection appears once customers refer."
	}
	rates := fmt.Sprintf("At the rates measured in %s (%.2f referrals per customer a month, %.0f%% of referrals won, referred customers referring %.1f× as often as others), referrals would bring about %s in 12 months",
		p.Range.Label, pr.PerCustomer, 100*pr.WinRate, pr.Multiplier, site.Plural(int(math.Round(pr.Total())), "new customer", "new customers"))
	if pr.Coincide() {
		return rates + ". With the loop and without it the lines coincide, so one is drawn: the customers referrals win are too few to bring a whole customer more by referring in turn within the year."
	}
	return rates + fmt.Sprintf(", %s of them because new customers refer in turn.", site.Amount(pr.Gain()))
}
