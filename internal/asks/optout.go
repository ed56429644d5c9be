package asks

import "github.com/pocketbase/pocketbase/core"

// SetOptedOut opts a customer out of asks, which also takes them out of the
// cadence (no next ask), or back in, which leaves the cadence to their next
// happy moment. It saves only when something changes.
func SetOptedOut(app core.App, customer *core.Record, out bool) error {
	if customer.GetBool("opted_out") == out {
		return nil
	}
	customer.Set("opted_out", out)
	if out {
		leaveCadence(customer)
	}
	return app.Save(customer)
}
