package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
)

// bindPageCache drops the rendered pages and emails whenever anything they
// are made of changes: their markdown, the settings (company and sender
// names), the incentives, the tiers or the ask variants.
func bindPageCache(app core.App) {
	forget := func(e *core.RecordEvent) error {
		pages.Forget(e.App)
		return e.Next()
	}
	for _, name := range []string{"pages", "settings", "incentives", "tiers", "variants"} {
		app.OnRecordAfterCreateSuccess(name).BindFunc(forget)
		app.OnRecordAfterUpdateSuccess(name).BindFunc(forget)
		app.OnRecordAfterDeleteSuccess(name).BindFunc(forget)
	}
}
