package pb_migrations

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// shareConfirmationPages is the email that asks someone who introduced
// themself through a share link to confirm their address. Its copy is in
// static/content.
var shareConfirmationPages = []string{"share_confirmation_email"}

// referralFlagsBefore are the review flags a referral could carry until
// this migration; it adds "unconfirmed".
var referralFlagsBefore = []string{"duplicate", "self_referral"}

// Only the referee acts on a referral, and a person who declined stays
// declined:
//   - referrals gain referee_key and customers email_key, the address as
//     it is compared (the hooks fill them on every save from
//     internal/customers.MatchKey; this migration fills the rows already
//     there with the rule as it stands today, matchKeyAt12), each indexed;
//   - a referral can be flagged "unconfirmed": someone introduced themself
//     through a share link and has not yet followed the link emailed to
//     them; until then it counts for nothing;
//   - the share confirmation email is added to the pages;
//   - an introduction still waiting with the referrer in copy gets the
//     referrer's own copy as a row of its own, since the introduction no
//     longer carries a Cc (the referee's link must not reach the referrer).
func init() {
	m.Register(func(app core.App) error {
		if err := addMatchKeys(app); err != nil {
			return err
		}
		if err := setReferralFlags(app, append(referralFlagsBefore, "unconfirmed")); err != nil {
			return err
		}
		if err := addMissingPages(app, shareConfirmationPages); err != nil {
			return err
		}
		return splitIntroCopies(app)
	}, func(app core.App) error {
		// A referral never confirmed is lost: it must not start to count.
		if _, err := app.DB().NewQuery(`UPDATE referrals SET status = 'lost', flag = '',
			lost_reason = 'never confirmed' WHERE flag = 'unconfirmed'`).Execute(); err != nil {
			return err
		}
		if err := setReferralFlags(app, referralFlagsBefore); err != nil {
			return err
		}
		if err := removePages(app, shareConfirmationPages); err != nil {
			return err
		}
		return removeMatchKeys(app)
	})
}

// matchKeyAt12 is internal/customers.MatchKey as this migration was written:
// lower case, a "+tag" dropped on every domain, and dots dropped on
// gmail.com and googlemail.com (which becomes gmail.com).
func matchKeyAt12(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return email
	}
	local, domain := email[:at], email[at+1:]
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}

// matchKeyColumns are the key columns this migration adds: the collection,
// the key, and the address it is made from.
var matchKeyColumns = []struct{ coll, key, from string }{
	{"referrals", "referee_key", "referee_email"},
	{"customers", "email_key", "email"},
}

// addMatchKeys adds each key column with its index and fills it.
func addMatchKeys(app core.App) error {
	for _, c := range matchKeyColumns {
		coll, err := app.FindCollectionByNameOrId(c.coll)
		if err != nil {
			return err
		}
		coll.Fields.Add(&core.TextField{Name: c.key, Max: 254,
			Help: "The " + c.from + " as Warmloop compares addresses (no +tag; no dots on Gmail). Filled on every save."})
		coll.AddIndex("idx_"+c.coll+"_"+c.key, false, c.key, "")
		if err := app.Save(coll); err != nil {
			return err
		}
		if err := fillMatchKey(app, c.coll, c.key, c.from); err != nil {
			return err
		}
	}
	return nil
}

// fillMatchKey writes the key of every row of a collection.
func fillMatchKey(app core.App, coll, key, from string) error {
	var rows []struct {
		ID    string `db:"id"`
		Email string `db:"email"`
	}
	if err := app.DB().Select("id", from+" AS email").From(coll).All(&rows); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := app.DB().Update(coll, dbx.Params{key: matchKeyAt12(r.Email)}, dbx.HashExp{"id": r.ID}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// removeMatchKeys drops the key columns and their indexes.
func removeMatchKeys(app core.App) error {
	for _, c := range matchKeyColumns {
		coll, err := app.FindCollectionByNameOrId(c.coll)
		if err != nil {
			return err
		}
		coll.RemoveIndex("idx_" + c.coll + "_" + c.key)
		coll.Fields.RemoveByName(c.key)
		if err := app.Save(coll); err != nil {
			return err
		}
	}
	return nil
}

// setReferralFlags sets the values the referrals' flag allows.
func setReferralFlags(app core.App, values []string) error {
	referrals, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	flag, ok := referrals.Fields.GetByName("flag").(*core.SelectField)
	if !ok {
		return nil
	}
	flag.Values = values
	flag.Help = "Held for review and cleared by an admin; or unconfirmed: held until the person confirms their email."
	return app.Save(referrals)
}

// splitIntroCopies queues the referrer's own copy of every introduction
// still waiting to go with them in copy. The introduction keeps its "cc"
// (what the referrer asked for); it is no longer sent as a Cc.
func splitIntroCopies(app core.App) error {
	var rows []struct {
		Referral string `db:"referral"`
		Subject  string `db:"subject"`
		Referrer string `db:"referrer_email"`
	}
	err := app.DB().NewQuery(`SELECT o.referral, o.subject, c.email AS referrer_email FROM outbox o
		JOIN referrals r ON r.id = o.referral JOIN customers c ON c.id = r.referrer
		WHERE o.kind = 'email' AND o.status IN ('pending', 'sending') AND json_valid(o.payload)
		AND json_extract(o.payload, '$.template') = 'intro_email' AND json_extract(o.payload, '$.cc') = 1`).All(&rows)
	if err != nil {
		return err
	}
	outbox, err := app.FindCollectionByNameOrId("outbox")
	if err != nil {
		return err
	}
	for _, row := range rows {
		own := core.NewRecord(outbox)
		own.Set("kind", "email")
		own.Set("to", row.Referrer)
		own.Set("subject", "Your copy: "+row.Subject)
		own.Set("payload", map[string]any{"template": "intro_copy", "referral": row.Referral})
		own.Set("referral", row.Referral)
		own.Set("status", "pending")
		own.Set("next_attempt_at", types.NowDateTime())
		if err := app.SaveNoValidate(own); err != nil {
			return err
		}
	}
	return nil
}
