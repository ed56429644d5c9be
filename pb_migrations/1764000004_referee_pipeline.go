package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// webhookEvents are the events an outgoing webhook can carry.
var webhookEvents = []string{"referral.created", "referral.status_changed", "referral.booked", "customer.created", "reward.earned"}

// refereePages are the emails the referral pipeline sends: thank-yous to the
// referrer and notes to the sales inbox. Their copy is in static/content.
var refereePages = []string{"thanks_booked", "thanks_won", "sales_new_referral", "sales_booked"}

// The referee's page and the pipeline: what a booking records, when the
// referral was first visited and booked, which events the outgoing webhook
// carries, the secret for booking tools, and the pipeline's emails.
func init() {
	m.Register(func(app core.App) error {
		referrals, err := app.FindCollectionByNameOrId("referrals")
		if err != nil {
			return err
		}
		referrals.Fields.Add(
			&core.TextField{Name: "preferred_times", Max: 2000, Help: "What the referee wrote when they asked for a meeting."},
			&core.TextField{Name: "phone", Max: 50},
			&core.DateField{Name: "visited_at"},
			&core.DateField{Name: "booked_at"},
		)
		if err := app.Save(referrals); err != nil {
			return err
		}
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(
			&core.SelectField{Name: "webhook_events", MaxSelect: len(webhookEvents), Values: webhookEvents,
				Help: "Events sent to the webhook URL; none chosen sends them all."},
			&core.TextField{Name: "booking_secret", Max: 200, Help: "Shared secret for /hooks/booking/{provider}."},
		)
		if err := app.Save(settings); err != nil {
			return err
		}
		return addPages(app, refereePages)
	}, func(app core.App) error {
		if err := removePages(app, refereePages); err != nil {
			return err
		}
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.RemoveByName("webhook_events")
		settings.Fields.RemoveByName("booking_secret")
		if err := app.Save(settings); err != nil {
			return err
		}
		referrals, err := app.FindCollectionByNameOrId("referrals")
		if err != nil {
			return err
		}
		for _, f := range []string{"preferred_times", "phone", "visited_at", "booked_at"} {
			referrals.Fields.RemoveByName(f)
		}
		return app.Save(referrals)
	})
}
