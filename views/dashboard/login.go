package dashboard

import (
	"net/http"
	"strings"
	"warmloop/views/site"

	"github.com/pocketbase/pocketbase/core"
)

// loginPage is the sign-in form; Email is kept when the password was wrong.
// Its visitor is not signed in yet, so it carries no administrator navigation.
type loginPage struct {
	site.Layout
	Email, Next, Error string
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
	if e.Auth != nil && e.Auth.IsSuperuser() {
		return e.Redirect(http.StatusSeeOther, "/dashboard")
	}
	return render(e, http.StatusOK, "dashboard_login", loginPage{
		Layout: site.LayoutFor(e.App), Next: safeNext(e.Request.URL.Query().Get("next")),
	})
}

// login checks a superuser's email and password and starts a session.
func login(e *core.RequestEvent) error {
	email := strings.TrimSpace(e.Request.FormValue("email"))
	password := e.Request.FormValue("password")
	page := loginPage{Layout: site.LayoutFor(e.App), Email: email, Next: safeNext(e.Request.FormValue("next"))}

	if email == "" || password == "" {
		page.Error = "Enter your email and password."
		return render(e, http.StatusUnprocessableEntity, "dashboard_login", page)
	}
	su, err := e.App.FindAuthRecordByEmail(core.CollectionNameSuperusers, email)
	if err != nil || !su.ValidatePassword(password) {
		page.Error = "That email and password do not match an administrator account."
		return render(e, http.StatusUnauthorized, "dashboard_login", page)
	}
	if err := startSession(e, su); err != nil {
		return err
	}
	return e.Redirect(http.StatusSeeOther, page.Next)
}

// logout ends the session.
func logout(e *core.RequestEvent) error {
	endSession(e)
	return e.Redirect(http.StatusSeeOther, "/dashboard/login")
}
