package metrics

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Leader is one referrer on the leaderboard.
type Leader struct {
	ID        string  `db:"id"`
	Name      string  `db:"name"`
	Company   string  `db:"company"`
	Referrals int     `db:"referrals"`
	Won       int     `db:"won"`
	WonValue  float64 `db:"won_value"`
}

// leadersSQL ranks referrers by referrals made in the range (flagged ones
// do not count), then by wins.
const leadersSQL = `SELECT c.id, c.name, c.company, x.referrals, x.won, x.won_value FROM
	(SELECT referrer, COUNT(*) AS referrals, SUM(status = 'won') AS won, COALESCE(SUM(CASE WHEN status = 'won' THEN won_value END), 0) AS won_value
		FROM referrals WHERE flag = '' AND created >= {:from} AND created < {:to} GROUP BY referrer) x
	JOIN customers c ON c.id = x.referrer
	ORDER BY x.referrals DESC, x.won DESC, x.won_value DESC, c.name LIMIT {:limit}`

// Leaders lists the top referrers of [from, to).
func Leaders(app core.App, from, to time.Time, limit int) ([]Leader, error) {
	p := rangeParams(from, to)
	p["limit"] = limit
	var out []Leader
	err := app.DB().NewQuery(leadersSQL).Bind(p).All(&out)
	return out, err
}
