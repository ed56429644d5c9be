package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Message variants for testing the ask's wording: each ask records the
// variant it got, chosen by weight among the active variants for its touch
// (the first ask, or a follow-up). With none active, the ask_email page is
// the copy.
func init() {
	m.Register(func(app core.App) error {
		variants := core.NewBaseCollection("variants")
		variants.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 64, Pattern: `^[a-z0-9_-]+$`, Presentable: true,
				Help: "Recorded on each ask as its variant."},
			&core.SelectField{Name: "touch", Required: true, MaxSelect: 1, Values: []string{"first", "followup"}},
			&core.TextField{Name: "subject", Required: true, Max: 300},
			&core.TextField{Name: "body", Required: true, Max: 100000, Help: "Markdown with {{variables}}; one link, to {{link}}."},
			&core.NumberField{Name: "weight", OnlyInt: true, Min: ptr(0), Help: "Relative share of asks; 0 pauses it."},
			&core.BoolField{Name: "active"},
		)
		variants.Fields.Add(timestamps()...)
		variants.AddIndex("idx_variants_name", true, "name", "")
		variants.AddIndex("idx_variants_touch_active", false, "touch, active", "")
		if err := app.Save(variants); err != nil {
			return err
		}
		page, err := app.FindFirstRecordByData("pages", "slug", "ask_email")
		if err != nil {
			return err
		}
		for _, v := range []struct{ name, touch, subject, body string }{
			{"thanks", "first", page.GetString("title"), page.GetString("body")},
			{"short", "first", "Who else should know about {{company_name}}?", variantShort},
			{"reminder", "followup", "Just a reminder, {{first_name}}", variantReminder},
		} {
			r := core.NewRecord(variants)
			r.Set("name", v.name)
			r.Set("touch", v.touch)
			r.Set("subject", v.subject)
			r.Set("body", v.body)
			r.Set("weight", 1)
			r.Set("active", true)
			if err := app.Save(r); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("variants")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}

const variantShort = `Hi {{first_name}},

Quick one: is there a colleague or peer who is wrestling with the problems
{{company_name}} solved for you? One introduction from you means more than
any ad we could buy.

[Introduce someone]({{link}})

It takes a minute, we follow up once, and as a thank-you: {{incentive}}.

{{sender_name}}
`

const variantReminder = `Hi {{first_name}},

A short reminder, in case my last note got buried: if someone you know would
get as much out of {{company_name}} as your team has, we would love an
introduction. The note is already drafted for you.

[Introduce someone]({{link}})

No worries if nobody comes to mind; I won't keep asking for long.

{{sender_name}}
`
