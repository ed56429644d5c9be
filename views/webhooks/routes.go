// Package webhooks serves the webhooks other tools send Warmloop: NPS
// answers, bookings, and the moments of the sources the admin mapped. JSON
// in, JSON out; each request proves it knows its secret (the program's, or
// its mapped source's), and a malformed body gets a 4xx that names what
// is wrong.
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
	se.Router.POST("/hooks/moments/{source}", mappedWebhook(intake.NewCommitter(se.App)))
}
