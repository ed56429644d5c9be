package pb_migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/security"
)

// The defaults of the caps on public sending and of the ask links' life, as
// this migration first wrote them.
const (
	askIntrosPerDay       = 5
	referrerIntrosPerWeek = 20
	askLinkDays           = 90
)

// unsubscribeTokenLength is the length of an unsubscribe token drawn here,
// as tokenPattern draws them (22 letters and digits, about 131 bits).
const unsubscribeTokenLength = 22

// Caps and expiry on public sending.
//
//   - settings: how many introductions one ask link sends a day
//     (ask_intros_per_day) and one referrer a week
//     (referrer_intros_per_week), and how many days an ask link works
//     (ask_link_days).
//   - asks: unsubscribe_token, the unsubscribe link's own key (until now
//     the ask's token opened both the landing page and the unsubscribe
//     page), drawn here for every ask already made; renewed_from, the
//     expired ask a fresh link was asked for from.
//   - referrals: the indexes the caps count through.
//   - refusals: one row for each introduction refused over a cap, which the
//     dashboard counts.
func init() {
	m.Register(func(app core.App) error {
		for _, step := range []func(core.App) error{addCapSettings, addUnsubscribeToken, addRenewedFrom, addCapIndexes, createRefusals} {
			if err := step(app); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, step := range []func(core.App) error{dropRefusals, dropCapIndexes, dropAskFields, dropCapSettings} {
			if err := step(app); err != nil {
				return err
			}
		}
		return nil
	})
}

// addCapSettings adds the three settings, at their defaults.
func addCapSettings(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	settings.Fields.Add(
		&core.NumberField{Name: "ask_intros_per_day", Required: true, OnlyInt: true, Min: ptr(1), Max: ptr(1000),
			Help: "Introductions one ask link may send in any 24 hours; the rest are refused."},
		&core.NumberField{Name: "referrer_intros_per_week", Required: true, OnlyInt: true, Min: ptr(1), Max: ptr(1000),
			Help: "Introductions sent for one referrer in any 7 days, across all their links; the rest are refused."},
		&core.NumberField{Name: "ask_link_days", Required: true, OnlyInt: true, Min: ptr(1), Max: ptr(3650),
			Help: "Days an ask link works after the ask is made; an expired one offers the customer a fresh link by email."},
	)
	if err := app.Save(settings); err != nil {
		return err
	}
	_, err = app.DB().NewQuery(`UPDATE settings SET ask_intros_per_day = {:day},
		referrer_intros_per_week = {:week}, ask_link_days = {:days}`).
		Bind(dbx.Params{"day": askIntrosPerDay, "week": referrerIntrosPerWeek, "days": askLinkDays}).Execute()
	return err
}

// dropCapSettings removes the three settings.
func dropCapSettings(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	for _, name := range []string{"ask_intros_per_day", "referrer_intros_per_week", "ask_link_days"} {
		settings.Fields.RemoveByName(name)
	}
	return app.Save(settings)
}

// addUnsubscribeToken gives every ask its own unsubscribe key: the field,
// a fresh random key for each ask already made, then the unique index
// (made last, since the new column starts empty on every row).
func addUnsubscribeToken(app core.App) error {
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	asks.Fields.Add(&core.TextField{Name: "unsubscribe_token", Required: true, AutogeneratePattern: tokenPattern, Max: 64,
		Help: "The key of the ask email's unsubscribe link; it opens nothing else."})
	if err := app.Save(asks); err != nil {
		return err
	}
	if err := backfillUnsubscribeTokens(app); err != nil {
		return err
	}
	asks.AddIndex("idx_asks_unsubscribe_token", true, "unsubscribe_token", "")
	return app.Save(asks)
}

// backfillUnsubscribeTokens draws a key for every ask without one, a
// thousand at a time.
func backfillUnsubscribeTokens(app core.App) error {
	for {
		var ids []string
		err := app.DB().Select("id").From("asks").Where(dbx.HashExp{"unsubscribe_token": ""}).Limit(1000).Column(&ids)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			_, err := app.DB().Update("asks", dbx.Params{"unsubscribe_token": security.RandomString(unsubscribeTokenLength)},
				dbx.HashExp{"id": id}).Execute()
			if err != nil {
				return err
			}
		}
	}
}

// addRenewedFrom links an ask made because a customer asked for a fresh
// link to the expired ask they asked from.
func addRenewedFrom(app core.App) error {
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	asks.Fields.Add(&core.RelationField{Name: "renewed_from", MaxSelect: 1, CollectionId: asks.Id,
		Help: "The expired ask whose page asked for this fresh link; empty for an ask Warmloop made itself."})
	return app.Save(asks)
}

// dropAskFields removes the unsubscribe key (the ask's token opens the
// unsubscribe page again, as before) and renewed_from.
func dropAskFields(app core.App) error {
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	asks.RemoveIndex("idx_asks_unsubscribe_token")
	asks.Fields.RemoveByName("unsubscribe_token")
	asks.Fields.RemoveByName("renewed_from")
	return app.Save(asks)
}

// capIndexes are what the caps count through: a link's introductions since
// a time, and a referrer's introductions from the landing page since a time.
var capIndexes = []struct{ name, columns string }{
	{"idx_referrals_ask_created", "ask, created"},
	{"idx_referrals_referrer_channel_created", "referrer, channel, created"},
}

// addCapIndexes adds the referrals' indexes the caps count through.
func addCapIndexes(app core.App) error {
	referrals, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	for _, ix := range capIndexes {
		referrals.AddIndex(ix.name, false, ix.columns, "")
	}
	return app.Save(referrals)
}

// dropCapIndexes removes them.
func dropCapIndexes(app core.App) error {
	referrals, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	for _, ix := range capIndexes {
		referrals.RemoveIndex(ix.name)
	}
	return app.Save(referrals)
}

// createRefusals makes the refusals: which cap, whose link, when. It holds
// nothing the visitor typed.
func createRefusals(app core.App) error {
	customers, err := app.FindCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	asks, err := app.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	refusals := core.NewBaseCollection("refusals")
	refusals.Fields.Add(
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"ask_day", "referrer_week"},
			Help: "The cap: an ask link's introductions in a day, or a referrer's in a week."},
		&core.RelationField{Name: "customer", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: customers.Id,
			Help: "The referrer whose link was refused."},
		&core.RelationField{Name: "ask", MaxSelect: 1, CollectionId: asks.Id, Help: "The ask link the introduction came from."},
		&core.NumberField{Name: "cap", OnlyInt: true, Min: ptr(0), Help: "The cap in force when it was refused."},
	)
	refusals.Fields.Add(timestamps()...)
	refusals.AddIndex("idx_refusals_created", false, "created", "")
	refusals.AddIndex("idx_refusals_customer", false, "customer", "")
	return app.Save(refusals)
}

// dropRefusals removes the refusals.
func dropRefusals(app core.App) error {
	refusals, err := app.FindCollectionByNameOrId("refusals")
	if err != nil {
		return err
	}
	return app.Delete(refusals)
}
