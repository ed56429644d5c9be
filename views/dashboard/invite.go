package dashboard

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
	"warmloop/views/form"
	"warmloop/views/site"
)

// invitePage is where an invited member chooses their password: what they
// typed stays, beside what is wrong with it.
type invitePage struct {
	site.Layout
	Name, Email, Role, Token string
	Form                     form.Form
}

// inviteFormFields are the invitation form's fields.
var inviteFormFields = []string{"password", "passwordConfirm"}

// inviteForm shows an open invitation's password form, or the error page
// for a link that opens nothing (used, expired, unknown): the page does
// not say which.
func inviteForm(e *core.RequestEvent) error {
	member, err := signin.FindInvitation(e.App, e.Request.PathValue("token"), time.Now())
	if err != nil {
		return inviteGone(e, err)
	}
	return renderInvite(e, http.StatusOK, member, form.Form{Values: map[string][]string{}, Errors: map[string]string{}})
}

// inviteAccept sets the invited member's password and signs them in.
func inviteAccept(e *core.RequestEvent) error {
	member, err := signin.FindInvitation(e.App, e.Request.PathValue("token"), time.Now())
	if err != nil {
		return inviteGone(e, err)
	}
	f := form.New(e)
	password, confirm := f.Values.Get("password"), f.Values.Get("passwordConfirm")
	if password == "" {
		f.Fail("password", "Choose a password.")
		return renderInvite(e, http.StatusUnprocessableEntity, member, f)
	}
	if err := signin.AcceptInvitation(e.App, member, password, confirm); err != nil {
		if !f.FailFromSave(err, inviteFormFields, "password") {
			return err
		}
		return renderInvite(e, http.StatusUnprocessableEntity, member, f)
	}
	if err := startSession(e, member); err != nil {
		return err
	}
	return e.Redirect(http.StatusSeeOther, "/dashboard")
}

// renderInvite renders the invitation's password form.
func renderInvite(e *core.RequestEvent, status int, member *core.Record, f form.Form) error {
	return render(e, status, "dashboard_invite", invitePage{
		Layout: site.TeamLayout(e.App), Name: member.GetString("name"), Email: member.Email(),
		Role: member.GetString("role"), Token: e.Request.PathValue("token"), Form: f,
	})
}

// inviteGone answers a link that opens no invitation with a 410 page.
func inviteGone(e *core.RequestEvent, err error) error {
	if !errors.Is(err, signin.ErrNoInvitation) {
		return err
	}
	return site.Error(e, site.TeamLayout(e.App), http.StatusGone, "This invitation has been used or has expired",
		"An invitation link works once, for seven days. If you already chose a password, sign in at /dashboard/login; if not, ask an owner of your team to invite you again.")
}
