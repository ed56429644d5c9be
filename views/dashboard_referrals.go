package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindReferralsAdmin serves the referral board and table, inline status changes, flagged review and the CSV export.
func bindReferralsAdmin(g *router.RouterGroup[*core.RequestEvent]) {
}
