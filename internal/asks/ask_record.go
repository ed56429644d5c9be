package asks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// newAsk is a queued ask to customer in the given copy, with fields (its
// touch, its moment or the ask it renews), not yet saved: the one shape of
// an ask, whether it is saved alone (writeAsk) or with a batch of others
// (the cadence pass).
func newAsk(tx core.App, s program.Settings, customer *core.Record, copy mail.Copy, fields map[string]any) (*core.Record, error) {
	asks, err := tx.FindCachedCollectionByNameOrId("asks")
	if err != nil {
		return nil, err
	}
	ask := core.NewRecord(asks)
	ask.Set("customer", customer.Id)
	ask.Set("variant", copy.Variant)
	ask.Set("locale", copy.Locale)
	ask.Set("incentive", s.CurrentIncentive)
	ask.Set("cadence", s.Cadence)
	ask.Set("status", "queued")
	for k, v := range fields {
		ask.Set(k, v)
	}
	return ask, nil
}
