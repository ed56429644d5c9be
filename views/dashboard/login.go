package dashboard

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
	"warmloop/views/site"
)

// loginPage is the sign-in form; Email is kept when the password was wrong.
// Its visitor is not signed in yet, so it carries no administrator navigation.
type loginPage struct {
	site.Layout
	Email, Next, Error string
}

// guestLayout is the layout of the sign-in and invitation pages: the
// program's brand, in the visitor's browser language (guestSpeaker).
func guestLayout(e *core.RequestEvent) site.Layout {
	l := site.LayoutFor(e.App)
	l.Speaker = guestSpeaker(e)
	return l
}

// safeNext keeps a post-login redirect inside the dashboard.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/dashboard") && !strings.HasPrefix(next, "//") {
		return next
	}
	return "/dashboard"
}

// loginForm shows the sign-in form, or goes straight in when signed in.
func loginForm(e *core.RequestEvent) error {
	if signin.RoleOf(e.Auth) != "" {
		return e.Redirect(http.StatusSeeOther, "/dashboard")
	}
	return render(e, http.StatusOK, "dashboard_login", loginPage{
		Layout: guestLayout(e), Next: safeNext(e.Request.URL.Query().Get("next")),
	})
}

// login checks a superuser's or team member's email and password and
// starts a session. It
// passes the same guard as PocketBase's auth API (internal/signin): an
// email locked out of the visitor's network, or a network that has tried
// too often, is refused before any password is checked, and an unknown email
// is answered as slowly as a wrong password.
func login(e *core.RequestEvent) error {
	email := strings.TrimSpace(e.Request.FormValue("email"))
	password := e.Request.FormValue("password")
	page := loginPage{Layout: guestLayout(e), Email: email, Next: safeNext(e.Request.FormValue("next"))}

	if email == "" || password == "" {
		page.Error = page.T("dash.login.missing")
		return render(e, http.StatusUnprocessableEntity, "dashboard_login", page)
	}
	attempt, err := signin.Begin(e.App, email, e.RealIP())
	if err != nil {
		var refusal *signin.Refusal
		if !errors.As(err, &refusal) {
			return err
		}
		page.Error = refusal.Message
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(refusal.RetryAfter.Seconds())+1))
		return render(e, http.StatusTooManyRequests, "dashboard_login", page)
	}
	who, ok := signin.Verify(e.App, email, password)
	attempt.Finish(ok)
	if !ok {
		page.Error = page.T("dash.login.mismatch")
		return render(e, http.StatusUnauthorized, "dashboard_login", page)
	}
	if err := startSession(e, who); err != nil {
		return err
	}
	return e.Redirect(http.StatusSeeOther, page.Next)
}

// logout ends the session: the cookie it leaves behind signs no one in.
func logout(e *core.RequestEvent) error {
	if err := endSession(e); err != nil {
		return err
	}
	return e.Redirect(http.StatusSeeOther, "/dashboard/login")
}
