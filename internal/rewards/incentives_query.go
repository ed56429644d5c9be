package rewards

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ListIncentives lists the incentive catalog in its order: by position,
// then name.
func ListIncentives(app core.App) ([]*core.Record, error) {
	return app.FindRecordsByFilter("incentives", "", "position,name", 0, 0)
}

// CountIncentives counts the incentives of the catalog.
func CountIncentives(app core.App) (int, error) {
	n, err := app.CountRecords("incentives")
	return int(n), err
}

// IncentiveNames maps every incentive's id to its name.
func IncentiveNames(app core.App) (map[string]string, error) {
	recs, err := app.FindAllRecords("incentives")
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(recs))
	for _, r := range recs {
		out[r.Id] = r.GetString("name")
	}
	return out, nil
}

// TierIncentiveChoices lists the incentives a tier can give, in catalog
// order: the active ones, and keep (the one the tier gives now) even when
// it is inactive.
func TierIncentiveChoices(app core.App, keep string) ([]*core.Record, error) {
	return app.FindRecordsByFilter("incentives", "active = true || id = {:id}", "position,name", 0, 0, dbx.Params{"id": keep})
}

// NextIncentivePosition is the position after the catalog's last one,
// where a new incentive goes when no position is given.
func NextIncentivePosition(app core.App) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM incentives").Row(&n)
	return n, err
}

// IncentiveOnOffer reports whether the settings offer an incentive now.
func IncentiveOnOffer(app core.App, id string) (bool, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM settings WHERE current_incentive = {:id}").
		Bind(dbx.Params{"id": id}).Row(&n)
	return n > 0, err
}

// FindIncentiveUse counts what refers to an incentive.
func FindIncentiveUse(app core.App, id string) (IncentiveUse, error) {
	var u struct {
		Asks    int `db:"asks"`
		Rewards int `db:"rewards"`
		Tiers   int `db:"tiers"`
		OnOffer int `db:"on_offer"`
	}
	err := app.DB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM asks WHERE incentive = {:id}) AS asks,
		(SELECT COUNT(*) FROM rewards WHERE incentive = {:id}) AS rewards,
		(SELECT COUNT(*) FROM tiers WHERE incentive = {:id}) AS tiers,
		(SELECT COUNT(*) FROM settings WHERE current_incentive = {:id}) AS on_offer`).
		Bind(dbx.Params{"id": id}).One(&u)
	return IncentiveUse{Asks: u.Asks, Rewards: u.Rewards, Tiers: u.Tiers, OnOffer: u.OnOffer > 0}, err
}

// FindIncentiveUses is FindIncentiveUse for the whole catalog at once: what
// refers to each incentive, by id; an incentive nothing uses is left out.
func FindIncentiveUses(app core.App) (map[string]IncentiveUse, error) {
	var rows []struct {
		ID   string `db:"id"`
		What string `db:"what"`
		N    int    `db:"n"`
	}
	err := app.DB().NewQuery(`
		SELECT incentive AS id, 'asks' AS what, COUNT(*) AS n FROM asks WHERE incentive != '' GROUP BY incentive
		UNION ALL SELECT incentive, 'rewards', COUNT(*) FROM rewards WHERE incentive != '' GROUP BY incentive
		UNION ALL SELECT incentive, 'tiers', COUNT(*) FROM tiers WHERE incentive != '' GROUP BY incentive
		UNION ALL SELECT current_incentive, 'on_offer', COUNT(*) FROM settings WHERE current_incentive != '' GROUP BY current_incentive`).All(&rows)
	if err != nil {
		return nil, err
	}
	out := map[string]IncentiveUse{}
	for _, r := range rows {
		u := out[r.ID]
		switch r.What {
		case "asks":
			u.Asks = r.N
		case "rewards":
			u.Rewards = r.N
		case "tiers":
			u.Tiers = r.N
		case "on_offer":
			u.OnOffer = r.N > 0
		}
		out[r.ID] = u
	}
	return out, nil
}
