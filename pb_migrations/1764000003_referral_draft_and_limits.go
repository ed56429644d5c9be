package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// draftPages holds the introduction a referrer finds already written on the
// landing page, in their own voice; they edit it before sending. Its copy is
// in static/content.
var draftPages = []string{"draft_message"}

// publicRateLimits cap, per IP address, how often the public forms and the
// dashboard sign-in can be posted: enough for a person, too few for a bot.
// They use PocketBase's rate limiter, which this migration switches on (it
// also brings PocketBase's own default rules for its API; superusers are
// never limited).
var publicRateLimits = []core.RateLimitRule{
	{Label: "POST /r/", MaxRequests: 10, Duration: 60},
	{Label: "POST /s/", MaxRequests: 10, Duration: 60},
	{Label: "POST /i/", MaxRequests: 10, Duration: 60},
	{Label: "POST /u/", MaxRequests: 10, Duration: 60},
	{Label: "POST /dashboard/login", MaxRequests: 10, Duration: 60},
}

func init() {
	m.Register(func(app core.App) error {
		if err := addPages(app, draftPages); err != nil {
			return err
		}

		s := app.Settings()
		s.RateLimits.Enabled = true
		for _, rule := range publicRateLimits {
			if !slices.ContainsFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == rule.Label }) {
				s.RateLimits.Rules = append(s.RateLimits.Rules, rule)
			}
		}
		return app.Save(s)
	}, func(app core.App) error {
		if err := removePages(app, draftPages); err != nil {
			return err
		}
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool {
			return slices.ContainsFunc(publicRateLimits, func(p core.RateLimitRule) bool { return p.Label == r.Label })
		})
		return app.Save(s)
	})
}
