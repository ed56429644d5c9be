package dashboard

import (
	"errors"
	"net/http"
	"slices"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/signin"
	"warmloop/views/form"
)

// teamPage is the Team screen: the members with their roles, and the
// invitation form (what was typed kept when it was refused).
type teamPage struct {
	adminPage
	Members []teamMember
	Roles   []progOption
	Form    form.Form
	// Error says why a change to a member was refused (the last owner).
	Error string
}

// teamMember is one row of the Team screen.
type teamMember struct {
	ID, Name, Email, Role, InvitedBy string
	Pending, Expired                 bool
	Expires                          time.Time
	Me                               bool
}

// teamFormFields are the invitation form's fields; a save error on any
// other field is shown above the form.
var teamFormFields = []string{"name", "email", "role"}

// teamList shows the Team screen.
func teamList(e *core.RequestEvent) error {
	f := form.Form{Values: map[string][]string{"role": {signin.Sales}}, Errors: map[string]string{}}
	return renderTeam(e, http.StatusOK, f, "")
}

// renderTeam renders the Team screen with a form and a refusal.
func renderTeam(e *core.RequestEvent, status int, f form.Form, refusal string) error {
	all, err := signin.Members(e.App)
	if err != nil {
		return err
	}
	now := time.Now()
	page := teamPage{adminPage: newAdminPage(e, "team"), Form: f, Error: refusal}
	for _, role := range signin.Roles {
		page.Roles = append(page.Roles, progOption{Value: role, Label: roleName(page.Speaker, role)})
	}
	sayFormErrors(page.Speaker, f)
	for _, m := range all {
		expires := m.GetDateTime("invite_expires").Time()
		page.Members = append(page.Members, teamMember{
			ID: m.Id, Name: m.GetString("name"), Email: m.Email(), Role: m.GetString("role"),
			InvitedBy: m.GetString("invited_by"), Pending: !m.Verified(), Expires: expires,
			Expired: !m.Verified() && !expires.After(now), Me: e.Auth != nil && e.Auth.Id == m.Id,
		})
	}
	return render(e, status, "admin/team", page)
}

// teamInvite adds a member and queues their invitation.
func teamInvite(e *core.RequestEvent) error {
	f := form.New(e)
	sp := adminSpeaker(e)
	if f.Get("name") == "" {
		f.Fail("name", sp.T("dash.team.name_missing"))
	}
	if f.Get("email") == "" {
		f.Fail("email", sp.T("dash.team.email_missing"))
	}
	if !slices.Contains(signin.Roles, f.Get("role")) {
		f.Fail("role", sp.T("dash.team.role_missing"))
	}
	if !f.Valid() {
		return renderTeam(e, http.StatusUnprocessableEntity, f, "")
	}
	_, err := signin.Invite(e.App, e.Auth, signin.Invitation{Name: f.Get("name"), Email: f.Get("email"), Role: f.Get("role")}, time.Now())
	if err != nil {
		if !f.FailFromSave(err, teamFormFields, "form") {
			return err
		}
		return renderTeam(e, http.StatusUnprocessableEntity, f, "")
	}
	return redirectNotice(e, "/dashboard/team", "invited")
}

// teamSetRole changes a member's role; the team hook refuses to demote the
// last owner and signs the member out of every session.
func teamSetRole(e *core.RequestEvent) error {
	member, err := e.App.FindRecordById(signin.Team, e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	if !slices.Contains(signin.Roles, f.Get("role")) {
		return renderTeam(e, http.StatusUnprocessableEntity, emptyTeamForm(), adminSpeaker(e).T("dash.team.role_missing"))
	}
	member.Set("role", f.Get("role"))
	if err := e.App.Save(member); err != nil {
		if msg := teamRefusal(adminSpeaker(e), err); msg != "" {
			return renderTeam(e, http.StatusUnprocessableEntity, emptyTeamForm(), msg)
		}
		return err
	}
	return redirectNotice(e, "/dashboard/team", "saved")
}

// teamRemove removes a member, or withdraws an invitation; their sessions
// go with them.
func teamRemove(e *core.RequestEvent) error {
	member, err := e.App.FindRecordById(signin.Team, e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := e.App.Delete(member); err != nil {
		if msg := teamRefusal(adminSpeaker(e), err); msg != "" {
			return renderTeam(e, http.StatusUnprocessableEntity, emptyTeamForm(), msg)
		}
		return err
	}
	return redirectNotice(e, "/dashboard/team", "removed")
}

// teamRefusal is what a person reads when the team's rules refuse a
// change (the last owner), or "" for any other failure.
func teamRefusal(sp locale.Speaker, err error) string {
	var ve validation.Errors
	if errors.As(err, &ve) && ve["role"] != nil {
		var coded validation.Error
		if errors.As(ve["role"], &coded) && coded.Code() == "last_owner" {
			return sp.T("dash.team.last_owner")
		}
		return form.Sentence(ve["role"].Error())
	}
	if errors.Is(err, signin.ErrLastOwner) {
		return sp.T("dash.team.last_owner")
	}
	return ""
}

// roleName names a team role in the reader's language.
func roleName(sp locale.Speaker, role string) string {
	switch role {
	case signin.Owner:
		return sp.T("dash.team.role_name.owner")
	case signin.Admin:
		return sp.T("dash.team.role_name.admin")
	case signin.Sales:
		return sp.T("dash.team.role_name.sales")
	}
	return role
}

// emptyTeamForm is the invitation form as it first shows.
func emptyTeamForm() form.Form {
	return form.Form{Values: map[string][]string{"role": {signin.Sales}}, Errors: map[string]string{}}
}
