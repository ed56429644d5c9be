package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// crmSourceFields are the settings this migration adds, in order.
var crmSourceFields = []string{"zendesk_secret", "hubspot_secret", "stripe_secret", "crm_secret", "crm_stages"}

// Moments and pipeline moves from the systems of record.
//
//   - settings: zendesk_secret, hubspot_secret and stripe_secret, the keys
//     each tool signs its webhooks with (Zendesk's webhook signing secret,
//     the HubSpot app's client secret, the Stripe endpoint's whsec_…);
//     crm_secret, the shared secret of a generic CRM's deal events;
//     crm_stages, one line per CRM deal stage, "stage = status", mapping it
//     to the referral status it moves a referral to (qualified, won, lost).
func init() {
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(
			&core.TextField{Name: "zendesk_secret", Max: 200, Help: "Zendesk's webhook signing secret, for /hooks/moments/zendesk."},
			&core.TextField{Name: "hubspot_secret", Max: 200, Help: "The HubSpot app's client secret, for /hooks/moments/hubspot and /hooks/crm/hubspot."},
			&core.TextField{Name: "stripe_secret", Max: 200, Help: "The Stripe endpoint's signing secret (whsec_…), for /hooks/moments/stripe."},
			&core.TextField{Name: "crm_secret", Max: 200, Help: "Shared secret for /hooks/crm/generic."},
			&core.TextField{Name: "crm_stages", Max: 4000,
				Help: "One CRM deal stage a line, as stage = qualified, won or lost."},
		)
		return app.Save(settings)
	}, func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		for _, name := range crmSourceFields {
			settings.Fields.RemoveByName(name)
		}
		return app.Save(settings)
	})
}
