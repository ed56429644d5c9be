package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindOutbox serves the outbox: pending and failed messages, retry.
func bindOutbox(g *router.RouterGroup[*core.RequestEvent]) {
}
