package mail

import (
	"fmt"
	"net/mail"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/security"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/token"
)

// TeamInviteTemplate is the invitation to the team: the page it is written
// from, and the template its outbox rows name.
const TeamInviteTemplate = "team_invite_email"

// teamInvitePeople are the invitation's variables that differ per member;
// company_name is rendered into the cached copy.
var teamInvitePeople = []string{"first_name", "name", "role", "inviter_name"}

// InviteSecret is the secret of a team member's invitation link, derived
// from what only the server holds (the member's token key) and the
// invitation's expiry. The member keeps its hash (invite_hash); the outbox
// row keeps only the member's id, and the link is derived again when the
// email is written, so no one who reads the outbox can follow it.
func InviteSecret(member *core.Record) string {
	return token.Keyed(member.TokenKey(), "team-invite", member.Id, member.GetDateTime("invite_expires").String())
}

// QueueTeamInvite puts a new member's invitation in the outbox, in the
// transaction that writes the member.
func QueueTeamInvite(tx core.App, member *core.Record, inviter string) error {
	page, err := pages.Find(tx, TeamInviteTemplate, teamLang)
	if err != nil {
		return fmt.Errorf("the %s page: %w", TeamInviteTemplate, err)
	}
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	subject := pages.Line(page.GetString("title"), teamInviteVars(s, member, inviter, ""))
	_, err = outbox.QueueEmail(tx, member.Email(), subject, map[string]any{
		"template": TeamInviteTemplate, "team": member.Id, "inviter": inviter,
	})
	return err
}

// ComposeTeamInvite writes the invitation of a member still invited: their
// link, derived again, to the dashboard's invitation page. A member who has
// accepted, or whose invitation was renewed since, gets nothing.
func ComposeTeamInvite(app core.App, memberID, inviter string) (*mailer.Message, error) {
	member, err := app.FindRecordById("team", memberID)
	if err != nil {
		return nil, fmt.Errorf("team member %s: %w", memberID, err)
	}
	secret := InviteSecret(member)
	if member.Verified() || member.GetString("invite_hash") != security.SHA256(secret) {
		return nil, fmt.Errorf("team member %s: the invitation is no longer open", memberID)
	}
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	page, err := pages.Load(app, TeamInviteTemplate, teamLang, pages.Vars{People: map[string]string{"company_name": s.CompanyName}},
		teamInvitePeople, []string{"link"})
	if err != nil {
		return nil, fmt.Errorf("team member %s: %w", memberID, err)
	}
	link := program.BaseURL(app) + "/dashboard/invite/" + secret
	vars := teamInviteVars(s, member, inviter, link)
	values := map[string]string{"link": link}
	for _, k := range teamInvitePeople {
		values[k] = vars.People[k]
	}
	footer := pages.TeamInviteFooter(locale.For(teamLang), s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{{Name: member.GetString("name"), Address: member.Email()}},
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(teamLang, page.Body.Fill(values), footer, "", ""),
		Text:    page.Text.Fill(vars.Flat()) + "\n--\n" + footer + "\n",
	}, nil
}

// teamInviteVars are the invitation's variables.
func teamInviteVars(s program.Settings, member *core.Record, inviter, link string) pages.Vars {
	return pages.Vars{
		People: map[string]string{
			"first_name":   pages.FirstName(member.GetString("name")),
			"name":         member.GetString("name"),
			"role":         member.GetString("role"),
			"inviter_name": inviter,
			"company_name": s.CompanyName,
		},
		System: map[string]string{"link": link},
	}
}
