package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindProgram serves editing incentives, tiers and message variants.
func bindProgram(g *router.RouterGroup[*core.RequestEvent]) {
}
