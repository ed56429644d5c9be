package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// rewardPages are the emails a referrer gets when a reward is earned and
// when it is fulfilled.
var rewardPages = []struct{ slug, title string }{
	{"reward_earned", "You are now a {{tier_name}}: thank you, {{referrer_first_name}}"},
	{"reward_fulfilled", "Your thank-you is on its way, {{referrer_first_name}}"},
}

// Rewards record when they were declined, beside approved_at and
// fulfilled_at, and the referrer hears of each reward by email.
func init() {
	m.Register(func(app core.App) error {
		rewards, err := app.FindCollectionByNameOrId("rewards")
		if err != nil {
			return err
		}
		rewards.Fields.Add(&core.DateField{Name: "declined_at"})
		if err := app.Save(rewards); err != nil {
			return err
		}
		return addPages(app, rewardPages)
	}, func(app core.App) error {
		if err := removePages(app, rewardPages); err != nil {
			return err
		}
		rewards, err := app.FindCollectionByNameOrId("rewards")
		if err != nil {
			return err
		}
		rewards.Fields.RemoveByName("declined_at")
		return app.Save(rewards)
	})
}

// addPages adds default pages, their bodies read from defaults/{slug}.md.
func addPages(app core.App, list []struct{ slug, title string }) error {
	pages, err := app.FindCollectionByNameOrId("pages")
	if err != nil {
		return err
	}
	for _, p := range list {
		body, err := defaultCopy.ReadFile("defaults/" + p.slug + ".md")
		if err != nil {
			return err
		}
		r := core.NewRecord(pages)
		r.Set("slug", p.slug)
		r.Set("title", p.title)
		r.Set("body", string(body))
		if err := app.Save(r); err != nil {
			return err
		}
	}
	return nil
}

// removePages deletes default pages by slug.
func removePages(app core.App, list []struct{ slug, title string }) error {
	for _, p := range list {
		if r, err := app.FindFirstRecordByData("pages", "slug", p.slug); err == nil {
			if err := app.Delete(r); err != nil {
				return err
			}
		}
	}
	return nil
}
