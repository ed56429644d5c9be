package program

import "github.com/pocketbase/pocketbase/core"

// Record reads the one settings record, for the screen that edits it; the
// rest of Warmloop reads the values through Load.
func Record(app core.App) (*core.Record, error) {
	return app.FindFirstRecordByFilter("settings", "")
}
