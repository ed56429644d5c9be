package views

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindSettings serves the program settings, SMTP status and the test email.
func bindSettings(g *router.RouterGroup[*core.RequestEvent]) {
}
