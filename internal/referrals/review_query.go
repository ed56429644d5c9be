package referrals

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Hold is why a referral waits for review, with what it matched where the
// records still show it.
type Hold struct {
	Flag string // duplicate or self_referral; "" when not flagged

	// A self-referral: the company domain the referee shares with the referrer.
	Domain string

	// A duplicate: the first other introduction of the same address, when
	// there is one (Earlier), by whom and when.
	Earlier   bool
	EarlierBy string
	EarlierAt types.DateTime

	// A duplicate without an earlier introduction: the address is already a
	// customer's. When neither shows, the match was on the company domain,
	// or the record it matched is gone.
	Customer bool
}

// WhyHeld explains why a referral was held for review. It reads what the
// records show now; a lookup that fails leaves that part out.
func WhyHeld(app core.App, r Row) Hold {
	h := Hold{Flag: r.Flag}
	switch r.Flag {
	case "self_referral":
		h.Domain = Domain(r.RefereeEmail)
	case "duplicate":
		var earlier struct {
			Name    string         `db:"name"`
			Created types.DateTime `db:"created"`
		}
		err := app.DB().NewQuery(`SELECT COALESCE(c.name, '') AS name, r.created FROM referrals r
			LEFT JOIN customers c ON c.id = r.referrer
			WHERE (r.referee_key = {:key} OR r.referee_email = {:email}) AND r.id != {:id}
			AND r.flag != {:unconfirmed} ORDER BY r.created LIMIT 1`).
			Bind(dbx.Params{"email": r.RefereeEmail, "key": matchKey(r.RefereeEmail), "id": r.ID,
				"unconfirmed": Unconfirmed}).One(&earlier)
		if err == nil {
			h.Earlier, h.EarlierBy, h.EarlierAt = true, earlier.Name, earlier.Created
			return h
		}
		var n int
		_ = app.DB().NewQuery("SELECT COUNT(*) FROM customers WHERE email_key = {:key} OR email = {:email}").
			Bind(dbx.Params{"email": r.RefereeEmail, "key": matchKey(r.RefereeEmail)}).Row(&n)
		h.Customer = n > 0
	}
	return h
}
