package dashboard

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

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

// startSession sets the session cookie for a signed-in superuser.
func startSession(e *core.RequestEvent, su *core.Record) error { return site.StartSession(e, su) }

// endSession clears the session cookie.
func endSession(e *core.RequestEvent) { site.EndSession(e) }
