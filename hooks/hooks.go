// Package hooks holds Warmloop's reactions to record events. Each hook is thin:
// it reads the record, applies a rule from internal/, and writes.
package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// Register binds every record hook.
func Register(app core.App) {
	bindCustomers(app)
	bindSettings(app)
	bindMoments(app)
	bindAsks(app)
	bindReferrals(app)
	bindPages(app)
	bindPageCache(app)
	bindEvents(app)
	bindRewards(app)
	bindWall(app)
	bindReferrerRecords(app)
	bindIncentives(app)
	bindTiers(app)
	bindVariants(app)
	bindSources(app)
	bindMetrics(app)
	bindImports(app)
	bindSuperusers(app)
	bindTeam(app)
	bindDashboardLocale(app)
}

// refuseDelete turns a rule's refusal into the error a delete hook returns:
// a 400 whose message says what uses the record, through the REST API and
// the admin UI (a plain error there would read "Failed to delete record.
// Make sure that the record is not part of a required relation reference.").
func refuseDelete(err error) error {
	return apis.NewBadRequestError(err.Error(), nil)
}
