package signin

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/token"
)

const (
	// Sessions is the collection of dashboard sessions.
	Sessions = "sessions"

	// IdleTimeout ends a session nobody has used for that long; MaxAge ends
	// any session, however busy, that long after it began.
	IdleTimeout = 24 * time.Hour
	MaxAge      = 7 * 24 * time.Hour

	// touchEvery is how stale last_seen may get before a request writes it
	// again: a page view is a read, not a write, most of the time.
	touchEvery = 5 * time.Minute

	// maxSecret is the longest cookie value worth hashing and looking up.
	maxSecret = 512

	userAgentMax = 300
)

// Hash is what the sessions collection keeps of a session's secret: its
// sha256, in hex. The secret itself is only ever in the browser's cookie.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// StartSession opens a session for a superuser or a team member who has
// just signed in, and returns the secret the cookie carries. Sessions past
// their time, anyone's, are removed on the way.
func StartSession(app core.App, who *core.Record, userAgent string) (string, error) {
	if err := pruneSessions(app, time.Now()); err != nil {
		return "", err
	}
	coll, err := app.FindCachedCollectionByNameOrId(Sessions)
	if err != nil {
		return "", err
	}
	if r := []rune(userAgent); len(r) > userAgentMax {
		userAgent = string(r[:userAgentMax])
	}
	secret := token.New()
	now := types.NowDateTime()
	s := core.NewRecord(coll)
	if who.IsSuperuser() {
		s.Set("superuser", who.Id)
	} else if who.Collection().Name == Team {
		s.Set("team", who.Id)
	} else {
		return "", fmt.Errorf("a session is for a superuser or a team member, not a %s record", who.Collection().Name)
	}
	s.Set("token_hash", Hash(secret))
	s.Set("user_agent", userAgent)
	s.Set("last_seen", now)
	s.Set("expires", now.Add(MaxAge))
	if err := app.Save(s); err != nil {
		return "", fmt.Errorf("saving the session: %w", err)
	}
	return secret, nil
}

// sessionRow is what FindSession reads of a session.
type sessionRow struct {
	Id        string `db:"id"`
	Superuser string `db:"superuser"`
	Team      string `db:"team"`
	LastSeen  string `db:"last_seen"`
}

// FindSession is the superuser or team member whose live session the
// secret opens, or nil: for an unknown secret, a session past MaxAge or idle
// for IdleTimeout, or a person who is gone. It reads the session by its
// unique hash and its person by id, and writes last_seen only when it is a
// few minutes old.
func FindSession(app core.App, secret string) *core.Record {
	if secret == "" || len(secret) > maxSecret {
		return nil
	}
	now := time.Now()
	var row sessionRow
	err := app.DB().Select("id", "superuser", "team", "last_seen").From(Sessions).
		Where(dbx.HashExp{"token_hash": Hash(secret)}).
		AndWhere(dbx.NewExp("expires > {:now} AND last_seen > {:idle}", dbx.Params{
			"now": stamp(now), "idle": stamp(now.Add(-IdleTimeout)),
		})).Limit(1).One(&row)
	if err != nil {
		return nil
	}
	coll, id := core.CollectionNameSuperusers, row.Superuser
	if id == "" {
		coll, id = Team, row.Team
	}
	who, err := app.FindRecordById(coll, id)
	if err != nil || (coll == Team && !who.Verified()) {
		return nil
	}
	if row.LastSeen < stamp(now.Add(-touchEvery)) {
		_, err := app.DB().Update(Sessions, dbx.Params{"last_seen": stamp(now)}, dbx.HashExp{"id": row.Id}).Execute()
		if err != nil {
			app.Logger().Warn("a session's last_seen was not written", "session", row.Id, "error", err)
		}
	}
	return who
}

// EndSession removes the session the secret opens, so the cookie carrying
// it no longer signs anyone in. An unknown secret is no error.
func EndSession(app core.App, secret string) error {
	if secret == "" || len(secret) > maxSecret {
		return nil
	}
	_, err := app.DB().Delete(Sessions, dbx.HashExp{"token_hash": Hash(secret)}).Execute()
	return err
}

// EndSessionsOf removes every session of a superuser or a team member: their
// password or email changed (and PocketBase's own tokens for them stopped
// working too), or their role did.
func EndSessionsOf(app core.App, id string) error {
	_, err := app.DB().Delete(Sessions, dbx.Or(dbx.HashExp{"superuser": id}, dbx.HashExp{"team": id})).Execute()
	return err
}

// pruneSessions removes the sessions past their time.
func pruneSessions(app core.App, now time.Time) error {
	_, err := app.DB().Delete(Sessions, dbx.NewExp("expires <= {:now} OR last_seen <= {:idle}", dbx.Params{
		"now": stamp(now), "idle": stamp(now.Add(-IdleTimeout)),
	})).Execute()
	return err
}

// stamp writes a time as PocketBase stores dates, so they compare as text.
func stamp(t time.Time) string {
	dt, _ := types.ParseDateTime(t)
	return dt.String()
}
