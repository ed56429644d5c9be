package dashboard

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts are drawn on the server as inline SVG: nothing is downloaded at
// run time, they print, and they read without JavaScript. Each has a unit
// on its value axis, a title for screen readers, a tooltip per mark, and a
// table of the same figures behind a "Show as table" toggle.
//
// SVG text scales with the drawing. The coordinate space is about as wide
// as a chart is drawn on a phone, and the CSS keeps a chart between
// chartMinPx and chartMaxPx wide, so text of fontSize units renders at 12
// CSS pixels or more (a browser test measures it at 390 and 1280 px).

// The drawing's coordinate space and its margins: the value axis's labels
// on the left, its unit above them, the slots' labels below.
const (
	chartW, chartH            = 320.0, 200.0
	padRight, padTop, padBott = 8.0, 28.0, 28.0
	fontSize                  = 14.0
)

// Series is one line or set of bars.
type Series struct {
	Name   string
	Values []float64
	Class  string // the CSS class that colours it: one, two, three
}

// Chart is what a chart needs: its slots' labels along the bottom (short)
// and in full (Long, for tooltips and the table; Labels when nil), its
// series, how to write a value on the axis (Format) and in full (Full;
// Format when nil), and the unit of its values ("asks", "USD").
type Chart struct {
	Title  string
	Labels []string
	Long   []string
	Series []Series
	Format func(float64) string
	Full   func(float64) string
	Unit   string
	// Slot names the table's first column: "Week of", "Day", "Month".
	Slot string
	// ShowTable and AsTable are the table toggle's words ("Show as table",
	// "Asks per week, as a table"), English when empty.
	ShowTable, AsTable string
	// left is the width of the value axis: its widest label, and a gap.
	left float64
}

// withAxis is the chart with its value axis as wide as its widest label
// for values up to top.
func (c Chart) withAxis(top float64) Chart {
	ticks := niceTicks(top, 4)
	c.left = 24
	for _, t := range ticks {
		c.left = math.Max(c.left, textWidth(c.Format(t))+8)
	}
	return c
}

// niceTicks picks about n round steps from 0 to at least top.
func niceTicks(top float64, n int) []float64 {
	if top <= 0 {
		top = 1
	}
	raw := top / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if step < 1 {
		step = 1
	}
	var ticks []float64
	for v := 0.0; ; v += step {
		ticks = append(ticks, v)
		if v >= top {
			break
		}
	}
	return ticks
}

// textWidth estimates how wide a label is drawn, in units: a generous
// average glyph of 0.6 em.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * fontSize * 0.6 }

// labelEvery is how many slots apart the bottom labels are, so that they
// never overlap.
func (c Chart) labelEvery() int {
	widest := 0.0
	for _, l := range c.Labels {
		widest = math.Max(widest, textWidth(l))
	}
	slot := (chartW - c.left - padRight) / float64(max1(len(c.Labels)))
	return max1(int(math.Ceil((widest + fontSize) / slot)))
}

// frame draws the unit, the grid, the value axis and the bottom labels,
// and returns the scale of a value to y. c.left is set (withAxis).
func (c Chart) frame(b *strings.Builder, top float64) (ys func(float64) float64) {
	ticks := niceTicks(top, 4)
	max := ticks[len(ticks)-1]
	plotH := chartH - padTop - padBott
	ys = func(v float64) float64 { return padTop + plotH - v/max*plotH }
	if c.Unit != "" {
		fmt.Fprintf(b, `<text class="axis unit" x="0" y="%.1f">%s</text>`, fontSize, template.HTMLEscapeString(c.Unit))
	}
	for _, t := range ticks {
		y := ys(t)
		fmt.Fprintf(b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, c.left, chartW-padRight, y, y)
		fmt.Fprintf(b, `<text class="axis" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, c.left-6, y+fontSize*0.35, template.HTMLEscapeString(c.Format(t)))
	}
	every, end := c.labelEvery(), math.Inf(-1)
	for i, l := range c.Labels {
		if i%every != 0 {
			continue
		}
		// A label is kept inside the drawing; one pushed back from the
		// right edge onto the label before it is left out.
		w := textWidth(l)
		x, anchor, left := c.x(i), "middle", c.x(i)-w/2
		switch {
		case x+w/2 > chartW:
			x, anchor, left = chartW, "end", chartW-w
		case left < 0:
			x, anchor, left = 0, "start", 0
		}
		if left < end+fontSize/2 {
			continue
		}
		end = left + w
		fmt.Fprintf(b, `<text class="axis" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x, chartH-padBott+fontSize+6, anchor, template.HTMLEscapeString(l))
	}
	fmt.Fprintf(b, `<line class="baseline" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, c.left, chartW-padRight, ys(0), ys(0))
	return ys
}

// x is the centre of the i-th slot along the bottom.
func (c Chart) x(i int) float64 {
	slot := (chartW - c.left - padRight) / float64(max1(len(c.Labels)))
	return c.left + slot*(float64(i)+0.5)
}

// open starts the SVG with its accessible name.
func (c Chart) open(b *strings.Builder) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" preserveAspectRatio="xMidYMid meet"><title>%s</title>`,
		chartW, chartH, template.HTMLEscapeString(c.Title), template.HTMLEscapeString(c.Title))
}

// long is the full label of slot i.
func (c Chart) long(i int) string {
	if i < len(c.Long) {
		return c.Long[i]
	}
	return c.Labels[i]
}

// full writes a value in full.
func (c Chart) full(v float64) string {
	if c.Full != nil {
		return c.Full(v)
	}
	return c.Format(v)
}

// Bars draws the first series as bars, with its table.
func (c Chart) Bars() template.HTML {
	var b strings.Builder
	c.open(&b)
	s := c.Series[0]
	c = c.withAxis(maxOf(s.Values))
	ys := c.frame(&b, maxOf(s.Values))
	slot := (chartW - c.left - padRight) / float64(max1(len(c.Labels)))
	w := math.Max(1, slot*0.7)
	for i, v := range s.Values {
		y := ys(v)
		fmt.Fprintf(&b, `<rect class="bar-%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2"><title>%s: %s</title></rect>`,
			s.Class, c.x(i)-w/2, y, w, ys(0)-y, template.HTMLEscapeString(c.long(i)), template.HTMLEscapeString(c.full(v)))
	}
	b.WriteString(`</svg>`)
	c.table(&b)
	return template.HTML(b.String())
}

// Lines draws every series as a line with a dot per point, with its table.
func (c Chart) Lines() template.HTML {
	var b strings.Builder
	c.open(&b)
	top := 0.0
	for _, s := range c.Series {
		top = math.Max(top, maxOf(s.Values))
	}
	c = c.withAxis(top)
	ys := c.frame(&b, top)
	for _, s := range c.Series {
		var pts []string
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", c.x(i), ys(v)))
		}
		fmt.Fprintf(&b, `<polyline class="line-%s" points="%s"/>`, s.Class, strings.Join(pts, " "))
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<circle class="dot-%s" cx="%.1f" cy="%.1f" r="3"><title>%s, %s: %s</title></circle>`,
				s.Class, c.x(i), ys(v), template.HTMLEscapeString(s.Name), template.HTMLEscapeString(c.long(i)), template.HTMLEscapeString(c.full(v)))
		}
	}
	b.WriteString(`</svg>`)
	c.table(&b)
	return template.HTML(b.String())
}

// table writes the chart's figures as a table behind a toggle: the text
// alternative of the drawing, reachable by keyboard (a summary is a
// button to the keyboard and to screen readers).
func (c Chart) table(b *strings.Builder) {
	esc := template.HTMLEscapeString
	show, region := c.ShowTable, c.AsTable
	if show == "" {
		show = "Show as table"
	}
	if region == "" {
		region = c.Title + ", as a table"
	}
	fmt.Fprintf(b, `<details class="chart-table"><summary>%[3]s<span class="sr-only">: %[1]s</span></summary><div class="table-scroll" tabindex="0" role="region" aria-label="%[4]s"><table class="table compact"><thead><tr><th scope="col">%[2]s</th>`,
		esc(c.Title), esc(c.Slot), esc(show), esc(region))
	for _, s := range c.Series {
		name := s.Name
		if c.Unit != "" && !strings.EqualFold(c.Unit, s.Name) {
			name += " (" + c.Unit + ")"
		}
		fmt.Fprintf(b, `<th scope="col" class="num">%s</th>`, esc(name))
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i := range c.Labels {
		fmt.Fprintf(b, `<tr><th scope="row">%s</th>`, esc(c.long(i)))
		for _, s := range c.Series {
			fmt.Fprintf(b, `<td class="num">%s</td>`, esc(c.full(s.Values[i])))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div></details>`)
}

func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = math.Max(m, v)
	}
	return m
}

func max1(n int) int { return max(1, n) }

// compact writes a number short enough for an axis: 950, 1.2k, 45k, 1.5M.
func compact(f float64) string {
	switch a := math.Abs(f); {
	case a >= 1e6:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f/1e6), ".0") + "M"
	case a >= 1e3:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f/1e3), ".0") + "k"
	default:
		return fmt.Sprintf("%.0f", f)
	}
}
