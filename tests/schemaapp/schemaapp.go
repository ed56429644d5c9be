// Package schemaapp builds PocketBase test apps with Warmloop's schema only:
// the migrations applied, the defaults seeded and a superuser, with no
// Warmloop hook and no route registered. Domain tests (internal/…) use it
// and call the domain functions directly, so a save fires no hook and what a
// test sees is the function's own effect.
//
// Every app is a copy of one template data dir built once per test binary by
// Main; tests/testapp copies the same template and adds hooks and views.
package schemaapp

import (
	"fmt"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/signin"
	"warmloop/internal/sqlitedb"
	_ "warmloop/pb_migrations"
)

// SuperuserEmail and SuperuserPassword sign in the superuser every test app has.
const (
	SuperuserEmail    = "admin@warmloop.test"
	SuperuserPassword = "a-long-test-password"
)

var (
	templateDir string
	// SuperuserToken authenticates as SuperuserEmail in any test app, as
	// PocketBase's auth token (the Authorization header) and as the
	// dashboard's session cookie: the template holds a session whose secret
	// is this same string.
	SuperuserToken string
)

// SQLite's memory is kept as the binary keeps it (sqlitedb.Connect), so
// the benchmarks built on these apps measure what the binary does.
func init() { sqlitedb.KeepAllocatorPages() }

// Main builds the template data dir, calls each of ready, runs the package's
// tests and removes the template. Call it from TestMain.
func Main(m *testing.M, ready ...func()) {
	code, err := run(m, ready)
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemaapp:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// run builds the template, runs the tests and returns their exit code.
func run(m *testing.M, ready []func()) (int, error) {
	dir, err := os.MkdirTemp("", "warmloop-template-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)

	app, err := tests.NewTestApp(dir)
	if err != nil {
		return 0, err
	}
	if SuperuserToken, err = addSuperuser(app); err != nil {
		return 0, err
	}
	// NewTestApp works on a clone; close it and keep it as the template, so
	// every copy starts from a checkpointed database.
	templateDir = app.DataDir()
	defer os.RemoveAll(templateDir)
	if err := app.ResetBootstrapState(); err != nil {
		return 0, err
	}
	for _, f := range ready {
		f()
	}
	return m.Run(), nil
}

// addSuperuser saves the test superuser and returns an auth token for it,
// which also opens a dashboard session.
func addSuperuser(app core.App) (string, error) {
	coll, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return "", err
	}
	su := core.NewRecord(coll)
	su.SetEmail(SuperuserEmail)
	su.SetPassword(SuperuserPassword)
	if err := app.Save(su); err != nil {
		return "", err
	}
	tok, err := su.NewAuthToken()
	if err != nil {
		return "", err
	}
	return tok, addSession(app, su, tok)
}

// addSession saves a dashboard session of su whose secret is secret.
func addSession(app core.App, su *core.Record, secret string) error {
	coll, err := app.FindCollectionByNameOrId(signin.Sessions)
	if err != nil {
		return err
	}
	s := core.NewRecord(coll)
	now := types.NowDateTime()
	s.Set("superuser", su.Id)
	s.Set("token_hash", signin.Hash(secret))
	s.Set("last_seen", now)
	s.Set("expires", now.Add(signin.MaxAge))
	return app.Save(s)
}

// New returns a fresh schema-only app: migrations applied, defaults seeded,
// a superuser, no Warmloop hooks or routes. It is cleaned up when the test
// ends.
func New(t testing.TB) *tests.TestApp {
	t.Helper()
	app := Bare(t)
	t.Cleanup(app.Cleanup)
	return app
}

// Bare is New without the automatic cleanup, for tests.ApiScenario factories
// (the scenario cleans up itself) and for tests/testapp.
func Bare(t testing.TB) *tests.TestApp {
	t.Helper()
	if templateDir == "" {
		t.Fatal("schemaapp: call schemaapp.Main(m) (or testapp.Main(m)) from TestMain")
	}
	return Copy(t, templateDir)
}

// Copy is Bare started from a copy of another app's data dir (closed with
// ResetBootstrapState first), so many tests share one seeded program with
// the same record ids.
func Copy(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// Save creates a record in coll with fields, failing the test on error.
// Whatever hooks the app has registered run as for any save; a schema-only
// app has none.
func Save(t testing.TB, app core.App, coll string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := app.FindCachedCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("saving a %s record: %v", coll, err)
	}
	return r
}

// Customer creates a direct customer with name and email; fields add to or
// override those. The email is stored as given: without the customers hook
// nothing makes it canonical, so pass it lower-case.
func Customer(t testing.TB, app core.App, name, email string, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{"name": name, "email": email, "source": "direct"}
	for k, v := range fields {
		all[k] = v
	}
	return Save(t, app, "customers", all)
}
