package demo

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// AdminEmail is the sign-in of the superuser made for a demo program.
const AdminEmail = "admin@example.com"

// EnsureSuperuser makes a superuser with a random password when the app has
// none (PocketBase's own installer account aside), so a new user can sign in
// to the demo at once. It returns the password only when it made the account.
func EnsureSuperuser(app core.App) (email, password string, err error) {
	total, err := app.CountRecords(core.CollectionNameSuperusers,
		dbx.Not(dbx.HashExp{"email": core.DefaultInstallerEmail}))
	if err != nil || total > 0 {
		return "", "", err
	}
	coll, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return "", "", err
	}
	password = security.RandomString(20)
	su := core.NewRecord(coll)
	su.SetEmail(AdminEmail)
	su.SetPassword(password)
	if err := app.Save(su); err != nil {
		return "", "", err
	}
	return AdminEmail, password, nil
}
