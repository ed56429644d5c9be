package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// summaryPages are the pages this migration ships: the weekly summary email.
var summaryPages = []string{"weekly_summary"}

// Notes where the team already talks, and the weekly summary.
//
//   - settings: chat_webhook_url, a Slack-compatible incoming-webhook URL
//     (Slack, Mattermost, Rocket.Chat, Microsoft Teams) that gets a short
//     note on each new referral, booking, win and reward to approve, and
//     the weekly summary; summary_week, the ISO week ("2026-W49") whose
//     summary was last queued, so a week is summarised once however often
//     the server restarts.
//   - pages: weekly_summary, the email the owners get every week.
func init() {
	m.Register(func(app core.App) error {
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.Add(
			&core.TextField{Name: "chat_webhook_url", Max: 2000,
				Help: "An incoming-webhook URL of Slack, Mattermost, Rocket.Chat or Microsoft Teams; empty sends no chat notes."},
			&core.TextField{Name: "summary_week", Max: 10,
				Help: "The ISO week whose summary was last queued, such as 2026-W49; Warmloop writes it."},
		)
		if err := app.Save(settings); err != nil {
			return err
		}
		return addPages(app, summaryPages)
	}, func(app core.App) error {
		if err := removePages(app, summaryPages); err != nil {
			return err
		}
		settings, err := app.FindCollectionByNameOrId("settings")
		if err != nil {
			return err
		}
		settings.Fields.RemoveByName("chat_webhook_url")
		settings.Fields.RemoveByName("summary_week")
		return app.Save(settings)
	})
}
