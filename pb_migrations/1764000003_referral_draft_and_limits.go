package pb_migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// draftMessage is the introduction a referrer finds already written on the
// landing page, in their own voice; they edit it before sending.
const draftMessage = `I've been using {{company_name}} with my team at {{company}} and it has made a real difference for us. I thought of you because I think it could help your team in the same way. Have a look and see whether it fits; they are good people to talk to.`

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
		pages, err := app.FindCollectionByNameOrId("pages")
		if err != nil {
			return err
		}
		p := core.NewRecord(pages)
		p.Set("slug", "draft_message")
		p.Set("title", "An introduction to {{company_name}}")
		p.Set("body", draftMessage)
		if err := app.Save(p); err != nil {
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
		if p, err := app.FindFirstRecordByData("pages", "slug", "draft_message"); err == nil {
			if err := app.Delete(p); err != nil {
				return err
			}
		}
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool {
			return slices.ContainsFunc(publicRateLimits, func(p core.RateLimitRule) bool { return p.Label == r.Label })
		})
		return app.Save(s)
	})
}
