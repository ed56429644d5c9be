// Package testapp builds PocketBase test apps with Warmloop's schema, hooks and
// views, from a template data dir made once per test binary.
package testapp

import (
	"fmt"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/hooks"
	_ "warmloop/pb_migrations"
	"warmloop/views"
)

// SuperuserEmail is the superuser every test app has.
const SuperuserEmail = "admin@warmloop.test"

var (
	templateDir string
	// SuperuserToken authenticates as SuperuserEmail in any test app.
	SuperuserToken string
)

// Main builds the template data dir, runs the package's tests and removes it.
// Call it from TestMain.
func Main(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testapp:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "warmloop-template-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)

	app, err := tests.NewTestApp(dir)
	if err != nil {
		return 0, err
	}
	coll, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return 0, err
	}
	su := core.NewRecord(coll)
	su.SetEmail(SuperuserEmail)
	su.SetPassword("a-long-test-password")
	if err := app.Save(su); err != nil {
		return 0, err
	}
	if SuperuserToken, err = su.NewAuthToken(); err != nil {
		return 0, err
	}
	// NewTestApp works on a clone; close it and keep it as the template, so
	// every copy starts from a checkpointed database.
	templateDir = app.DataDir()
	defer os.RemoveAll(templateDir)
	if err := app.ResetBootstrapState(); err != nil {
		return 0, err
	}
	return m.Run(), nil
}

// New returns a fresh app with the migrations applied, the defaults seeded, a
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
	if templateDir == "" {
		t.Fatal("testapp: call testapp.Main(m) from TestMain")
	}
	return Copy(t, templateDir)
}

// Copy is Bare started from a copy of another app's data dir (closed with
// ResetBootstrapState first), so many scenarios share one seeded program
// with the same record ids.
func Copy(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	hooks.Register(app)
	views.Register(app)
	return app
}

// Save creates a record in coll with fields, failing the test on error.
// Hooks run as for any save.
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
// override those.
func Customer(t testing.TB, app core.App, name, email string, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{"name": name, "email": email, "source": "direct"}
	for k, v := range fields {
		all[k] = v
	}
	return Save(t, app, "customers", all)
}
