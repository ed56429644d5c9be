package dashboard

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/internal/signin"
	"warmloop/views/site"
)

// adminPage is what every dashboard screen carries besides its own data:
// the layout with its section marked, who is signed in, and a one-line
// notice carried over a redirect (?notice=...).
type adminPage struct {
	site.Layout
	Notice string
	// LinksWarning is set while the Application URL is unset or only
	// opens on this machine: every screen says so at the top.
	LinksWarning *linksWarning
	role         string
	zone         *time.Location // the program's, in which dates are written
	currency     string         // the program's, in which sums are written
}

// Can reports whether the signed-in role may use a route ("POST
// /dashboard/customers/{id}/optout"), so a screen leaves out the buttons
// that would only be refused.
func (p adminPage) Can(pattern string) bool { return allows(p.role, pattern) }

// linksWarning is what the warning says: where links point now, whether
// only this machine can open that address, and whether the Application URL
// is unset (else it is set to an address on this machine).
type linksWarning struct {
	Base         string
	Local, Unset bool
}

// newAdminPage fills the common part of a dashboard screen.
func newAdminPage(e *core.RequestEvent, section string) adminPage {
	l := adminLayout(e)
	l.Section = section
	p := adminPage{Layout: l, Notice: noticeText(l.Speaker, e.Request.URL.Query().Get("notice")), role: signin.RoleOf(e.Auth)}
	settings := settingsOf(e.App)
	p.zone, p.currency = settings.Location(), settings.CurrencyCode()
	if e.Auth != nil {
		p.SignedIn = e.Auth.Email()
		if !e.Auth.IsSuperuser() {
			p.SignedIn = actor(e)
		}
	}
	if s, err := program.Load(e.App); err == nil && program.NeedsAppURL(s) {
		base := program.BaseURL(e.App)
		p.LinksWarning = &linksWarning{Base: base, Local: program.IsLoopback(base), Unset: s.AppURL == ""}
	}
	return p
}

// notices are the fixed confirmations a redirect may ask a screen to show,
// by key; only these keys are shown, so a link cannot put words on the
// page. Each is the catalog's dash.notice.<key>.
var notices = map[string]bool{
	"saved":        true,
	"created":      true,
	"deleted":      true,
	"sent":         true,
	"retried":      true,
	"approved":     true,
	"fulfilled":    true,
	"declined":     true,
	"optout":       true,
	"optin":        true,
	"moment":       true,
	"restored":     true,
	"erased":       true,
	"invited":      true,
	"removed":      true,
	"optout_many":  true,
	"tagged":       true,
	"untagged":     true,
	"deleted_many": true,
	"test_sent":    true,
	"undone":       true,
}

// noticeText is the confirmation a notice key asks for, in the reader's
// language; "" for a key that is not one of notices.
func noticeText(sp locale.Speaker, key string) string {
	if !notices[key] {
		return ""
	}
	return sp.T("dash.notice." + key)
}

// redirectNotice sends the browser to path with a notice key to show there.
func redirectNotice(e *core.RequestEvent, path, notice string) error {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return e.Redirect(http.StatusSeeOther, path+sep+"notice="+url.QueryEscape(notice))
}

// adminLayout is the layout of a dashboard screen: the navigation without
// what the signed-in role may not open.
func adminLayout(e *core.RequestEvent) site.Layout {
	l := site.AdminLayout(e.App)
	l.Speaker = adminSpeaker(e)
	l.Hidden = hiddenNav(signin.RoleOf(e.Auth))
	return l
}

// adminError renders the one error page inside the dashboard.
func adminError(e *core.RequestEvent, status int, title, message string) error {
	return site.Error(e, adminLayout(e), status, title, message)
}

// adminNotFound answers a dashboard URL whose record does not exist, in
// the reader's language.
func adminNotFound(e *core.RequestEvent) error {
	sp := adminSpeaker(e)
	return adminError(e, http.StatusNotFound, sp.T("dash.words.not_found.title"), sp.T("dash.words.not_found.message"))
}
