// Package webhooks serves the webhooks other tools send Warmloop: NPS
// answers and bookings. JSON in, JSON out; each request proves it knows the
// program's shared secret, and a malformed body gets a 4xx that names what
// is wrong.
package webhooks

import "github.com/pocketbase/pocketbase/core"

// Register binds the incoming webhooks.
func Register(se *core.ServeEvent) {
	se.Router.POST("/hooks/nps/{provider}", npsWebhook)
	se.Router.POST("/hooks/booking/{provider}", bookingWebhook)
}
