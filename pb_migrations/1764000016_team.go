package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// teamInvitePage is the shipped email an invitation to the team is written from.
const teamInvitePage = "team_invite_email"

// A team that is not superuser.
//
//   - team: an auth collection for the people who run the program in the
//     dashboard without being PocketBase superusers: a name and a role
//     (owner, admin or sales). A member starts as an invitation: the hash
//     of the invitation link's secret and when it expires; following the
//     link sets their password and marks them verified. Only superusers
//     reach the collection through the REST API and /_/ (every rule nil),
//     so no member can raise their own role there.
//   - sessions: a session belongs to a superuser or to a team member (the
//     new team relation), never both; the superuser relation is no longer
//     required.
//   - referral_events: actor, who made the move, in words a person reads
//     ("Dana Lee (sales)", "booking webhook", "the referee").
//   - pages: the invitation's email.
func init() {
	m.Register(func(app core.App) error {
		for _, step := range []func(core.App) error{createTeam, relateSessionsToTeam, addEventActor, addTeamInvitePage} {
			if err := step(app); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, step := range []func(core.App) error{removeTeamInvitePage, dropEventActor, unrelateSessionsFromTeam, dropTeam} {
			if err := step(app); err != nil {
				return err
			}
		}
		return nil
	})
}

// createTeam adds the team auth collection.
func createTeam(app core.App) error {
	c := core.NewAuthCollection("team")
	c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil, nil, nil
	c.ManageRule = nil
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 100, Presentable: true},
		&core.SelectField{Name: "role", Required: true, MaxSelect: 1, Values: []string{"owner", "admin", "sales"}},
		&core.TextField{Name: "invite_hash", Hidden: true, Max: 64, Pattern: "^[0-9a-f]{64}$"},
		&core.DateField{Name: "invite_expires"},
		&core.TextField{Name: "invited_by", Max: 200},
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
	c.AddIndex("idx_team_invite_hash", true, "invite_hash", "invite_hash != ''")
	c.AddIndex("idx_team_role", false, "role", "")
	return app.Save(c)
}

// dropTeam removes the team collection.
func dropTeam(app core.App) error {
	c, err := app.FindCollectionByNameOrId("team")
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return app.Delete(c)
}

// relateSessionsToTeam lets a session belong to a team member.
func relateSessionsToTeam(app core.App) error {
	team, err := app.FindCollectionByNameOrId("team")
	if err != nil {
		return err
	}
	s, err := app.FindCollectionByNameOrId("sessions")
	if err != nil {
		return err
	}
	if f, ok := s.Fields.GetByName("superuser").(*core.RelationField); ok {
		f.Required = false
	}
	s.Fields.Add(&core.RelationField{Name: "team", CollectionId: team.Id, MaxSelect: 1, CascadeDelete: true})
	s.AddIndex("idx_sessions_team", false, "team", "")
	return app.Save(s)
}

// unrelateSessionsFromTeam ends the team's sessions and makes every session
// a superuser's again.
func unrelateSessionsFromTeam(app core.App) error {
	s, err := app.FindCollectionByNameOrId("sessions")
	if err != nil {
		return err
	}
	if _, err := app.DB().NewQuery("DELETE FROM sessions WHERE superuser = ''").Execute(); err != nil {
		return err
	}
	s.Fields.RemoveByName("team")
	s.RemoveIndex("idx_sessions_team")
	if f, ok := s.Fields.GetByName("superuser").(*core.RelationField); ok {
		f.Required = true
	}
	return app.Save(s)
}

// addEventActor adds who made each move to the referrals' history.
func addEventActor(app core.App) error {
	c, err := app.FindCollectionByNameOrId("referral_events")
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: "actor", Max: 200})
	return app.Save(c)
}

// dropEventActor removes the actor from the history.
func dropEventActor(app core.App) error {
	c, err := app.FindCollectionByNameOrId("referral_events")
	if err != nil {
		return err
	}
	c.Fields.RemoveByName("actor")
	return app.Save(c)
}

// addTeamInvitePage adds the invitation's email to the pages.
func addTeamInvitePage(app core.App) error { return addPages(app, []string{teamInvitePage}) }

// removeTeamInvitePage removes the invitation's email.
func removeTeamInvitePage(app core.App) error { return removePages(app, []string{teamInvitePage}) }
