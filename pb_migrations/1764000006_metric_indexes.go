package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// metricIndexes serve the dashboard's figures: asks by the day they were
// delivered (with the customer, so "customers asked" reads the index alone)
// and clicked, history rows by referral and stage, and the latest activity.
var metricIndexes = []struct{ collection, name, columns string }{
	{"asks", "idx_asks_sent_at", "sent_at, status, customer"},
	{"asks", "idx_asks_clicked_at", "clicked_at"},
	{"referral_events", "idx_referral_events_referral_to_status", "referral, to_status"},
	{"referral_events", "idx_referral_events_at", "at"},
}

// The indexes the dashboard's queries need on a program some years old.
func init() {
	m.Register(func(app core.App) error {
		for _, ix := range metricIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				return err
			}
			c.AddIndex(ix.name, false, ix.columns, "")
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, ix := range metricIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				return err
			}
			c.RemoveIndex(ix.name)
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}
