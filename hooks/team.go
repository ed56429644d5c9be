package hooks

import (
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
)

// bindTeam keeps the team's rules on every path (the dashboard's Team
// screen, the REST API, /_/): the last owner who can sign in is neither
// demoted nor removed; a member whose role, password or email changes is
// signed out of every dashboard session (a removed member's sessions go with
// them, by the relation); the team's own sign-in through PocketBase's auth
// API passes the superusers' guard; and a session belongs to exactly one
// person.
func bindTeam(app core.App) {
	app.OnRecordAuthWithPasswordRequest(signin.Team).BindFunc(guardPasswordSignIn)
	app.OnRecordUpdate(signin.Team).BindFunc(keepAnOwnerOnUpdate)
	app.OnRecordDelete(signin.Team).BindFunc(keepAnOwnerOnDelete)
	app.OnRecordValidate(signin.Sessions).BindFunc(oneSessionOwner)
}

// keepAnOwnerOnUpdate refuses, on the role field, to demote the last
// owner, and ends the member's sessions when their role or token key
// changed, so a demoted member's open pages stop working at once.
func keepAnOwnerOnUpdate(e *core.RecordEvent) error {
	was := e.Record.Original()
	if err := signin.KeepsAnOwner(e.App, e.Record, e.Record.GetString("role")); err != nil {
		if errors.Is(err, signin.ErrLastOwner) {
			return validation.Errors{"role": validation.NewError("last_owner", err.Error())}
		}
		return err
	}
	if err := e.Next(); err != nil {
		return err
	}
	if e.Record.GetString("role") == was.GetString("role") && e.Record.TokenKey() == was.TokenKey() {
		return nil
	}
	return signin.EndSessionsOf(e.App, e.Record.Id)
}

// keepAnOwnerOnDelete refuses, with a 400 that says why, to remove the
// last owner.
func keepAnOwnerOnDelete(e *core.RecordEvent) error {
	if err := signin.KeepsAnOwner(e.App, e.Record, ""); err != nil {
		if errors.Is(err, signin.ErrLastOwner) {
			return apis.NewBadRequestError(err.Error(), err) // a 400 that still says which rule refused
		}
		return err
	}
	return e.Next()
}

// oneSessionOwner refuses a session that belongs to no one, or to both a
// superuser and a team member.
func oneSessionOwner(e *core.RecordEvent) error {
	if (e.Record.GetString("superuser") == "") == (e.Record.GetString("team") == "") {
		return validation.Errors{"team": validation.NewError("one_owner", "a session belongs to a superuser or to a team member, one of the two")}
	}
	return e.Next()
}
