package public

import (
	"net/http"
	"time"
	"warmloop/views/site"

	"github.com/pocketbase/pocketbase/core"
)

// homePage is the public home: what this server is and where to go.
type homePage struct {
	site.Layout
}

// home renders the public home page.
func home(e *core.RequestEvent) error {
	return render(e, http.StatusOK, "home", homePage{Layout: site.AdminLayout(e.App)})
}

// systemStatus is what the status fragment shows: health, never program data.
type systemStatus struct {
	DatabaseOK, MailConfigured bool
	CheckedAt                  string
}

type statusPage struct {
	site.Layout
	Status systemStatus
}

// status answers the htmx status fragment, or a full page without htmx.
func status(e *core.RequestEvent) error {
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
