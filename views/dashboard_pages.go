package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindPagesAdmin serves the markdown page editor with its live preview.
func bindPagesAdmin(g *router.RouterGroup[*core.RequestEvent]) {
}
