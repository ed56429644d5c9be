package public

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/views/site"
)

// homePage is the home page: for a guest, the company's name and that
// there is nothing here for them; for a signed-in administrator, the
// system status and the way to the dashboard.
type homePage struct {
	site.Layout
}

// home renders the home page for whoever is looking.
func home(e *core.RequestEvent) error {
	l := site.LayoutFor(e.App)
	if site.IsAdmin(e) {
		l = site.AdminLayout(e.App)
	}
	return render(e, http.StatusOK, "home", homePage{Layout: l})
}

// systemStatus is what the status fragment shows: health, never program data.
type systemStatus struct {
	DatabaseOK, MailConfigured bool
	CheckedAt                  string
	locale.Speaker             // the administrators' language: English
}

type statusPage struct {
	site.Layout
	Status systemStatus
}

// status answers the htmx status fragment, or a full page without htmx. It
// is for signed-in administrators only: anyone else gets the 404 page.
func status(e *core.RequestEvent) error {
	if !site.IsAdmin(e) {
		return site.NotFound(e)
	}
	_, dbErr := e.App.DB().NewQuery("SELECT 1").Execute()
	s := systemStatus{
		DatabaseOK:     dbErr == nil,
		MailConfigured: e.App.Settings().SMTP.Enabled,
		CheckedAt:      time.Now().UTC().Format("15:04:05 UTC"),
	}
	if site.IsHTMX(e) {
		return render(e, http.StatusOK, "status", s)
	}
	return render(e, http.StatusOK, "status_page", statusPage{Layout: site.AdminLayout(e.App), Status: s})
}
