package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// bindImports ends, when the server starts, every import job a stopped
// process left running: its page then says it was interrupted and that
// importing the file again is safe, instead of polling for ever.
func bindImports(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		n, err := intake.MarkInterruptedImports(se.App)
		switch {
		case err != nil:
			// Serving matters more: the jobs stay "running" until the next start.
			se.App.Logger().Error("marking interrupted imports failed", "error", err)
		case n > 0:
			se.App.Logger().Warn("imports interrupted by the last stop", "count", n)
		}
		return se.Next()
	})
}
