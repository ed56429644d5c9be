package dashboard

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/views/site"
)

// loadSession sets e.Auth from the session cookie (site.SessionCookie) when
// no other auth is given.
func loadSession(e *core.RequestEvent) error {
	if e.Auth == nil {
		if su := site.SignedInAdmin(e); su != nil {
			e.Auth = su
		}
	}
	return e.Next()
}

// rememberAdminURL keeps the address a signed-in admin reached the
// dashboard at, which links use until the Application URL is set. Only a
// signed-in admin's own request counts: a guest's Host header never does.
func rememberAdminURL(e *core.RequestEvent) error {
	if e.Auth != nil && e.Auth.IsSuperuser() && e.Request.Method == http.MethodGet {
		seen := program.AdminSeenURL(e.IsTLS(), e.Request.Host, e.Request.Header.Get("X-Forwarded-Proto"))
		if err := program.RememberAdminURL(e.App, seen); err != nil {
			e.App.Logger().Error("remembering the dashboard's address failed", "address", seen, "error", err)
		}
	}
	return e.Next()
}

// requireAdmin lets superusers through and sends everyone else to the login.
func requireAdmin(e *core.RequestEvent) error {
	if e.Auth == nil || !e.Auth.IsSuperuser() {
		next := url.QueryEscape(e.Request.URL.RequestURI())
		if e.Request.Header.Get("HX-Request") == "true" {
			e.Response.Header().Set("HX-Redirect", "/dashboard/login?next="+next)
			return e.NoContent(http.StatusUnauthorized)
		}
		return e.Redirect(http.StatusSeeOther, "/dashboard/login?next="+next)
	}
	return e.Next()
}

// startSession opens a session for a signed-in superuser and sets its cookie.
func startSession(e *core.RequestEvent, su *core.Record) error { return site.StartSession(e, su) }

// endSession ends the session on the server and clears its cookie.
func endSession(e *core.RequestEvent) error { return site.EndSession(e) }
