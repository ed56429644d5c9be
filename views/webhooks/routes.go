// Package webhooks serves the webhooks other tools send Warmloop: NPS
// answers, bookings, moments from the systems of record and the sources the
// admin mapped, and CRM deal stages. JSON in, JSON out; each request proves
// it knows its secret (the program's, the provider's signing key, or its
// mapped source's), and a malformed body gets a 4xx that names what is
// wrong.
package webhooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// Register binds the incoming webhooks. NPS answers that arrive together
// are written in one transaction by a committer that lives as long as the
// app.
func Register(se *core.ServeEvent) {
	se.Router.POST("/hooks/nps/{provider}", npsWebhook(intake.NewCommitter(se.App)))
	se.Router.POST("/hooks/booking/{provider}", bookingWebhook)
	// Each system of record has a fixed path of its own, which wins over
	// the mapped sources' pattern; those names cannot be a source's.
	for _, source := range []string{"zendesk", "hubspot", "stripe"} {
		se.Router.POST("/hooks/moments/"+source, momentWebhook(source))
	}
	se.Router.POST("/hooks/crm/{provider}", crmWebhook)
	se.Router.POST("/hooks/moments/{source}", mappedWebhook(intake.NewCommitter(se.App)))
}
