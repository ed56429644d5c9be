package site

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// SessionCookie carries a signed-in administrator's auth token. The
// dashboard sets it at sign-in; every page reads it, so the public pages
// know an administrator is looking (the home page's status, previews that
// count no click).
const SessionCookie = "warmloop_session"

// adminKey is where a request keeps who SignedInAdmin found.
const adminKey = "warmloop.admin"

// SignedInAdmin is the superuser making the request, from PocketBase's own
// auth (an Authorization header) or the session cookie; nil for everyone
// else. The answer is kept on the request, so asking twice costs nothing.
func SignedInAdmin(e *core.RequestEvent) *core.Record {
	if e.Auth != nil && e.Auth.IsSuperuser() {
		return e.Auth
	}
	if v, ok := e.Get(adminKey).(*core.Record); ok { // kept, even when nil
		return v
	}
	var admin *core.Record
	if c, err := e.Request.Cookie(SessionCookie); err == nil && c.Value != "" {
		if rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth); err == nil && rec.IsSuperuser() {
			admin = rec
		}
	}
	e.Set(adminKey, admin)
	return admin
}

// IsAdmin reports whether a signed-in administrator makes the request.
func IsAdmin(e *core.RequestEvent) bool { return SignedInAdmin(e) != nil }

// StartSession sets the session cookie for a superuser who signed in. It is
// sent to every path, HttpOnly and SameSite=Lax (Secure over TLS), and lasts
// as long as the token it carries.
func StartSession(e *core.RequestEvent, su *core.Record) error {
	tok, err := su.NewAuthToken()
	if err != nil {
		return err
	}
	e.SetCookie(&http.Cookie{
		Name: SessionCookie, Value: tok, Path: "/",
		MaxAge:   int(su.Collection().AuthToken.Duration),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: e.IsTLS(),
	})
	return nil
}

// EndSession clears the session cookie, and the one earlier versions set
// for /dashboard only.
func EndSession(e *core.RequestEvent) {
	for _, path := range []string{"/", "/dashboard"} {
		e.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: path, MaxAge: -1,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: e.IsTLS()})
	}
}
