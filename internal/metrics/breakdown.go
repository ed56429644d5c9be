package metrics

import (
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Group is one row of a breakdown: asks delivered, and how many of them led
// to a referral. Name is the value the asks share, as stored, for a reader's
// words to name: the moment kind that fired them ("" for a cadence touch),
// the touch's number ("2"), the cadence preset, the incentive's kind ("" for
// none), the message variant's name; "" for a preset or variant not recorded.
type Group struct {
	Name     string `db:"name"`
	Asks     int    `db:"asks"`
	Referred int    `db:"referred"`
}

// Yield is the share of the group's asks that led to a referral.
func (g Group) Yield() float64 { return share(g.Referred, g.Asks) }

// Breakdown is the yield of asks split one way, with its verdict.
type Breakdown struct {
	// Key names the split for a reader's catalog: one of Dimensions.
	Key     string
	Groups  []Group
	Verdict Verdict
}

// breakdownSQL counts the asks delivered in the range, grouped by every
// dimension at once; Breakdowns folds the rows into each split. Whole days
// come from the rollup, partial days from the asks (see window). An ask
// "led to a referral" when its status is referred.
var breakdownSQL = `SELECT
	CASE WHEN g.has_moment = 0 THEN '' ELSE g.moment_kind END AS d0,
	CAST(g.touch AS TEXT) AS d1,
	g.cadence AS d2,
	COALESCE(i.kind, '') AS d3,
	g.variant AS d4,
	SUM(g.asks) AS asks, SUM(g.referred) AS referred
	FROM (SELECT has_moment, moment_kind, touch, cadence, incentive, variant, asks, referred FROM rollup_ask_groups WHERE ` + wholeDays + `
		UNION ALL SELECT m.kind IS NOT NULL, IFNULL(m.kind, ''), a.touch, a.cadence, a.incentive, a.variant, 1, a.status = 'referred'
		FROM asks a LEFT JOIN moments m ON m.id = a.moment WHERE +a.status IN ('sent','clicked','referred') AND ` + edges("a.sent_at") + `) g
	LEFT JOIN incentives i ON i.id = g.incentive
	GROUP BY 1, 2, 3, 4, 5`

// The ways the dashboard splits asks, as a Breakdown's Key names them.
const (
	ByTrigger   = "trigger"   // what fired the ask: a moment's kind, or the cadence
	ByTouch     = "touch"     // the ask's touch number
	ByCadence   = "cadence"   // the cadence preset in force
	ByIncentive = "incentive" // the kind of incentive offered
	ByVariant   = "variant"   // the message variant's wording
)

// Dimensions are the splits, in the order of the query's d0..d4.
var Dimensions = []string{ByTrigger, ByTouch, ByCadence, ByIncentive, ByVariant}

// Breakdowns splits the asks delivered in [from, to) every way the
// dashboard shows, each with its verdict.
func Breakdowns(app core.App, from, to time.Time) ([]Breakdown, error) {
	var rows []struct {
		D0       string `db:"d0"`
		D1       string `db:"d1"`
		D2       string `db:"d2"`
		D3       string `db:"d3"`
		D4       string `db:"d4"`
		Asks     int    `db:"asks"`
		Referred int    `db:"referred"`
	}
	if err := app.DB().NewQuery(breakdownSQL).Bind(split(from, to).params()).All(&rows); err != nil {
		return nil, err
	}
	out := make([]Breakdown, 0, len(Dimensions))
	for d, key := range Dimensions {
		index := map[string]int{}
		var groups []Group
		for _, r := range rows {
			name := [...]string{r.D0, r.D1, r.D2, r.D3, r.D4}[d]
			i, ok := index[name]
			if !ok {
				i = len(groups)
				index[name] = i
				groups = append(groups, Group{Name: name})
			}
			groups[i].Asks += r.Asks
			groups[i].Referred += r.Referred
		}
		sortGroups(groups)
		out = append(out, Breakdown{Key: key, Groups: groups, Verdict: Judge(groups)})
	}
	return out, nil
}

// sortGroups puts the groups with the most asks first, ties by name.
func sortGroups(groups []Group) {
	slices.SortFunc(groups, func(a, b Group) int {
		if a.Asks != b.Asks {
			return b.Asks - a.Asks
		}
		return strings.Compare(a.Name, b.Name)
	})
}
