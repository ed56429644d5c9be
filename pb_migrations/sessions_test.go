package pb_migrations_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// sessionsMigration is migration 1764000014, to run by hand on an app.
func sessionsMigration(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000014_sessions.go" {
			return m
		}
	}
	t.Fatal("migration 1764000014_sessions.go is not registered")
	return nil
}

func hasDashboardSignInRule(app core.App) bool {
	return slices.ContainsFunc(app.Settings().RateLimits.Rules, func(r core.RateLimitRule) bool {
		return r.Label == "POST /dashboard/login"
	})
}

func TestTheSessionsMigrationAddsSessionsAndDropsTheFormsSeparateLimitAndUndoes(t *testing.T) {
	app := testapp.New(t)
	if _, err := app.FindCollectionByNameOrId("sessions"); err != nil || hasDashboardSignInRule(app) {
		t.Fatalf("after up: sessions collection error %v, dashboard rule kept %v", err, hasDashboardSignInRule(app))
	}
	mig := sessionsMigration(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindCollectionByNameOrId("sessions"); err == nil || !hasDashboardSignInRule(app) {
		t.Fatalf("after down: sessions collection still there (%v) or dashboard rule missing", err)
	}
	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindCollectionByNameOrId("sessions"); err != nil || hasDashboardSignInRule(app) {
		t.Fatalf("after up again: sessions collection error %v, dashboard rule kept %v", err, hasDashboardSignInRule(app))
	}
}

func TestSessionsAreReachableBySuperusersOnly(t *testing.T) {
	base := "/api/collections/sessions/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "a guest cannot list sessions", Method: http.MethodGet, URL: base,
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a guest cannot create a session", Method: http.MethodPost, URL: base,
			Body:           strings.NewReader(`{"token_hash":"` + strings.Repeat("a", 64) + `"}`),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`"status":403`},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a superuser lists the sessions", Method: http.MethodGet, URL: base,
			Headers:         map[string]string{"Authorization": testapp.SuperuserToken},
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{`"totalItems":1`, `"superuser":`, `"user_agent":`, `"expires":`},
			TestAppFactory:  testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
