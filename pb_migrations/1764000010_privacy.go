package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// outboxRetentionDays is how long the body of a sent email or webhook is
// kept unless the settings say otherwise (internal/outbox.Prune removes it).
const outboxRetentionDays = 90

// Nothing open that Warmloop does not use, and a limit on what it keeps.
//
// PocketBase makes a "users" auth collection on every new data dir: guests
// may sign up to it, and the server mails a verification or password-reset
// link to any address they give. Warmloop signs in only superusers, so the
// collection goes. If an admin has tied a collection of their own to it
// (a relation field), it stays, locked: no sign-up, no sign-in of any
// kind, no record reachable through the API but by a superuser.
//
// The settings gain outbox_retention_days: sent rows of the outbox lose
// their body once they are older than that.
func init() {
	m.Register(func(app core.App) error {
		if err := closeUsers(app); err != nil {
			return err
		}
		return addOutboxRetention(app)
	}, func(app core.App) error {
		if err := removeOutboxRetention(app); err != nil {
			return err
		}
		return reopenUsers(app)
	})
}

// closeUsers deletes the users collection, or locks it when something
// points at it or PocketBase counts it a system collection.
func closeUsers(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	refs, err := app.FindCollectionReferences(users)
	if err != nil {
		return err
	}
	if len(refs) == 0 && !users.System {
		return app.Delete(users)
	}
	lockUsers(users)
	return app.Save(users)
}

// lockUsers leaves the collection to superusers alone: every API rule
// closed, and every way to sign in (password, one-time code, OAuth2) off.
func lockUsers(users *core.Collection) {
	users.ListRule, users.ViewRule, users.CreateRule = nil, nil, nil
	users.UpdateRule, users.DeleteRule = nil, nil
	users.AuthRule, users.ManageRule = nil, nil
	users.PasswordAuth.Enabled = false
	users.OTP.Enabled = false
	users.MFA.Enabled = false
	users.OAuth2.Enabled = false
}

// reopenUsers puts back the users collection as PocketBase first makes it
// (same id, fields and rules), for the migration's down step.
func reopenUsers(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if errors.Is(err, sql.ErrNoRows) {
		users = core.NewAuthCollection("users", "_pb_users_auth_")
		users.Fields.Add(
			&core.TextField{Name: "name", Max: 255},
			&core.FileField{Name: "avatar", MaxSelect: 1,
				MimeTypes: []string{"image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"}},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		users.OAuth2.MappedFields.Name = "name"
		users.OAuth2.MappedFields.AvatarURL = "avatar"
	} else if err != nil {
		return err
	}
	owner := "id = @request.auth.id"
	users.ListRule, users.ViewRule = types.Pointer(owner), types.Pointer(owner)
	users.UpdateRule, users.DeleteRule = types.Pointer(owner), types.Pointer(owner)
	users.CreateRule, users.AuthRule = types.Pointer(""), types.Pointer("")
	users.PasswordAuth.Enabled = true
	return app.Save(users)
}

// addOutboxRetention adds the retention setting, at its default.
func addOutboxRetention(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	settings.Fields.Add(&core.NumberField{Name: "outbox_retention_days", Required: true, OnlyInt: true,
		Min: ptr(1), Max: ptr(3650),
		Help: "Days a sent email's or webhook's body stays in the outbox; the row itself (to, subject, when) stays."})
	if err := app.Save(settings); err != nil {
		return err
	}
	_, err = app.DB().NewQuery("UPDATE settings SET outbox_retention_days = {:days}").
		Bind(map[string]any{"days": outboxRetentionDays}).Execute()
	return err
}

// removeOutboxRetention drops the retention setting.
func removeOutboxRetention(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	settings.Fields.RemoveByName("outbox_retention_days")
	return app.Save(settings)
}
