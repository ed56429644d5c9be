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

// SetOptedOutMany opts the customers of ids out of asks, or back in, in one
// transaction, as SetOptedOut does for one; an id that is nobody is passed over.
func SetOptedOutMany(app core.App, ids []string, out bool) error {
	return app.RunInTransaction(func(tx core.App) error {
		recs, err := tx.FindRecordsByIds("customers", ids)
		if err != nil {
			return err
		}
		for _, c := range recs {
			if err := SetOptedOut(tx, c, out); err != nil {
				return err
			}
		}
		return nil
	})
}
