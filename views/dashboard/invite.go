package dashboard

import (
	"cmp"
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
	RoleLabel                string // the role, named in the visitor's language
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
		f.Fail("password", guestSpeaker(e).T("dash.invite.no_password"))
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
	l := site.TeamLayout(e.App)
	l.Speaker = guestSpeaker(e)
	role := member.GetString("role")
	return render(e, status, "dashboard_invite", invitePage{
		Layout: l, Name: member.GetString("name"), Email: member.Email(),
		Role: role, RoleLabel: cmp.Or(catalogLabel(l.Speaker, "dash.invite.role.", role, signin.Roles), role),
		Token: e.Request.PathValue("token"), Form: f,
	})
}

// inviteGone answers a link that opens no invitation with a 410 page.
func inviteGone(e *core.RequestEvent, err error) error {
	if !errors.Is(err, signin.ErrNoInvitation) {
		return err
	}
	l := site.TeamLayout(e.App)
	l.Speaker = guestSpeaker(e)
	return site.Error(e, l, http.StatusGone, l.T("dash.invite.gone"), l.T("dash.invite.gone_help"))
}
