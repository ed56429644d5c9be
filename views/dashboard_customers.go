package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindCustomers serves customers, their detail, adding one, importing a CSV, opting out and back in.
func bindCustomers(g *router.RouterGroup[*core.RequestEvent]) {
}
