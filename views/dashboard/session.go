package dashboard

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/internal/signin"
	"warmloop/views/site"
)

// loadSession sets e.Auth from the session cookie (site.SessionCookie) when
// no other auth is given: a superuser or a team member.
func loadSession(e *core.RequestEvent) error {
	if e.Auth == nil {
		if who := site.SignedIn(e); who != nil {
			e.Auth = who
		}
	}
	return e.Next()
}

// rememberAdminURL keeps the address a signed-in administrator reached the
// dashboard at, which links use until the Application URL is set. Only an
// owner's or admin's own request counts: a guest's Host header never does.
func rememberAdminURL(e *core.RequestEvent) error {
	if role := signin.RoleOf(e.Auth); (role == signin.Owner || role == signin.Admin) && e.Request.Method == http.MethodGet {
		seen := program.AdminSeenURL(e.IsTLS(), e.Request.Host, e.Request.Header.Get("X-Forwarded-Proto"))
		if err := program.RememberAdminURL(e.App, seen); err != nil {
			e.App.Logger().Error("remembering the dashboard's address failed", "address", seen, "error", err)
		}
	}
	return e.Next()
}

// requireSignedIn lets superusers and team members through and sends
// everyone else to the login.
func requireSignedIn(e *core.RequestEvent) error {
	if signin.RoleOf(e.Auth) == "" {
		next := url.QueryEscape(e.Request.URL.RequestURI())
		if e.Request.Header.Get("HX-Request") == "true" {
			e.Response.Header().Set("HX-Redirect", "/dashboard/login?next="+next)
			return e.NoContent(http.StatusUnauthorized)
		}
		return e.Redirect(http.StatusSeeOther, "/dashboard/login?next="+next)
	}
	return e.Next()
}

// actor is how the referrals' history names the signed-in person.
func actor(e *core.RequestEvent) string { return signin.Actor(e.Auth) }

// startSession opens a session for a signed-in person and sets its cookie.
func startSession(e *core.RequestEvent, who *core.Record) error { return site.StartSession(e, who) }

// endSession ends the session on the server and clears its cookie.
func endSession(e *core.RequestEvent) error { return site.EndSession(e) }
