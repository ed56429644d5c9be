package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindRewardsAdmin serves the rewards queue: approve, fulfil, decline.
func bindRewardsAdmin(g *router.RouterGroup[*core.RequestEvent]) {
}
