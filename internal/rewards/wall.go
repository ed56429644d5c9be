package rewards

import (
	"strconv"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/prepared"
)

// WallEntry is one referrer on the recognition wall.
type WallEntry struct {
	ID        string `db:"id"`
	Name      string `db:"name"`
	Company   string `db:"company"`
	Tier      string `db:"tier"`
	Referrals int    `db:"referrals"`
	Wins      int    `db:"wins"`
}

// wallSQL lists the referrers who consented to the wall and have made at
// least one referral that counts, with their highest tier (wins tiers rank
// above referrals tiers), most wins first.
const wallSQL = `SELECT id, name, company, referrals, wins, tier FROM (
	SELECT c.id, c.name, c.company,
		(SELECT COUNT(*) FROM referrals r WHERE r.referrer = c.id AND r.flag = '') AS referrals,
		(SELECT COUNT(*) FROM referrals r WHERE r.referrer = c.id AND r.flag = '' AND r.status = 'won') AS wins,
		COALESCE((SELECT t.name FROM rewards w JOIN tiers t ON t.id = w.tier
			WHERE w.referrer = c.id AND w.status != 'declined'
			ORDER BY t.counts = 'wins' DESC, t.threshold DESC LIMIT 1), '') AS tier
	FROM customers c WHERE c.wall_opt_in = TRUE AND c.opted_out = FALSE
) WHERE referrals > 0 ORDER BY wins DESC, referrals DESC, name LIMIT `

// WallSize is how many referrers the Wall of Thanks shows.
const WallSize = 200

// Wall returns the recognition wall, at most limit referrers. Nobody
// appears without their consent.
func Wall(app core.App, limit int) ([]WallEntry, error) {
	// The limit is written into the SQL: bound, it would make SQLite plan
	// the statement again on every run.
	rows, err := prepared.Query(app, wallSQL+strconv.Itoa(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WallEntry
	for rows.Next() {
		var w WallEntry
		if err := rows.Scan(&w.ID, &w.Name, &w.Company, &w.Referrals, &w.Wins, &w.Tier); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WallChanged says that what the wall shows may have changed: a customer,
// a referral, a reward or a tier was written. The hooks call it, so a wall
// kept rendered (the public page) is made again.
func WallChanged(app core.App) { wallVersion(app).Add(1) }

// WallVersion counts the calls to WallChanged: a wall read under one
// version is stale under the next.
func WallVersion(app core.App) uint64 { return wallVersion(app).Load() }

func wallVersion(app core.App) *atomic.Uint64 {
	return app.Store().GetOrSet("warmloop.rewards.wall", func() any { return &atomic.Uint64{} }).(*atomic.Uint64)
}
