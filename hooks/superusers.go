package hooks

import (
	"errors"
	"strconv"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/signin"
)

// bindSuperusers puts PocketBase's own sign-in for superusers (the auth API
// and the admin UI at /_/, which uses it) behind the guard the dashboard's
// form passes, and ends a superuser's dashboard sessions when PocketBase
// ends their tokens.
func bindSuperusers(app core.App) {
	app.OnRecordAuthWithPasswordRequest(core.CollectionNameSuperusers).BindFunc(guardPasswordSignIn)
	app.OnRecordUpdate(core.CollectionNameSuperusers).BindFunc(endSessionsOnNewTokenKey)
}

// guardPasswordSignIn refuses, with a 429 and the guard's reason, a
// sign-in the guard does not let through, and tells the guard how the
// others ended. PocketBase already checks the password of an unknown
// identity against a real hash, so the answer takes as long either way.
func guardPasswordSignIn(e *core.RecordAuthWithPasswordRequestEvent) error {
	attempt, err := signin.Begin(e.App, e.Identity, e.RealIP())
	if err != nil {
		var refusal *signin.Refusal
		if !errors.As(err, &refusal) {
			return err
		}
		e.Response.Header().Set("Retry-After", strconv.Itoa(int(refusal.RetryAfter.Seconds())+1))
		return apis.NewTooManyRequestsError(refusal.Message, nil)
	}
	err = e.Next()
	// ErrMFA means the password was right and a second factor is asked for.
	attempt.Finish(err == nil || errors.Is(err, apis.ErrMFA))
	return err
}

// endSessionsOnNewTokenKey ends every dashboard session of a superuser whose
// token key changed: PocketBase changes it with the password or the email,
// which ends the superuser's PocketBase tokens, and a stolen cookie must end
// with them.
func endSessionsOnNewTokenKey(e *core.RecordEvent) error {
	before := e.Record.Original().TokenKey()
	if err := e.Next(); err != nil {
		return err
	}
	if e.Record.TokenKey() == before {
		return nil
	}
	return signin.EndSessionsOf(e.App, e.Record.Id)
}
