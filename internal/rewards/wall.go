package rewards

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// WallEntry is one referrer on the recognition wall.
type WallEntry struct {
	Name      string `db:"name"`
	Company   string `db:"company"`
	Tier      string `db:"tier"`
	Referrals int    `db:"referrals"`
	Wins      int    `db:"wins"`
}

// wallSQL lists the referrers who consented to the wall and have made at
// least one referral that counts, with their highest tier (wins tiers rank
// above referrals tiers), most wins first.
const wallSQL = `SELECT * FROM (
	SELECT c.name, c.company,
		(SELECT COUNT(*) FROM referrals r WHERE r.referrer = c.id AND r.flag = '') AS referrals,
		(SELECT COUNT(*) FROM referrals r WHERE r.referrer = c.id AND r.flag = '' AND r.status = 'won') AS wins,
		COALESCE((SELECT t.name FROM rewards w JOIN tiers t ON t.id = w.tier
			WHERE w.referrer = c.id AND w.status != 'declined'
			ORDER BY t.counts = 'wins' DESC, t.threshold DESC LIMIT 1), '') AS tier
	FROM customers c WHERE c.wall_opt_in = TRUE AND c.opted_out = FALSE
) WHERE referrals > 0 ORDER BY wins DESC, referrals DESC, name LIMIT {:limit}`

// Wall returns the recognition wall, at most limit referrers. Nobody
// appears without their consent.
func Wall(app core.App, limit int) ([]WallEntry, error) {
	var out []WallEntry
	err := app.DB().NewQuery(wallSQL).Bind(dbx.Params{"limit": limit}).All(&out)
	return out, err
}
