package metrics

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Group is one row of a breakdown: asks delivered, and how many of them led
// to a referral.
type Group struct {
	Name     string `db:"name"`
	Asks     int    `db:"asks"`
	Referred int    `db:"referred"`
}

// Yield is the share of the group's asks that led to a referral.
func (g Group) Yield() float64 { return share(g.Referred, g.Asks) }

// Breakdown is the yield of asks split one way, with its verdict.
type Breakdown struct {
	Title, Verdict string
	Groups         []Group
}

// breakdownSQL groups the asks delivered in the range by one expression.
// An ask "led to a referral" when its status is referred.
const breakdownSQL = `SELECT %s AS name, COUNT(*) AS asks, SUM(a.status = 'referred') AS referred
	FROM asks a %s
	WHERE a.status IN ('sent','clicked','referred') AND a.sent_at >= {:from} AND a.sent_at < {:to}
	GROUP BY 1 ORDER BY 2 DESC, 1`

// dimensions are the ways the dashboard splits asks: what fired them, which
// touch, the cadence preset, the incentive offered, and the wording.
var dimensions = []struct{ title, expr, join string }{
	{"By trigger", `CASE WHEN m.kind IS NULL THEN 'cadence touch' WHEN m.kind = 'nps' THEN 'NPS' WHEN m.kind = 'support_win' THEN 'support win'
		WHEN m.kind = 'first_outcome' THEN 'first outcome' ELSE m.kind END`, "LEFT JOIN moments m ON m.id = a.moment"},
	{"By touch", `'touch ' || a.touch`, ""},
	{"By cadence preset", `CASE WHEN a.cadence = '' THEN 'unknown' ELSE a.cadence END`, ""},
	{"By incentive kind", `COALESCE(i.kind, 'none')`, "LEFT JOIN incentives i ON i.id = a.incentive"},
	{"By message variant", `CASE WHEN a.variant = '' THEN 'unknown' ELSE a.variant END`, ""},
}

// Breakdowns splits the asks delivered in [from, to) every way the
// dashboard shows, each with its verdict.
func Breakdowns(app core.App, from, to time.Time) ([]Breakdown, error) {
	p := dbx.Params{"from": from.UTC().Format("2006-01-02 15:04:05.000Z"), "to": to.UTC().Format("2006-01-02 15:04:05.000Z")}
	out := make([]Breakdown, 0, len(dimensions))
	for _, d := range dimensions {
		var groups []Group
		if err := app.DB().NewQuery(fmt.Sprintf(breakdownSQL, d.expr, d.join)).Bind(p).All(&groups); err != nil {
			return nil, err
		}
		out = append(out, Breakdown{Title: d.title, Groups: groups, Verdict: Verdict(groups)})
	}
	return out, nil
}
