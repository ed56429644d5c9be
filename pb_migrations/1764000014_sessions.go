package pb_migrations

import (
	"database/sql"
	"errors"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// dashboardSignInRule is the rate-limit rule an earlier migration gave the
// dashboard's sign-in form in PocketBase's settings. The sign-in now has one
// limit of its own, shared with PocketBase's auth API (internal/signin), so
// the second, separate count goes.
var dashboardSignInRule = core.RateLimitRule{Label: "POST /dashboard/login", MaxRequests: 10, Duration: 60}

// Dashboard sessions the server can end.
//
// The dashboard's cookie used to carry a superuser auth token, which stayed
// good for a day after "Sign out". Now it carries a random secret; the
// sessions collection keeps the sha256 of that secret (hex), so a copy of the
// database opens no session. Signing out deletes the row, so the cookie is
// dead at once; a row is good until its expires time and while last_seen is
// recent, and it goes with its superuser. Only superusers reach the
// collection through the API or /_/, where deleting a row signs that browser
// out.
func init() {
	m.Register(func(app core.App) error {
		if err := createSessions(app); err != nil {
			return err
		}
		return setDashboardSignInRule(app, false)
	}, func(app core.App) error {
		if err := setDashboardSignInRule(app, true); err != nil {
			return err
		}
		c, err := app.FindCollectionByNameOrId("sessions")
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}

// createSessions adds the sessions collection.
func createSessions(app core.App) error {
	superusers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("sessions")
	c.Fields.Add(
		&core.RelationField{Name: "superuser", CollectionId: superusers.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "token_hash", Required: true, Min: 64, Max: 64, Pattern: "^[0-9a-f]{64}$"},
		&core.TextField{Name: "user_agent", Max: 300},
		&core.DateField{Name: "last_seen", Required: true},
		&core.DateField{Name: "expires", Required: true},
		&core.AutodateField{Name: "created", OnCreate: true},
	)
	c.AddIndex("idx_sessions_token_hash", true, "token_hash", "")
	c.AddIndex("idx_sessions_superuser", false, "superuser", "")
	c.AddIndex("idx_sessions_expires", false, "expires", "")
	return app.Save(c)
}

// setDashboardSignInRule removes the dashboard sign-in's own rule from
// PocketBase's rate limits, or puts it back for the down step.
func setDashboardSignInRule(app core.App, present bool) error {
	s := app.Settings()
	has := func(r core.RateLimitRule) bool { return r.Label == dashboardSignInRule.Label }
	if present {
		if slices.ContainsFunc(s.RateLimits.Rules, has) {
			return nil
		}
		s.RateLimits.Rules = append(s.RateLimits.Rules, dashboardSignInRule)
	} else {
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, has)
	}
	return app.Save(s)
}
