package metrics

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Bucket is one period of the trend: asks delivered, referrals made and
// pipeline generated (qualified) in it.
type Bucket struct {
	Start     time.Time
	Asks      int
	Referrals int
	Pipeline  float64
}

// A trend's buckets are days or weeks of the program's time zone, while
// the rollups count UTC days. A UTC day that falls inside one bucket is read
// from the rollups; a UTC day a bucket starts in the middle of (every day,
// in a zone other than UTC, for daily buckets) is read from the rows, as
// are the partial days at the range's ends. The rows are counted per UTC
// day, hour, minute or second, whichever is the coarsest that every bucket
// starts on, so each count falls in exactly one bucket: the figures are
// exact in any zone.

// trendQuery is one figure of the trend: its whole UTC days from a rollup,
// and its rows in the given stretches, each grouped by a stamp's prefix.
type trendQuery struct {
	days func() string          // SELECT day, n … for {:d1} ≤ day < {:d2}
	rows func(in string) string // SELECT the stamp's prefix as key, n … where in matches the stamp
	// col is the stamp column rows reads, for in.
	col string
}

// trendSQL are the trend's three figures: asks delivered, referrals made,
// and the value of each move to qualified. Its rows' key is substr(col, 1,
// {:prefix}).
var trendSQL = []trendQuery{
	{
		days: func() string {
			return `SELECT day, SUM(asks) AS n FROM rollup_ask_groups WHERE ` + wholeDays + ` GROUP BY 1`
		},
		rows: func(in string) string {
			return `SELECT substr(sent_at, 1, {:prefix}) AS key, COUNT(*) AS n FROM asks
				WHERE +status IN ('sent','clicked','referred') AND ` + in + ` GROUP BY 1`
		},
		col: "sent_at",
	},
	{
		days: func() string {
			return `SELECT day, SUM(referrals) AS n FROM rollup_referrals WHERE ` + wholeDays + ` GROUP BY 1`
		},
		rows: func(in string) string {
			return `SELECT substr(created, 1, {:prefix}) AS key, COUNT(*) AS n FROM referrals WHERE ` + in + ` GROUP BY 1`
		},
		col: "created",
	},
	{
		days: func() string {
			return `SELECT s.day AS day, SUM(s.events * r.pipeline_value) AS n FROM rollup_stages s JOIN referrals r ON r.id = s.referral
				WHERE s.stage = 'qualified' AND s.day >= {:d1} AND s.day < {:d2} GROUP BY 1`
		},
		rows: func(in string) string {
			return `SELECT substr(e.at, 1, {:prefix}) AS key, SUM(r.pipeline_value) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral
				WHERE e.to_status = 'qualified' AND ` + in + ` GROUP BY 1`
		},
		col: "e.at",
	},
}

// BucketDays is the length of a trend bucket for a range: days for a month
// or less, weeks beyond.
func BucketDays(from, to time.Time) int {
	if to.Sub(from) <= 31*24*time.Hour {
		return 1
	}
	return 7
}

// Trend splits [from, to) into buckets of days in the zone loc (see
// BucketDays) and counts asks, referrals and pipeline in each. Weekly
// buckets start on Mondays; the first and last may be partial.
func Trend(app core.App, from, to time.Time, loc *time.Location) ([]Bucket, error) {
	size := BucketDays(from, to)
	var buckets []Bucket
	for s := startOf(from.In(loc), size); s.Before(to); s = s.AddDate(0, 0, size) {
		buckets = append(buckets, Bucket{Start: s})
	}
	if len(buckets) == 0 {
		return nil, nil
	}
	p := trendPlan(from, to, buckets)
	params := p.params()
	for i, q := range trendSQL {
		var rows []struct {
			Key string  `db:"key"`
			N   float64 `db:"n"`
		}
		var days []struct {
			Day string  `db:"day"`
			N   float64 `db:"n"`
		}
		if err := app.DB().NewQuery(q.days()).Bind(params).All(&days); err != nil {
			return nil, err
		}
		for _, d := range days {
			if day, err := time.Parse(time.DateOnly, d.Day); err == nil && !p.cut[day] {
				rows = append(rows, struct {
					Key string  `db:"key"`
					N   float64 `db:"n"`
				}{d.Day, d.N})
			}
		}
		var edge []struct {
			Key string  `db:"key"`
			N   float64 `db:"n"`
		}
		if err := app.DB().NewQuery(q.rows(p.where(q.col))).Bind(params).All(&edge); err != nil {
			return nil, err
		}
		rows = append(rows, edge...)
		for _, r := range rows {
			at, err := time.Parse(stampLayout[:len(r.Key)], r.Key)
			if err != nil {
				continue
			}
			b := bucketOf(buckets, at)
			if b < 0 {
				continue
			}
			switch i {
			case 0:
				buckets[b].Asks += int(r.N)
			case 1:
				buckets[b].Referrals += int(r.N)
			case 2:
				buckets[b].Pipeline += r.N
			}
		}
	}
	return buckets, nil
}

// stampLayout is PocketBase's stored stamp, whose prefixes the rows are
// grouped by.
const stampLayout = "2006-01-02 15:04:05"

// bucketOf is the index of the bucket at falls in: the last that starts at
// or before it; -1 before the first.
func bucketOf(buckets []Bucket, at time.Time) int {
	i, found := slices.BinarySearchFunc(buckets, at, func(b Bucket, t time.Time) int { return b.Start.Compare(t) })
	if found {
		return i
	}
	return i - 1
}

// plan is how a trend reads [from, to): the whole UTC days of the window
// from the rollups, but those a bucket starts inside (cut); the rest, in
// stretches, from the rows, grouped by the first prefix characters of
// their stamps.
type plan struct {
	w       window
	cut     map[time.Time]bool
	stretch [][2]time.Time
	prefix  int
	in      string // the stretches as SQL, with %[1]s for the column
}

// trendPlan plans the reading of [from, to) into buckets.
func trendPlan(from, to time.Time, buckets []Bucket) plan {
	p := plan{w: split(from, to), cut: map[time.Time]bool{}, prefix: len(time.DateOnly)}
	add := func(a, b time.Time) {
		if !a.Before(b) {
			return
		}
		if n := len(p.stretch); n > 0 && !p.stretch[n-1][1].Before(a) {
			p.stretch[n-1][1] = b
			return
		}
		p.stretch = append(p.stretch, [2]time.Time{a, b})
	}
	add(p.w.from, p.w.head)
	for _, b := range buckets {
		start := b.Start.UTC()
		p.prefix = max(p.prefix, prefixFor(start))
		if day := dayOf(start); day.Before(start) && !day.Before(p.w.head) && day.Before(p.w.tail) {
			p.cut[day] = true
		}
	}
	for day := p.w.head; day.Before(p.w.tail); day = day.AddDate(0, 0, 1) {
		if p.cut[day] {
			add(day, day.AddDate(0, 0, 1))
		}
	}
	add(p.w.tail, p.w.to)
	var in []string
	for i := range p.stretch {
		in = append(in, fmt.Sprintf("%%[1]s >= {:s%d} AND %%[1]s < {:e%d}", i, i))
	}
	if len(in) > 0 {
		p.in = "(" + strings.Join(in, " OR ") + ")"
	}
	return p
}

// prefixFor is the shortest prefix of a stamp that tells on which side of
// t every moment falls: the day, hour, minute or second.
func prefixFor(t time.Time) int {
	switch {
	case t.Equal(dayOf(t)):
		return len("2006-01-02")
	case t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return len("2006-01-02 15")
	case t.Second() == 0 && t.Nanosecond() == 0:
		return len("2006-01-02 15:04")
	}
	return len(stampLayout)
}

// where matches the plan's stretches on the stamp column col; nothing
// when every day is read from the rollups.
func (p plan) where(col string) string {
	if p.in == "" {
		return "0"
	}
	return fmt.Sprintf(p.in, col)
}

// params binds the window, the stretches and the prefix.
func (p plan) params() dbx.Params {
	params := p.w.params()
	for i, s := range p.stretch {
		params[fmt.Sprintf("s%d", i)] = stamp(s[0])
		params[fmt.Sprintf("e%d", i)] = stamp(s[1])
	}
	params["prefix"] = p.prefix
	return params
}

// startOf is the first day of t's bucket in t's zone: the day itself, or
// its week's Monday.
func startOf(t time.Time, size int) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	if size == 7 {
		day = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return day
}
