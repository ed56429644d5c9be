package dashboard

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

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
	p := adminPage{Layout: l, Notice: notices[e.Request.URL.Query().Get("notice")], role: signin.RoleOf(e.Auth)}
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

// notices are the fixed confirmations a redirect may ask a screen to show;
// only these keys are shown, so a link cannot put words on the page.
var notices = map[string]string{
	"saved":     "Saved.",
	"created":   "Created.",
	"deleted":   "Deleted.",
	"sent":      "Sent.",
	"retried":   "Queued to be sent again.",
	"approved":  "Approved.",
	"fulfilled": "Marked fulfilled.",
	"declined":  "Declined.",
	"optout":    "Opted out: this customer will not be asked again.",
	"optin":     "Opted back in: this customer can be asked again.",
	"moment":    "Moment recorded.",
	"restored":  "The shipped wording is back.",
	"erased":    "Erased: their name, address and words are gone from every record; the figures are unchanged.",
	"invited":   "Invited: the invitation email is on its way.",
	"removed":   "Removed from the team, and signed out.",

	"optout_many":  "Opted out: the ticked customers will not be asked again.",
	"tagged":       "Tagged: the ticked customers carry the tag.",
	"untagged":     "The tag is off the ticked customers.",
	"deleted_many": "Deleted: the ticked customers and everything that went with them.",
	"test_sent":    "The test email was sent to you: check your inbox (and the spam folder).",
	"undone":       "Undone: the customers this import created are deleted, but for those listed as kept.",
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
	l.Hidden = hiddenNav(signin.RoleOf(e.Auth))
	return l
}

// adminError renders the one error page inside the dashboard.
func adminError(e *core.RequestEvent, status int, title, message string) error {
	return site.Error(e, adminLayout(e), status, title, message)
}

// adminNotFound answers a dashboard URL whose record does not exist.
func adminNotFound(e *core.RequestEvent) error {
	return adminError(e, http.StatusNotFound, "Not found", "That record does not exist, or it was deleted. Go back to the list and try again.")
}
