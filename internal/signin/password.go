package signin

import (
	"strconv"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Verify finds the superuser, or else the team member who accepted their
// invitation, with email and checks password. When no one has that email
// the password is still checked, against a made-up hash of the same cost,
// so an unknown email takes as long as a wrong password and the time of the
// answer tells no one who is on the team. PocketBase's auth API does the
// same for its own unknown identities.
func Verify(app core.App, email, password string) (*core.Record, bool) {
	su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, email)
	if err != nil || su == nil {
		su, err = app.FindAuthRecordByEmail(Team, email)
		if err == nil && !su.Verified() {
			su = nil // an invitation not yet accepted has no password of its own
		}
	}
	if err != nil || su == nil {
		if d := dummy(app); d != nil {
			validate(d, password)
		}
		return nil, false
	}
	if !validate(su, password) {
		return nil, false
	}
	return su, true
}

// validate checks a password against a record's hash: the one slow step
// of a sign-in, which every answer takes exactly once.
var validate = (*core.Record).ValidatePassword

// dummy is a superuser that is never saved, with a random password hashed
// at the cost the superusers' password field has now. It is made once per
// cost and kept in the app's store.
func dummy(app core.App) *core.Record {
	coll, err := app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return nil
	}
	cost := 0
	if f, ok := coll.Fields.GetByName(core.FieldNamePassword).(*core.PasswordField); ok {
		cost = f.Cost
	}
	key := "warmloop.signin.dummy." + strconv.Itoa(cost)
	r, _ := app.Store().GetOrSet(key, func() any {
		d := core.NewRecord(coll)
		d.SetPassword(security.RandomString(40))
		return d
	}).(*core.Record)
	return r
}
