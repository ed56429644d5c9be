package referrals

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// Created queues, in the transaction that made the referral, what a new
// referral sets off: a note to the sales inbox and the referral.created
// webhook.
func Created(tx core.App, referral *core.Record) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	if s.SalesInbox != "" {
		if err := queueNote(tx, s, "sales_new_referral", s.SalesInbox, referral); err != nil {
			return err
		}
	}
	return queueWebhook(tx, s, "referral.created", referral, "")
}

// Moved queues what a move along the pipeline sets off: the
// referral.status_changed webhook always; on booked, the referral.booked
// webhook, a thank-you to the referrer and a note to the sales inbox; on
// won, a thank-you to the referrer.
func Moved(tx core.App, referral *core.Record, from, to string) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	if err := queueWebhook(tx, s, "referral.status_changed", referral, from); err != nil {
		return err
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	switch to {
	case Booked:
		if err := queueWebhook(tx, s, "referral.booked", referral, from); err != nil {
			return err
		}
		if err := queueNote(tx, s, "thanks_booked", referrer.GetString("email"), referral); err != nil {
			return err
		}
		if s.SalesInbox != "" {
			return queueNote(tx, s, "sales_booked", s.SalesInbox, referral)
		}
	case Won:
		return queueNote(tx, s, "thanks_won", referrer.GetString("email"), referral)
	}
	return nil
}

// queueNote queues one of the pipeline's emails, by its page's slug.
func queueNote(tx core.App, s program.Settings, slug, to string, referral *core.Record) error {
	page, err := tx.FindFirstRecordByData("pages", "slug", slug)
	if err != nil {
		return err
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	subject := pages.Line(page.GetString("title"), NoteVars(tx, s, referral, referrer))
	_, err = outbox.QueueEmail(tx, to, subject, map[string]any{"template": slug, "referral": referral.Id})
	return err
}

// queueWebhook queues an event for the settings' webhook URL, if there is
// one and it takes this event: the full referral, its referrer and its ask.
func queueWebhook(tx core.App, s program.Settings, event string, referral *core.Record, from string) error {
	if s.WebhookURL == "" {
		return nil
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	data := map[string]any{"referral": referral.PublicExport(), "referrer": referrer.PublicExport(), "ask": nil}
	if id := referral.GetString("ask"); id != "" {
		if ask, err := tx.FindRecordById("asks", id); err == nil {
			data["ask"] = ask.PublicExport()
		}
	}
	if from != "" {
		data["previous_status"] = from
	}
	return outbox.QueueEvent(tx, s.WebhookURL, s.WebhookEvents, event, data)
}

// NoteVars are the variables of the pipeline's emails.
func NoteVars(app core.App, s program.Settings, referral, referrer *core.Record) pages.Vars {
	suffix := ""
	if c := referral.GetString("referee_company"); c != "" {
		suffix = " (" + c + ")"
	}
	orNone := func(v string) string {
		if strings.TrimSpace(v) == "" {
			return "not given"
		}
		return v
	}
	return pages.Vars{
		People: map[string]string{
			"referrer_first_name":    pages.FirstName(referrer.GetString("name")),
			"referrer_name":          referrer.GetString("name"),
			"referrer_company":       orNone(referrer.GetString("company")),
			"referee_name":           referral.GetString("referee_name"),
			"referee_first_name":     pages.FirstName(referral.GetString("referee_name")),
			"referee_company":        orNone(referral.GetString("referee_company")),
			"referee_company_suffix": suffix,
			"referee_email":          referral.GetString("referee_email"),
			"message":                orNone(referral.GetString("message")),
			"preferred_times":        orNone(referral.GetString("preferred_times")),
			"phone":                  orNone(referral.GetString("phone")),
			"company_name":           s.CompanyName,
			"sender_name":            s.SenderName,
		},
		System: map[string]string{"link": adminLink(app, referral)},
	}
}

// adminLink opens a referral in the admin UI.
func adminLink(app core.App, referral *core.Record) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/_/#/collections?collection=" +
		referral.Collection().Id + "&recordId=" + referral.Id
}
