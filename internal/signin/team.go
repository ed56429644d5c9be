package signin

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
)

// InviteFor is how long an invitation link works.
const InviteFor = 7 * 24 * time.Hour

// ErrLastOwner refuses to demote or remove the team's last owner.
var ErrLastOwner = errors.New("the team needs at least one owner: make someone else an owner first")

// ErrNoInvitation is an invitation link that opens nothing: unknown,
// used already, or past its seven days.
var ErrNoInvitation = errors.New("this invitation link has been used or has expired")

// Invitation is who an owner invites, as typed.
type Invitation struct {
	Name, Email, Role string
}

// Invite adds a member to the team, not yet able to sign in, and queues
// their invitation email, in one transaction. The member has a random
// password nobody knows until they follow the link (set as a hash, so the
// second save, which stores the link's hash, keeps the token key the link
// is derived from). The record's save errors (a taken email, a name too
// long, a role that does not exist) come back as they are, for the form to
// put beside its fields; so does a superuser's email, which signs in as
// the superuser and could never reach the member.
func Invite(app core.App, inviter *core.Record, in Invitation, now time.Time) (*core.Record, error) {
	coll, err := app.FindCachedCollectionByNameOrId(Team)
	if err != nil {
		return nil, err
	}
	if su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, strings.TrimSpace(in.Email)); err == nil && su != nil {
		return nil, validation.Errors{"email": validation.NewError("superuser_email", "this address signs in as a superuser already")}
	}
	member := core.NewRecord(coll)
	member.Set("name", strings.TrimSpace(in.Name))
	member.SetEmail(strings.TrimSpace(in.Email))
	member.Set("role", in.Role)
	member.SetRandomPassword()
	member.SetVerified(false)
	member.Set("invited_by", Actor(inviter))
	member.Set("invite_expires", now.Add(InviteFor).UTC())
	err = app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(member); err != nil {
			return err
		}
		// The secret binds the member's id, which exists only once saved.
		member.Set("invite_hash", Hash(mail.InviteSecret(member)))
		if err := tx.Save(member); err != nil {
			return err
		}
		return mail.QueueTeamInvite(tx, member, member.GetString("invited_by"))
	})
	if err != nil {
		return nil, err
	}
	return member, nil
}

// FindInvitation is the member whose open invitation the secret is, or
// ErrNoInvitation.
func FindInvitation(app core.App, secret string, now time.Time) (*core.Record, error) {
	if len(secret) != 64 {
		return nil, ErrNoInvitation
	}
	member, err := app.FindFirstRecordByFilter(Team, "invite_hash = {:h} && verified = false && invite_expires > {:now}",
		dbx.Params{"h": Hash(secret), "now": stamp(now)})
	if err != nil {
		return nil, ErrNoInvitation
	}
	return member, nil
}

// AcceptInvitation sets the invited member's password and opens their
// account; the invitation is used up. PocketBase's rules for the password
// (its length) and the confirmation are checked, and refused as the
// record's field errors ("password", "passwordConfirm").
func AcceptInvitation(app core.App, member *core.Record, password, confirm string) error {
	if password != confirm {
		return validation.Errors{"passwordConfirm": validation.NewError("validation_values_mismatch", "The two passwords are not the same.")}
	}
	member.SetPassword(password)
	member.SetVerified(true)
	member.Set("invite_hash", "")
	member.Set("invite_expires", "")
	return app.Save(member)
}

// KeepsAnOwner refuses (ErrLastOwner) a change that would leave the team
// with no owner who can sign in: member, an owner who has accepted their
// invitation, demoted (role is their new role) or removed (role ""). A
// superuser counts as an owner in the dashboard, but not here: the team
// keeps an owner of its own, so it never depends on the PocketBase
// superuser account to manage itself.
func KeepsAnOwner(app core.App, member *core.Record, role string) error {
	if role == Owner || member.IsNew() {
		return nil
	}
	// What is stored, not the record's Original(): a record kept in memory
	// since it was created may not know it.
	was, err := app.FindRecordById(Team, member.Id)
	if err != nil {
		return err
	}
	if was.GetString("role") != Owner || !was.Verified() {
		return nil
	}
	n, err := ownersBesides(app, member.Id)
	if err != nil {
		return fmt.Errorf("counting the owners: %w", err)
	}
	if n == 0 {
		return ErrLastOwner
	}
	return nil
}
