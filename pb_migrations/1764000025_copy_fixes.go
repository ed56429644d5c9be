package pb_migrations

import (
	"database/sql"
	"errors"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Copy that reads right, issue 19: the reward email names the tier a person
// reached instead of calling them by it ("You are now a First win"); the
// ask_email page, and the "thanks" variant seeded from it, thanks a customer
// in words that fit any happy moment (a support win is not "kind words");
// and the "short" variant no longer runs an incentive's capitalised name on
// from "as a thank-you:". Each row changes only while it still holds the
// text it shipped with: a row an admin edited is theirs.
func init() {
	m.Register(func(app core.App) error {
		return copyFixes(app, true)
	}, func(app core.App) error {
		return copyFixes(app, false)
	})
}

// copyFixes moves the shipped rows from the old copy to the new one (up), or
// back (down).
func copyFixes(app core.App, up bool) error {
	if err := replacePageCopy(app, "reward_earned", rewardEarnedTitleBefore, rewardEarnedBodyBefore, up); err != nil {
		return err
	}
	if err := replacePageCopy(app, "ask_email", askEmailTitleBefore, askEmailBodyBefore, up); err != nil {
		return err
	}
	_, askEmailBody, err := shippedPage("ask_email")
	if err != nil {
		return err
	}
	for _, v := range []struct{ name, before, after string }{
		{"thanks", askEmailBodyBefore, askEmailBody},
		{"short", variantShort, variantShortAfter},
	} {
		from, to := v.before, v.after
		if !up {
			from, to = to, from
		}
		if err := replaceVariantBody(app, v.name, from, to); err != nil {
			return err
		}
	}
	return nil
}

// replaceVariantBody gives the variant called name the body to, when it
// still holds from.
func replaceVariantBody(app core.App, name, from, to string) error {
	r, err := app.FindFirstRecordByData("variants", "name", name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // renamed or deleted: not ours to change
	} else if err != nil {
		return err
	}
	if !sameCopy(r.GetString("body"), from) {
		return nil
	}
	r.Set("body", to)
	return app.Save(r)
}

// variantShortAfter is the short variant's new body: the thank-you stands
// as a line of its own, so the incentive's name may start with a capital.
const variantShortAfter = `Hi {{first_name}},

Quick one: is there a colleague or peer who is wrestling with the problems
{{company_name}} solved for you? One introduction from you means more than
any ad we could buy.

[Introduce someone]({{link}})

It takes a minute, and we follow up once.

Our thank-you: {{incentive}}.

{{sender_name}}
`

// The reward_earned and ask_email pages as every install was given them
// until this migration.
const (
	rewardEarnedTitleBefore = "You are now a {{tier_name}}: thank you, {{referrer_first_name}}"
	rewardEarnedBodyBefore  = `Hi {{referrer_first_name}},

Your introductions have earned you a thank-you: you are now a **{{tier_name}}**.

**{{incentive_name}}.** {{incentive_description}}

We will be in touch shortly to arrange it. Thank you for sending good people our way;
it means a great deal to a company our size.

{{sender_name}}
`
	askEmailTitleBefore = "A quick favour, {{first_name}}?"
	askEmailBodyBefore  = `Hi {{first_name}},

Thank you for the kind words about {{company_name}}. It means a lot to the
whole team.

Is there one person, in your company or beyond, who would get as much out of
us as you have? We have drafted the introduction for you: it takes about a
minute, and we follow up only once, personally.

[Introduce someone]({{link}})

As a thank-you: {{incentive}}

Best,
{{sender_name}}
`
)
