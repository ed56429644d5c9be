package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
)

// figureCollections hold the data the dashboard's figures are read from.
var figureCollections = []string{"customers", "moments", "asks", "referrals", "referral_events", "incentives"}

// bindMetrics tells the dashboard's kept figures when their data changed.
func bindMetrics(app core.App) {
	changed := func(e *core.ModelEvent) error {
		metrics.Changed(e.App)
		return e.Next()
	}
	app.OnModelAfterCreateSuccess(figureCollections...).BindFunc(changed)
	app.OnModelAfterUpdateSuccess(figureCollections...).BindFunc(changed)
	app.OnModelAfterDeleteSuccess(figureCollections...).BindFunc(changed)
}
