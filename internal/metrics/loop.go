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

// loopSQL splits customers by how they came and whether they referred,
// without reading each customer's row: the customers are counted from the
// index on (source, referred_by, id), only those who came by referral are
// looked up among the referrers, and everyone who referred is counted once
// from the referrals' index on (referrer, flag). The others are the rest.
var loopSQL = `SELECT referred, referred_who_referred, everyone - referred AS others,
		who_referred - referred_who_referred AS others_who_referred
	FROM (SELECT COUNT(*) AS everyone, COALESCE(SUM(source = 'referral' OR referred_by != ''), 0) AS referred,
			COALESCE(SUM(CASE WHEN source = 'referral' OR referred_by != ''
				THEN EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = c.id AND r.flag = '') ELSE 0 END), 0) AS referred_who_referred
		FROM customers c),
	(SELECT COUNT(*) AS who_referred FROM (SELECT DISTINCT referrer FROM referrals WHERE flag = '') x
		WHERE EXISTS (SELECT 1 FROM customers k WHERE k.id = x.referrer))`

// ComputeLoop measures the viral loop over every customer.
func ComputeLoop(app core.App) (Loop, error) {
	var l Loop
	err := app.DB().NewQuery(loopSQL).One(&l)
	return l, err
}
