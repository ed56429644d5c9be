package dashboard

import (
	"embed"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/views/site"
)

//go:embed templates/*.html templates/admin/*.html
var templateFS embed.FS

// views are the dashboard's screens, each parsed with the layout and the
// admin partials (templates/admin/_*.html), named "admin/<file>"; and the
// sign-in page.
var views = site.MustParse(templateFS, []string{"templates/admin/*.html", "templates/dashboard_login.html", "templates/dashboard_invite.html"}, "templates/admin/_*.html")

// render renders a dashboard screen.
func render(e *core.RequestEvent, status int, name string, data any) error {
	return views.Render(e, status, name, data)
}

// renderPartial renders one fragment of a screen, for htmx.
func renderPartial(e *core.RequestEvent, status int, view, name string, data any) error {
	return views.Partial(e, status, view, name, data)
}
