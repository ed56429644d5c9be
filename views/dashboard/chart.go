package dashboard

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts are drawn on the server as inline SVG: nothing is downloaded at
// run time, they print, and they read without JavaScript. Each has labelled
// axes, a title for screen readers and a tooltip per mark.

// chartSize is the drawing's coordinate space; the SVG scales to its box.
const (
	chartW, chartH                     = 480.0, 220.0
	padLeft, padRight, padTop, padBott = 52.0, 12.0, 12.0, 34.0
)

// Series is one line or set of bars.
type Series struct {
	Name   string
	Values []float64
	Class  string // the CSS class that colours it: one, two
}

// Chart is what a chart needs: its labels along the bottom, its series and
// how to write a value.
type Chart struct {
	Title  string
	Labels []string
	Series []Series
	Format func(float64) string
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

// frame draws the grid, the value axis and the bottom labels, and returns
// the scale of a value to y.
func (c Chart) frame(b *strings.Builder, top float64) (ys func(float64) float64) {
	ticks := niceTicks(top, 4)
	max := ticks[len(ticks)-1]
	plotH := chartH - padTop - padBott
	ys = func(v float64) float64 { return padTop + plotH - v/max*plotH }
	for _, t := range ticks {
		y := ys(t)
		fmt.Fprintf(b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, padLeft, chartW-padRight, y, y)
		fmt.Fprintf(b, `<text class="axis" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, padLeft-8, y+4, template.HTMLEscapeString(c.Format(t)))
	}
	n := len(c.Labels)
	every := max1(int(math.Ceil(float64(n) / 6)))
	for i, l := range c.Labels {
		if i%every != 0 {
			continue
		}
		fmt.Fprintf(b, `<text class="axis" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, c.x(i), chartH-padBott+18, template.HTMLEscapeString(l))
	}
	fmt.Fprintf(b, `<line class="baseline" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, padLeft, chartW-padRight, ys(0), ys(0))
	return ys
}

// x is the centre of the i-th slot along the bottom.
func (c Chart) x(i int) float64 {
	slot := (chartW - padLeft - padRight) / float64(max1(len(c.Labels)))
	return padLeft + slot*(float64(i)+0.5)
}

// open starts the SVG with its accessible name.
func (c Chart) open(b *strings.Builder) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" preserveAspectRatio="xMidYMid meet"><title>%s</title>`,
		chartW, chartH, template.HTMLEscapeString(c.Title), template.HTMLEscapeString(c.Title))
}

// Bars draws the first series as bars.
func (c Chart) Bars() template.HTML {
	var b strings.Builder
	c.open(&b)
	s := c.Series[0]
	ys := c.frame(&b, maxOf(s.Values))
	slot := (chartW - padLeft - padRight) / float64(max1(len(c.Labels)))
	w := math.Max(1, slot*0.7)
	for i, v := range s.Values {
		y := ys(v)
		fmt.Fprintf(&b, `<rect class="bar-%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2"><title>%s: %s</title></rect>`,
			s.Class, c.x(i)-w/2, y, w, ys(0)-y, template.HTMLEscapeString(c.Labels[i]), template.HTMLEscapeString(c.Format(v)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Lines draws every series as a line with a dot per point.
func (c Chart) Lines() template.HTML {
	var b strings.Builder
	c.open(&b)
	top := 0.0
	for _, s := range c.Series {
		top = math.Max(top, maxOf(s.Values))
	}
	ys := c.frame(&b, top)
	for _, s := range c.Series {
		var pts []string
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", c.x(i), ys(v)))
		}
		fmt.Fprintf(&b, `<polyline class="line-%s" points="%s"/>`, s.Class, strings.Join(pts, " "))
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<circle class="dot-%s" cx="%.1f" cy="%.1f" r="3"><title>%s, %s: %s</title></circle>`,
				s.Class, c.x(i), ys(v), template.HTMLEscapeString(s.Name), template.HTMLEscapeString(c.Labels[i]), template.HTMLEscapeString(c.Format(v)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
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
