package metrics

import "github.com/pocketbase/pocketbase/core"

// Loop compares customers who came by referral with everyone else: how
// many of each went on to refer someone themselves (a referral that counts:
// not flagged for review).
type Loop struct {
	Referred            int `db:"referred"`
	ReferredWhoReferred int `db:"referred_who_referred"`
	Others              int `db:"others"`
	OthersWhoReferred   int `db:"others_who_referred"`
}

// ReferredRate is the share of referred customers who referred.
func (l Loop) ReferredRate() float64 { return share(l.ReferredWhoReferred, l.Referred) }

// OthersRate is the share of the other customers who referred.
func (l Loop) OthersRate() float64 { return share(l.OthersWhoReferred, l.Others) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// loopSQL splits customers by how they came and whether they referred.
const loopSQL = `SELECT
	COALESCE(SUM(by_referral), 0) AS referred,
	COALESCE(SUM(by_referral AND referred_someone), 0) AS referred_who_referred,
	COALESCE(SUM(NOT by_referral), 0) AS others,
	COALESCE(SUM(NOT by_referral AND referred_someone), 0) AS others_who_referred
FROM (SELECT (c.source = 'referral' OR c.referred_by != '') AS by_referral,
	EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = c.id AND r.flag = '') AS referred_someone
	FROM customers c)`

// ComputeLoop measures the viral loop over every customer.
func ComputeLoop(app core.App) (Loop, error) {
	var l Loop
	err := app.DB().NewQuery(loopSQL).One(&l)
	return l, err
}
