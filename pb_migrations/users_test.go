package pb_migrations_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// guestProbes are what a stranger tried against PocketBase's default users
// collection: sign up, sign in, and have the server mail any address.
var guestProbes = []struct{ name, path, body string }{
	{"sign up", "/api/collections/users/records",
		`{"email":"victim@fabrikam.example","password":"a-long-password-1","passwordConfirm":"a-long-password-1"}`},
	{"ask for a verification email", "/api/collections/users/request-verification", `{"email":"victim@fabrikam.example"}`},
	{"ask for a password reset", "/api/collections/users/request-password-reset", `{"email":"victim@fabrikam.example"}`},
	{"ask for a one-time code", "/api/collections/users/request-otp", `{"email":"victim@fabrikam.example"}`},
	{"sign in with a password", "/api/collections/users/auth-with-password",
		`{"identity":"victim@fabrikam.example","password":"a-long-password-1"}`},
}

// probeUsers posts every guest probe to url and fails the test for each
// one the server accepted. PocketBase answers a verification request 204
// whether or not the address has an account, so that it cannot be used to
// find accounts; where the collection stays, that answer is allowed and
// the mail count says whether anything went out.
func probeUsers(t *testing.T, url string, collectionStays bool) {
	t.Helper()
	for _, p := range guestProbes {
		res, err := http.Post(url+p.path, "application/json", strings.NewReader(p.body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		hidden := collectionStays && strings.HasSuffix(p.path, "/request-verification")
		if res.StatusCode < 400 && !hidden {
			t.Errorf("a guest could %s: %s answered %d", p.name, p.path, res.StatusCode)
		}
	}
}

// mailsWithin waits up to d for PocketBase's mailer to send anything (it
// sends auth emails in the background) and returns how many it sent.
func mailsWithin(app *tests.TestApp, d time.Duration) int {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && app.TestMailer.TotalSend() == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	return app.TestMailer.TotalSend()
}

func TestGuestCannotSignUpOrMakeTheServerMailAnyone(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	probeUsers(t, srv.URL, false)
	if n := mailsWithin(app, 500*time.Millisecond); n != 0 {
		t.Errorf("the server sent %d emails for a guest", n)
	}
	if _, err := app.FindCollectionByNameOrId("users"); err == nil {
		t.Error("the users collection Warmloop never uses is still there")
	}
}

// privacyMigration is this change's migration, run by hand to replay it on
// a data dir where the users collection is in use.
func privacyMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000010_privacy.go" {
			return m
		}
	}
	t.Fatal("the privacy migration is not registered")
	return nil
}

func TestUsersCollectionInUseIsLockedInsteadOfDeleted(t *testing.T) {
	app := testapp.New(t)
	mig := privacyMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal("down:", err)
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal("down did not put the users collection back:", err)
	}
	// An admin's own collection points at users: deleting it would break theirs.
	team := core.NewBaseCollection("team_notes")
	team.Fields.Add(&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: users.Id})
	if err := app.Save(team); err != nil {
		t.Fatal(err)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal("up:", err)
	}
	users, err = app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal("the users collection an admin relies on was deleted:", err)
	}
	if users.CreateRule != nil || users.AuthRule != nil || users.PasswordAuth.Enabled || users.OTP.Enabled || users.OAuth2.Enabled {
		t.Errorf("users is not locked: create %v, auth %v, password %v, otp %v, oauth2 %v", users.CreateRule, users.AuthRule,
			users.PasswordAuth.Enabled, users.OTP.Enabled, users.OAuth2.Enabled)
	}
	srv := webtest.Server(t, app)
	probeUsers(t, srv.URL, true)
	if n := mailsWithin(app, 500*time.Millisecond); n != 0 {
		t.Errorf("the server sent %d emails for a guest", n)
	}
}

func TestPrivacyMigrationGoesDownAndUpAgain(t *testing.T) {
	app := testapp.New(t)
	mig := privacyMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal("down:", err)
	}
	settings, _ := app.FindCollectionByNameOrId("settings")
	if settings.Fields.GetByName("outbox_retention_days") != nil {
		t.Error("down left outbox_retention_days")
	}
	if err := mig.Up(app); err != nil {
		t.Fatal("up:", err)
	}
	if _, err := app.FindCollectionByNameOrId("users"); err == nil {
		t.Error("up again left the users collection")
	}
	s, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil || s.GetInt("outbox_retention_days") != 90 {
		t.Errorf("up again: retention %v, %v; want 90", s, err)
	}
}
