package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindMoments serves recording a happy moment by hand.
func bindMoments(g *router.RouterGroup[*core.RequestEvent]) {
}
