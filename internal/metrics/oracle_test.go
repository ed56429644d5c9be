package metrics

import "github.com/pocketbase/dbx"

// The queries the figures were read with before the daily rollups: straight
// from every row. They stay here as the oracle the rollups must agree with,
// figure for figure.

// oracleDelivered matches asks delivered inside [from, to).
const oracleDelivered = "status IN ('sent','clicked','referred') AND sent_at >= {:from} AND sent_at < {:to}"

// oracleAskedSQL reads the asked figures of one range. A referrer counts
// when they were also asked in the range.
const oracleAskedSQL = `SELECT COUNT(DISTINCT customer) AS customers_asked, COUNT(*) AS asks_sent,
		(SELECT COUNT(*) FROM (SELECT DISTINCT referrer FROM referrals WHERE created >= {:from} AND created < {:to})
			WHERE referrer IN (SELECT customer FROM asks WHERE ` + oracleDelivered + `)) AS referrers
		FROM asks WHERE ` + oracleDelivered

// oracleAsked reads the asked figures of each window from every row.
func oracleAsked(db dbx.Builder, windows []window) ([]asked, error) {
	out := make([]asked, len(windows))
	for i, w := range windows {
		var o Overview
		if err := db.NewQuery(oracleAskedSQL).Bind(rangeParams(w.from, w.to)).One(&o); err != nil {
			return nil, err
		}
		out[i] = asked{customers: o.CustomersAsked, asks: o.AsksSent, referrers: o.Referrers}
	}
	return out, nil
}

var oracleOverviewSQL = struct{ referrals, generated, won, clicked, reached string }{
	referrals: "SELECT COUNT(*) FROM referrals WHERE created >= {:from} AND created < {:to}",
	generated: `SELECT COALESCE(SUM(r.pipeline_value), 0) FROM referrals r WHERE r.id IN
		(SELECT referral FROM referral_events WHERE to_status = 'qualified' AND at >= {:from} AND at < {:to})`,
	won: `SELECT COALESCE(SUM(r.won_value), 0) FROM referrals r WHERE r.status = 'won' AND r.id IN
		(SELECT referral FROM referral_events WHERE to_status = 'won' AND at >= {:from} AND at < {:to})`,
	clicked: "SELECT COUNT(*) FROM asks WHERE clicked_at >= {:from} AND clicked_at < {:to}",
	// How far the referrals made in the range have gone, at any time since.
	reached: `SELECT
		COALESCE(SUM(EXISTS (SELECT 1 FROM referral_events e WHERE e.referral = r.id AND e.to_status = 'booked')), 0) AS booked,
		COALESCE(SUM(EXISTS (SELECT 1 FROM referral_events e WHERE e.referral = r.id AND e.to_status = 'qualified')), 0) AS qualified,
		COALESCE(SUM(EXISTS (SELECT 1 FROM referral_events e WHERE e.referral = r.id AND e.to_status = 'won')), 0) AS won
		FROM referrals r WHERE r.created >= {:from} AND r.created < {:to}`,
}

const oracleBreakdownSQL = `SELECT
	CASE WHEN m.kind IS NULL THEN '' ELSE m.kind END AS d0,
	CAST(a.touch AS TEXT) AS d1,
	a.cadence AS d2,
	COALESCE(i.kind, '') AS d3,
	a.variant AS d4,
	COUNT(*) AS asks, SUM(a.status = 'referred') AS referred
	FROM asks a LEFT JOIN moments m ON m.id = a.moment LEFT JOIN incentives i ON i.id = a.incentive
	WHERE a.status IN ('sent','clicked','referred') AND a.sent_at >= {:from} AND a.sent_at < {:to}
	GROUP BY 1, 2, 3, 4, 5`

// oracleTrend reads no rollup: every row of [from, to), grouped by the
// second of its stamp, which Trend puts in its bucket of the zone's days.
var oracleTrendSQL = []trendQuery{
	{days: oracleNoDays, rows: func(string) string {
		return "SELECT substr(sent_at, 1, 19) AS key, COUNT(*) AS n FROM asks WHERE " + oracleDelivered + " GROUP BY 1"
	}},
	{days: oracleNoDays, rows: func(string) string {
		return "SELECT substr(created, 1, 19) AS key, COUNT(*) AS n FROM referrals WHERE created >= {:from} AND created < {:to} GROUP BY 1"
	}},
	{days: oracleNoDays, rows: func(string) string {
		return `SELECT substr(e.at, 1, 19) AS key, SUM(r.pipeline_value) AS n FROM referral_events e JOIN referrals r ON r.id = e.referral
			WHERE e.to_status = 'qualified' AND e.at >= {:from} AND e.at < {:to} GROUP BY 1`
	}},
}

// oracleVariantLocaleSQL reads the variants by language from every
// delivered ask of the range, as before the rollup kept the language.
const oracleVariantLocaleSQL = `SELECT variant AS name,
	CASE WHEN locale = '' THEN 'en' ELSE locale END AS locale,
	COUNT(*) AS asks, SUM(status = 'referred') AS referred
	FROM asks WHERE ` + oracleDelivered + `
	GROUP BY 1, 2`

// oracleNoDays reads no whole day from a rollup.
func oracleNoDays() string { return "SELECT '' AS day, 0 AS n WHERE 0" }

// oracleLoopSQL reads every customer's row and probes its referrals, as the
// loop did before it was counted from indexes.
const oracleLoopSQL = `SELECT
	COALESCE(SUM(by_referral), 0) AS referred,
	COALESCE(SUM(by_referral AND referred_someone), 0) AS referred_who_referred,
	COALESCE(SUM(NOT by_referral), 0) AS others,
	COALESCE(SUM(NOT by_referral AND referred_someone), 0) AS others_who_referred
FROM (SELECT (c.source = 'referral' OR c.referred_by != '') AS by_referral,
	EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = c.id AND r.flag = '') AS referred_someone
	FROM customers c)`

// WithOracle runs read with Compute, Build (its variants by language too),
// Breakdowns, Trend and ComputeLoop reading every row, as before the
// rollups. Tests using it must not run in
// parallel.
func WithOracle(read func()) {
	asked, overview, breakdown, trend, loop, variants := readAsked, overviewSQL, breakdownSQL, trendSQL, loopSQL, variantLocaleSQL
	defer func() {
		readAsked, overviewSQL, breakdownSQL, trendSQL, loopSQL, variantLocaleSQL = asked, overview, breakdown, trend, loop, variants
	}()
	readAsked, overviewSQL, breakdownSQL, trendSQL, loopSQL = oracleAsked, oracleOverviewSQL, oracleBreakdownSQL, oracleTrendSQL, oracleLoopSQL
	variantLocaleSQL = oracleVariantLocaleSQL
	read()
}
