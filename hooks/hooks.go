// Package hooks holds Warmloop's reactions to record events. Each hook is thin:
// it reads the record, applies a rule from internal/, and writes.
package hooks

import "github.com/pocketbase/pocketbase/core"

// Register binds every record hook.
func Register(app core.App) {
	bindCustomers(app)
	bindSettings(app)
	bindMoments(app)
	bindReferrals(app)
	bindPageCache(app)
	bindEvents(app)
	bindRewards(app)
	bindMetrics(app)
}
