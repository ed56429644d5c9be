package site

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
)

// SessionCookie carries the secret of a signed-in person's session
// (internal/signin): a superuser or a team member. The dashboard sets it at
// sign-in; every page reads it, so the public pages know an administrator
// is looking (the home page's status, previews that count no click).
// Signing out deletes the session on the server, so a copy of the cookie is
// worth nothing afterwards.
const SessionCookie = "warmloop_session"

// signedInKey is where a request keeps who SignedIn found.
const signedInKey = "warmloop.signedin"

// SignedIn is the superuser or team member making the request, from
// PocketBase's own auth (an Authorization header) or the session cookie;
// nil for everyone else. The answer is kept on the request, so asking twice
// costs nothing.
func SignedIn(e *core.RequestEvent) *core.Record {
	if e.Auth != nil && signin.RoleOf(e.Auth) != "" {
		return e.Auth
	}
	if v, ok := e.Get(signedInKey).(*core.Record); ok { // kept, even when nil
		return v
	}
	var who *core.Record
	if c, err := e.Request.Cookie(SessionCookie); err == nil && c.Value != "" {
		who = signin.FindSession(e.App, c.Value)
	}
	e.Set(signedInKey, who)
	return who
}

// SignedInAdmin is SignedIn when they run the whole program: a superuser,
// or a team owner or admin. A sales member is no administrator: the public
// pages treat them as a visitor.
func SignedInAdmin(e *core.RequestEvent) *core.Record {
	who := SignedIn(e)
	if role := signin.RoleOf(who); role == signin.Owner || role == signin.Admin {
		return who
	}
	return nil
}

// IsAdmin reports whether a signed-in administrator makes the request.
func IsAdmin(e *core.RequestEvent) bool { return SignedInAdmin(e) != nil }

// StartSession opens a session for a superuser or team member who signed
// in and sets its cookie. It is sent to every path, HttpOnly and SameSite=Lax (Secure over
// TLS), and the browser keeps it no longer than the session can last.
func StartSession(e *core.RequestEvent, su *core.Record) error {
	secret, err := signin.StartSession(e.App, su, e.Request.UserAgent())
	if err != nil {
		return err
	}
	e.SetCookie(&http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		MaxAge:   int(signin.MaxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: e.IsTLS(),
	})
	return nil
}

// EndSession ends the request's session on the server and clears its
// cookie, and the one earlier versions set for /dashboard only. The cookie
// is cleared even when the session could not be removed; the error says so.
func EndSession(e *core.RequestEvent) error {
	var err error
	if c, cerr := e.Request.Cookie(SessionCookie); cerr == nil {
		err = signin.EndSession(e.App, c.Value)
	}
	for _, path := range []string{"/", "/dashboard"} {
		e.SetCookie(&http.Cookie{Name: SessionCookie, Value: "", Path: path, MaxAge: -1,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: e.IsTLS()})
	}
	e.Set(signedInKey, (*core.Record)(nil))
	return err
}
