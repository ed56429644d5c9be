package metrics

import (
	"time"

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

// trendSQL counts each figure per day of the range; Trend folds days into
// buckets. Days are the date part of PocketBase's stored UTC stamps; whole
// days come from the rollups, partial days from the rows (see window).
var trendSQL = []string{
	`SELECT day, SUM(n) AS n FROM (SELECT day, SUM(asks) AS n FROM rollup_ask_groups WHERE ` + wholeDays + ` GROUP BY 1
		UNION ALL SELECT substr(sent_at, 1, 10), COUNT(*) FROM asks WHERE ` + deliveredEdges + ` GROUP BY 1) GROUP BY 1`,
	`SELECT day, SUM(n) AS n FROM (SELECT day, SUM(referrals) AS n FROM rollup_referrals WHERE ` + wholeDays + ` GROUP BY 1
		UNION ALL SELECT substr(created, 1, 10), COUNT(*) FROM referrals WHERE ` + edges("created") + ` GROUP BY 1) GROUP BY 1`,
	// Each history row that moved a referral to qualified adds its value.
	`SELECT day, SUM(n) AS n FROM (
		SELECT s.day, SUM(s.events * r.pipeline_value) AS n FROM rollup_stages s JOIN referrals r ON r.id = s.referral
			WHERE s.stage = 'qualified' AND s.day >= {:d1} AND s.day < {:d2} GROUP BY 1
		UNION ALL SELECT substr(e.at, 1, 10), SUM(r.pipeline_value) FROM referral_events e JOIN referrals r ON r.id = e.referral
			WHERE e.to_status = 'qualified' AND ` + edges("e.at") + ` GROUP BY 1) GROUP BY 1`,
}

// BucketDays is the length of a trend bucket for a range: days for a month
// or less, weeks beyond.
func BucketDays(from, to time.Time) int {
	if to.Sub(from) <= 31*24*time.Hour {
		return 1
	}
	return 7
}

// Trend splits [from, to) into buckets (see BucketDays) and counts asks,
// referrals and pipeline in each. Weekly buckets start on Mondays; the first
// and last may be partial.
func Trend(app core.App, from, to time.Time) ([]Bucket, error) {
	size := BucketDays(from, to)
	first := startOf(from.UTC(), size)
	var buckets []Bucket
	for s := first; s.Before(to); s = s.AddDate(0, 0, size) {
		buckets = append(buckets, Bucket{Start: s})
	}
	for i, sql := range trendSQL {
		var rows []struct {
			Day string  `db:"day"`
			N   float64 `db:"n"`
		}
		if err := app.DB().NewQuery(sql).Bind(split(from, to).params()).All(&rows); err != nil {
			return nil, err
		}
		for _, r := range rows {
			day, err := time.Parse("2006-01-02", r.Day)
			if err != nil {
				continue
			}
			b := int(day.Sub(first).Hours()/24) / size
			if b < 0 || b >= len(buckets) {
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

// startOf is the first day of t's bucket: the day itself, or its week's Monday.
func startOf(t time.Time, size int) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if size == 7 {
		day = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return day
}
