package rewards

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ListTiers lists the tiers in the order a referrer reaches them: those
// that count referrals first, then those that count wins, each by threshold.
func ListTiers(app core.App) ([]*core.Record, error) {
	return app.FindRecordsByFilter("tiers", "", "counts,threshold", 0, 0)
}

// CountTiers counts the tiers.
func CountTiers(app core.App) (int, error) {
	n, err := app.CountRecords("tiers")
	return int(n), err
}

// FindTierAt finds the tier reached at a milestone (what it counts and its
// threshold) other than the tier except ("" for none): two tiers cannot
// share a milestone.
func FindTierAt(app core.App, counts string, threshold int, except string) (*core.Record, error) {
	return app.FindFirstRecordByFilter("tiers", "counts = {:c} && threshold = {:t} && id != {:id}",
		dbx.Params{"c": counts, "t": threshold, "id": except})
}

// CountTierRewards counts the rewards earned for a tier.
func CountTierRewards(app core.App, id string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM rewards WHERE tier = {:id}").
		Bind(dbx.Params{"id": id}).Row(&n)
	return n, err
}

// CountRewardsByTier maps each tier's id to the rewards earned for it; a
// tier nobody earned is left out.
func CountRewardsByTier(app core.App) (map[string]int, error) {
	var rows []struct {
		Tier string `db:"tier"`
		N    int    `db:"n"`
	}
	if err := app.DB().NewQuery("SELECT tier, COUNT(*) AS n FROM rewards GROUP BY tier").All(&rows); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Tier] = r.N
	}
	return out, nil
}
