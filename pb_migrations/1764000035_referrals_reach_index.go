package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// How far a range's referrals have gone (booked, qualified, won) is read
// for every referral created in the range: its id, found from the index on
// created, then looked up in the stages' rollup. The index on (created,
// flag, referrer, status, won_value) that the leaderboard reads held no id,
// so each referral's row was read for it: on the large fixture (50,000
// referrals) the first read of a year spent most of that query's time
// fetching rows from disk. The index now ends with the id, and serves
// both queries without a row read.
const (
	reachIndex       = "idx_referrals_created_leaders"
	reachIndexBefore = "created, flag, referrer, status, won_value"
	reachIndexWithID = "created, flag, referrer, status, won_value, id"
)

// setReachIndex writes the referrals' created index with columns.
func setReachIndex(app core.App, columns string) error {
	c, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	c.RemoveIndex(reachIndex)
	c.AddIndex(reachIndex, false, columns, "")
	return app.Save(c)
}

func init() {
	m.Register(func(app core.App) error {
		return setReachIndex(app, reachIndexWithID)
	}, func(app core.App) error {
		return setReachIndex(app, reachIndexBefore)
	})
}
