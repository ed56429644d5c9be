package dashboard

import (
	"errors"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/metrics"
	"warmloop/internal/money"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// overviewPage is the dashboard's first screen.
type overviewPage struct {
	adminPage
	Range overviewRange
	metrics.Overview
	Previous   metrics.Overview // the same number of days just before
	Funnel     []funnelRow
	Breakdowns []driverCard
	// Locale is the language the message variants are read in ("" for
	// all, ?locale=); Locales, those the range's asks were written in.
	Locale     string
	Locales    []localeChoice
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
// default with an error for the custom form, in the admin's language (p).
// Custom dates are days of the program's time zone.
func readRange(e *core.RequestEvent, p adminPage) overviewRange {
	q := e.Request.URL.Query()
	r := overviewRange{Presets: metrics.Presets, From: q.Get("from"), To: q.Get("to")}
	if r.From != "" || r.To != "" {
		loc := zoneOf(e.App)
		from, err1 := time.ParseInLocation(time.DateOnly, r.From, loc)
		to, err2 := time.ParseInLocation(time.DateOnly, r.To, loc)
		if err1 != nil || err2 != nil {
			r.Error = p.T("dash.overview.words.range.dates")
		} else if key, span, days, err := metrics.Between(from, to); err != nil {
			r.Error = p.T(rangeRefusal(err))
		} else {
			r.key, r.span, r.Length = key, span, days
			r.Label = p.Speaker.Date(from) + " – " + p.Speaker.Date(to)
			return r
		}
	}
	days, _ := strconv.Atoi(q.Get("days"))
	r.Days = metrics.PresetDays(days)
	r.Length = r.Days
	r.Label = p.N("dash.overview.words.range.last", r.Days)
	r.key, r.span = metrics.LastDays(r.Days)
	return r
}

// rangeRefusal is the catalog key that says why a custom range was refused.
func rangeRefusal(err error) string {
	if errors.Is(err, metrics.ErrRangeReversed) {
		return "dash.overview.words.range.reversed"
	}
	return "dash.overview.words.range.too_long"
}

// Change lines say how each headline figure moved against the previous
// period of the same length.
func (p overviewPage) AskedChange() string {
	return p.signed(float64(p.CustomersAsked-p.Previous.CustomersAsked), 0)
}
func (p overviewPage) YieldChange() string {
	v := 100 * (p.YieldRate() - p.Previous.YieldRate())
	if math.Abs(v) < 0.05 {
		return p.T("dash.overview.words.no_change")
	}
	return p.T("dash.overview.words.points", "Change", p.signed(v, 1))
}
func (p overviewPage) GeneratedChange() string {
	return p.signedAmount(p.PipelineGenerated - p.Previous.PipelineGenerated)
}
func (p overviewPage) WonChange() string {
	return p.signedAmount(p.PipelineWon - p.Previous.PipelineWon)
}

// signed writes a change with its sign and digits decimals, as the admin
// writes numbers, or says there is none.
func (p overviewPage) signed(v float64, digits int) string {
	if math.Abs(v) < 0.5*math.Pow(10, -float64(digits)) {
		return p.T("dash.overview.words.no_change")
	}
	sign := "+"
	if v < 0 {
		sign = "-"
	}
	return sign + p.Decimal(math.Abs(v), digits)
}

// signedAmount writes a change of money with its sign and currency.
func (p overviewPage) signedAmount(v float64) string {
	switch {
	case math.Abs(v) < 0.5:
		return p.T("dash.overview.words.no_change")
	case v > 0:
		return "+" + p.Amount(v)
	default:
		return p.Amount(v)
	}
}

// driverCard is one breakdown as the overview shows it, in the admin's
// language: its heading, its groups named, its verdict said (overview_words.go).
type driverCard struct {
	Key, Heading, Verdict string
	Groups                []driverGroup
}

// localeChoice is one language of the variant breakdown's select.
type localeChoice struct {
	Value, Label string
	Selected     bool
}

// readDrivers fills the breakdowns, the message variants in the language
// ?locale= names when the range's asks used it (all languages otherwise).
func (p *overviewPage) readDrivers(e *core.RequestEvent, r metrics.Report) {
	asked := e.Request.URL.Query().Get("locale")
	for _, l := range r.Locales() {
		if l == asked {
			p.Locale = l
		}
		p.Locales = append(p.Locales, localeChoice{Value: l, Label: locale.Name(l), Selected: l == asked})
	}
	for _, b := range r.Breakdowns {
		card := p.driverCardOf(b, p.T("dash.overview.drivers.by."+b.Key))
		if b.Key == metrics.ByVariant && p.Locale != "" {
			card = p.driverCardOf(r.VariantsIn(p.Locale),
				p.T("dash.overview.drivers.by.variant_in", "Locale", locale.Name(p.Locale)))
		}
		p.Breakdowns = append(p.Breakdowns, card)
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
	admin := newAdminPage(e, "overview")
	rng := readRange(e, admin)
	report, stale, err := metrics.Snapshot(e.App, rng.key, rng.span)
	if err != nil {
		e.App.Logger().Error("computing the overview failed", "error", err)
		return adminError(e, http.StatusInternalServerError, "The figures could not be computed",
			"Something went wrong reading the program's data. Try again in a moment; the server log has the details.")
	}
	page := overviewPage{adminPage: admin, Range: rng,
		Overview: report.Current, Previous: report.Previous, Loop: report.Loop,
		Projection: report.Projection, Leaders: report.Leaders, AsOf: report.ComputedAt, Stale: stale}
	page.Funnel, page.Setup = page.funnelRows(report.Current.Funnel), readSetup(e)
	page.currency = settingsOf(e.App).CurrencyCode()
	page.readRefusals(e.App)
	page.readDrivers(e, report)
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
	if p.Refused == 0 {
		return p.T("dash.overview.words.refused_none")
	}
	return p.N("dash.overview.words.refused", p.Refused)
}

// CapsLine says what the caps are.
func (p overviewPage) CapsLine() string {
	return p.N("dash.overview.words.caps", p.Caps.AskDay, "Week", p.Count(p.Caps.ReferrerWeek))
}

// funnelRows names each step in the admin's language and adds its
// conversion and bar width.
func (p overviewPage) funnelRows(steps []metrics.Step) []funnelRow {
	top := 1
	if len(steps) > 0 && steps[0].Count > 0 {
		top = steps[0].Count
	}
	var rows []funnelRow
	for i, s := range steps {
		row := funnelRow{Name: p.stageLabel(s.Stage), Count: s.Count, Width: max(1, 100*s.Count/top)}
		if i > 0 && steps[i-1].Count > 0 {
			row.Conversion = p.T("dash.format.percent", "Value", p.Decimal(100*float64(s.Count)/float64(steps[i-1].Count), 0))
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
	slot := p.T("dash.overview.words.chart.week_of")
	if p.Bucket == "day" {
		slot = p.T("dash.overview.words.chart.day")
	}
	code := s.CurrencyCode()
	count := func(f float64) string { return p.Count(int(math.Round(f))) }
	chart := func(title string, unit string, series Series) Chart {
		c := Chart{Title: p.T("dash.overview.trend."+title+"_per_"+p.Bucket, "Currency", code), Labels: labels, Long: long,
			Format: compact, Full: count, Unit: unit, Slot: slot, Series: []Series{series}}
		return p.tableWords(c)
	}
	p.Trend.Asks = chart("asks", p.T("dash.overview.words.chart.unit_asks"),
		Series{Name: p.T("dash.overview.words.chart.asks"), Values: asks, Class: "one"}).Bars()
	p.Trend.Referrals = chart("referrals", p.T("dash.overview.words.chart.unit_referrals"),
		Series{Name: p.T("dash.overview.words.chart.referrals"), Values: referrals, Class: "two"}).Bars()
	sums := chart("pipeline", code, Series{Name: p.T("dash.overview.words.chart.pipeline"), Values: pipeline, Class: "three"})
	sums.Format = func(f float64) string { return money.Short(f, code, p.Lang) }
	sums.Full = p.Amount
	p.Trend.Pipeline = sums.Bars()
}

// tableWords gives a chart the words of its table toggle in the admin's
// language.
func (p overviewPage) tableWords(c Chart) Chart {
	c.ShowTable = p.T("dash.overview.words.chart.show_table")
	c.AsTable = p.T("dash.overview.words.chart.as_table", "Title", c.Title)
	return c
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
		labels = append(labels, p.N("dash.overview.words.chart.months", pt.Month))
		long = append(long, p.N("dash.overview.words.chart.in_months", pt.Month))
		with = append(with, pt.WithLoop)
		without = append(without, pt.Without)
	}
	labels[0], long[0] = p.T("dash.overview.words.chart.now"), p.T("dash.overview.words.chart.today")
	series := []Series{
		{Name: p.T("dash.overview.words.chart.without"), Values: without, Class: "two"},
		{Name: p.T("dash.overview.words.chart.with"), Values: with, Class: "one"},
	}
	if pr.Coincide() {
		series = []Series{{Name: p.T("dash.overview.words.chart.either"), Values: with, Class: "one"}}
	}
	p.ProjectionChart = p.tableWords(Chart{Title: p.T("dash.overview.words.chart.projection"), Labels: labels, Long: long,
		Unit: p.T("dash.overview.words.chart.unit_customers"), Slot: p.T("dash.overview.words.chart.month"),
		Format: func(f float64) string { return compact(math.Round(f)) },
		Full:   func(f float64) string { return p.Count(int(math.Round(f))) },
		Series: series}).Lines()
}

// ProjectionShortfall says what the projection lacks to be drawn, "" when
// it rests on enough data.
func (p overviewPage) ProjectionShortfall() string {
	pr := p.Projection
	if pr.Enough() {
		return ""
	}
	return p.T("dash.overview.words.projection.shortfall",
		"MinAsks", p.N("dash.overview.asked.delivered", metrics.MinSample),
		"MinReferrals", p.N("dash.overview.words.projection.referrals", metrics.MinReferred),
		"Range", p.Range.Label, "Asks", p.N("dash.overview.words.projection.asks", pr.Asks),
		"Referrals", p.N("dash.overview.words.projection.referrals", pr.Referrals))
}

// ProjectionSummary says in one sentence what the projection shows.
func (p overviewPage) ProjectionSummary() string {
	pr := p.Projection
	if pr.PerCustomer == 0 {
		return p.T("dash.overview.words.projection.none")
	}
	rates := p.T("dash.overview.words.projection.rates", "Range", p.Range.Label,
		"PerCustomer", p.Decimal(pr.PerCustomer, 2), "WinRate", p.Percent(pr.WinRate), "Multiplier", p.Decimal(pr.Multiplier, 1),
		"Total", p.N("dash.overview.words.projection.customers", int(math.Round(pr.Total()))))
	if pr.Coincide() {
		return p.T("dash.overview.words.projection.coincide", "Rates", rates)
	}
	return p.T("dash.overview.words.projection.gain", "Rates", rates, "Gain", p.Count(int(math.Round(pr.Gain()))))
}
