package pb_migrations

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// bookingPages are what a referee who asks for a meeting reads: the
// confirmation on their page and the confirmation email. Their copy is in
// static/content.
var bookingPages = []string{"booking_confirmation", "booking_confirmation_email"}

// refereeShippedBefore is the referee page every install was given until
// this migration: its "What {{company_name}} does" described a referral
// product, whatever the company sells.
const (
	refereeTitleBefore = "A personal introduction"
	refereeBodyBefore  = `{{referrer_name}} at {{referrer_company}} thought you should meet us, and
asked us to get in touch personally.

> {{message}}

## What {{company_name}} does

We help B2B teams turn the customers who already like them into their best
source of new business. Teams who work with us typically see:

- **Shorter sales cycles**: a warm introduction starts with trust, not a cold email.
- **Better-fit customers**: people refer peers who share their problems.
- **A clear picture** of what is working, from the first conversation to the signed deal.

## What happens next

Book a 20-minute conversation with someone on our team. No slides unless you
ask for them: we will listen to what you are working on and tell you honestly
whether we can help.

If now is not the right time, say so below and we will not contact you again.
`
)

// Copy that is safe to send to a prospect: the referee page describes the
// company through the settings' what_we_do line instead of a referral
// product (replaced only where it still holds the old shipped copy: a page
// an admin edited is theirs); the booking confirmation becomes two pages;
// and an email row records the referral it is about, so a referee's first
// visit can be told from a mail gateway scanning the introduction as it
// arrives, and the booking confirmation is queued once per referral.
func init() {
	m.Register(func(app core.App) error {
		if err := ensureWhatWeDo(app); err != nil {
			return err
		}
		if err := addOutboxReferral(app); err != nil {
			return err
		}
		if err := addMissingPages(app, bookingPages); err != nil {
			return err
		}
		return replacePageCopy(app, "referee", refereeTitleBefore, refereeBodyBefore, true)
	}, func(app core.App) error {
		if err := replacePageCopy(app, "referee", refereeTitleBefore, refereeBodyBefore, false); err != nil {
			return err
		}
		if err := removePages(app, bookingPages); err != nil {
			return err
		}
		outbox, err := app.FindCollectionByNameOrId("outbox")
		if err != nil {
			return err
		}
		outbox.RemoveIndex("idx_outbox_referral")
		outbox.Fields.RemoveByName("referral")
		// what_we_do is left: migration 1764000007 owns it.
		return app.Save(outbox)
	})
}

// ensureWhatWeDo adds the settings' what_we_do line when migration
// 1764000007, which owns it, has not: the referee page refers to it.
func ensureWhatWeDo(app core.App) error {
	settings, err := app.FindCollectionByNameOrId("settings")
	if err != nil {
		return err
	}
	if settings.Fields.GetByName("what_we_do") != nil {
		return nil
	}
	settings.Fields.Add(&core.TextField{Name: "what_we_do", Max: 300,
		Help: "One line on what the company does, shown to the people introduced to it."})
	return app.Save(settings)
}

// addOutboxReferral gives email rows the referral they are about, indexed,
// and fills it in for the rows already queued (their payload names it).
func addOutboxReferral(app core.App) error {
	outbox, err := app.FindCollectionByNameOrId("outbox")
	if err != nil {
		return err
	}
	referrals, err := app.FindCollectionByNameOrId("referrals")
	if err != nil {
		return err
	}
	outbox.Fields.Add(&core.RelationField{Name: "referral", MaxSelect: 1, CollectionId: referrals.Id,
		Help: "The referral this email is about, if any."})
	outbox.AddIndex("idx_outbox_referral", false, "referral", "")
	if err := app.Save(outbox); err != nil {
		return err
	}
	_, err = app.DB().NewQuery(`UPDATE outbox SET referral = json_extract(payload, '$.referral')
		WHERE kind = 'email' AND json_valid(payload)
		AND json_extract(payload, '$.referral') IN (SELECT id FROM referrals)`).Execute()
	return err
}

// addMissingPages adds the shipped pages that are not there yet (an admin
// may have made a page of that name in the admin UI: it is kept).
func addMissingPages(app core.App, slugs []string) error {
	var missing []string
	for _, slug := range slugs {
		if _, err := app.FindFirstRecordByData("pages", "slug", slug); err != nil {
			missing = append(missing, slug)
		}
	}
	return addPages(app, missing)
}

// replacePageCopy swaps a page's copy between an old shipped text and the
// one static/content ships now: up puts the new one where the old one
// still stands, down the reverse. The title changes only where it is the
// shipped one too. A page whose body someone edited is left as they wrote it.
func replacePageCopy(app core.App, slug, oldTitle, oldBody string, up bool) error {
	page, err := app.FindFirstRecordByData("pages", "slug", slug)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no such page: nothing of ours to replace
	} else if err != nil {
		return err
	}
	newTitle, newBody, err := shippedPage(slug)
	if err != nil {
		return err
	}
	fromTitle, fromBody, toTitle, toBody := oldTitle, oldBody, newTitle, newBody
	if !up {
		fromTitle, fromBody, toTitle, toBody = newTitle, newBody, oldTitle, oldBody
	}
	if sameCopy(page.GetString("body"), fromBody) {
		page.Set("body", toBody)
		if sameCopy(page.GetString("title"), fromTitle) {
			page.Set("title", toTitle)
		}
		return app.Save(page)
	}
	return nil
}

// sameCopy compares two texts as a person reads them: line ends and the
// blank space around them do not count.
func sameCopy(a, b string) bool {
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return norm(a) == norm(b)
}
