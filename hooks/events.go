package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// bindEvents sends the customer.created and reward.earned webhooks, queued
// in the transaction that saves the record. (The referral events are sent
// by the referrals hooks.)
func bindEvents(app core.App) {
	for collection, event := range map[string]string{"customers": "customer.created", "rewards": "reward.earned"} {
		app.OnRecordCreate(collection).BindFunc(func(e *core.RecordEvent) error {
			return e.App.RunInTransaction(func(tx core.App) error {
				e.App = tx
				if err := e.Next(); err != nil {
					return err
				}
				s, err := program.Load(tx)
				if err != nil {
					return err
				}
				return outbox.QueueEvent(tx, s.WebhookURL, s.WebhookEvents, event,
					map[string]any{collection[:len(collection)-1]: referrals.Sendable(e.Record)})
			})
		})
	}
}
