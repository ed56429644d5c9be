package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindOverviewParts serves the overview's live parts: leaderboard and latest activity.
func bindOverviewParts(g *router.RouterGroup[*core.RequestEvent]) {
}
