// Package testapp builds full Warmloop test apps: the schema of
// tests/schemaapp plus every hook (warmloop/hooks) and route
// (warmloop/views), as main wires them. Hook, web and end-to-end tests use
// it; domain tests use tests/schemaapp, so their test binaries build neither
// hooks nor views.
//
// Both packages copy the same template data dir, built once per test binary
// by Main.
package testapp

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/hooks"
	"warmloop/internal/signin"
	"warmloop/tests/schemaapp"
	"warmloop/views"
)

// SuperuserEmail is the superuser every test app has.
const SuperuserEmail = schemaapp.SuperuserEmail

// SuperuserToken authenticates as SuperuserEmail in any test app. Main sets it.
var SuperuserToken string

// Main builds the template data dir, runs the package's tests and removes it.
// Call it from TestMain.
func Main(m *testing.M) {
	schemaapp.Main(m, func() { SuperuserToken = schemaapp.SuperuserToken })
}

// Register binds what main binds for a request or a record event: every
// Warmloop hook and route (jobs and commands are left out).
func Register(app core.App) {
	hooks.Register(app)
	views.Register(app)
}

// New returns a fresh full app: migrations applied, defaults seeded, a
// superuser, and Warmloop's hooks and views registered. It is cleaned up
// when the test ends.
func New(t testing.TB) *tests.TestApp {
	t.Helper()
	app := Bare(t)
	t.Cleanup(app.Cleanup)
	return app
}

// Bare is New without the automatic cleanup, for tests.ApiScenario factories
// (the scenario cleans up itself).
func Bare(t testing.TB) *tests.TestApp {
	t.Helper()
	app := schemaapp.Bare(t)
	Register(app)
	return app
}

// Copy is Bare started from a copy of another app's data dir (closed with
// ResetBootstrapState first), so many scenarios share one seeded program
// with the same record ids.
func Copy(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app := schemaapp.Copy(t, dir)
	Register(app)
	return app
}

// Save creates a record in coll with fields, failing the test on error.
// Hooks run as for any save.
func Save(t testing.TB, app core.App, coll string, fields map[string]any) *core.Record {
	t.Helper()
	return schemaapp.Save(t, app, coll, fields)
}

// Customer creates a direct customer with name and email; fields add to or
// override those.
func Customer(t testing.TB, app core.App, name, email string, fields map[string]any) *core.Record {
	t.Helper()
	return schemaapp.Customer(t, app, name, email, fields)
}

// TeamPassword is the password of every team member Member makes.
const TeamPassword = "a-long-team-password"

// Member saves a team member who has accepted their invitation, with role
// and TeamPassword, and opens a dashboard session for them: it returns the
// member and the session cookie's value ("warmloop_session=" + secret).
func Member(t testing.TB, app core.App, name, email, role string) (*core.Record, string) {
	t.Helper()
	coll, err := app.FindCollectionByNameOrId(signin.Team)
	if err != nil {
		t.Fatal(err)
	}
	m := core.NewRecord(coll)
	m.Set("name", name)
	m.SetEmail(email)
	m.Set("role", role)
	m.SetPassword(TeamPassword)
	m.SetVerified(true)
	if err := app.Save(m); err != nil {
		t.Fatal(err)
	}
	secret, err := signin.StartSession(app, m, "test")
	if err != nil {
		t.Fatal(err)
	}
	return m, "warmloop_session=" + secret
}
