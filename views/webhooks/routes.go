// Package webhooks serves the webhooks other tools send Warmloop: NPS
// answers, bookings, moments from the systems of record and CRM deal
// stages. JSON in, JSON out; each request proves it knows the program's
// shared secret or the provider's signing key, and a malformed body gets a
// 4xx that names what is wrong.
package webhooks

import "github.com/pocketbase/pocketbase/core"

// Register binds the incoming webhooks.
func Register(se *core.ServeEvent) {
	se.Router.POST("/hooks/nps/{provider}", npsWebhook)
	se.Router.POST("/hooks/booking/{provider}", bookingWebhook)
	// Each system of record has a path of its own, so the paths of sources
	// an admin maps later (/hooks/moments/{source}) stay free.
	for _, source := range []string{"zendesk", "hubspot", "stripe"} {
		se.Router.POST("/hooks/moments/"+source, momentWebhook(source))
	}
	se.Router.POST("/hooks/crm/{provider}", crmWebhook)
}
