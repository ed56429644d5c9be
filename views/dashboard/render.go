package dashboard

import (
	"embed"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
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

// zoneOf is the program's time zone, in which the dashboard writes dates;
// UTC when the settings cannot be read.
func zoneOf(app core.App) *time.Location {
	s, err := program.Load(app)
	if err != nil {
		return time.UTC
	}
	return s.Location()
}

// settingsOf is the program's settings, or the defaults when they cannot be
// read (a failure the screen that needs them reports).
func settingsOf(app core.App) program.Settings {
	s, _ := program.Load(app)
	return s
}
