package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The team's internal notes on a referral, and webhook rows that say which
// referral they are about.
//
// referral_notes holds what the team writes about one referral on its page
// in the dashboard: who wrote it (a name or an address, as text, so a note
// outlives its author's account) and when. Notes go with their referral.
// Only superusers reach the collection through the API or /_/.
//
// The outbox's referral relation was filled for emails only; a referral's
// webhooks carried it inside their JSON body. The rows already queued get
// it from there (the referral events put the referral under data.referral),
// so a referral's page finds every message about it by one indexed column.
func init() {
	m.Register(func(app core.App) error {
		if err := createReferralNotes(app); err != nil {
			return err
		}
		return fillWebhookReferral(app)
	}, func(app core.App) error {
		// The webhook rows keep their referral: the column predates this
		// migration, and the value is true.
		c, err := app.FindCollectionByNameOrId("referral_notes")
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}

// createReferralNotes adds the referral_notes collection.
func createReferralNotes(app core.App) error {
	referrals, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("referral_notes")
	c.Fields.Add(
		&core.RelationField{Name: "referral", Required: true, MaxSelect: 1, CascadeDelete: true, CollectionId: referrals.Id},
		&core.TextField{Name: "author", Max: 300, Help: "Who wrote it: the team member's name or address."},
		&core.TextField{Name: "body", Required: true, Max: 5000},
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
	c.AddIndex("idx_referral_notes_referral", false, "referral, created", "")
	return app.Save(c)
}

// fillWebhookReferral gives the webhook rows already queued the referral
// their body names.
func fillWebhookReferral(app core.App) error {
	_, err := app.DB().NewQuery(`UPDATE outbox
		SET referral = json_extract(json_extract(payload, '$.body'), '$.data.referral.id')
		WHERE kind = 'webhook' AND COALESCE(referral, '') = '' AND json_valid(payload)
		AND json_valid(json_extract(payload, '$.body'))
		AND json_extract(json_extract(payload, '$.body'), '$.data.referral.id') IN (SELECT id FROM referrals)`).Execute()
	return err
}
