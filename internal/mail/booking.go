package mail

import (
	"fmt"
	"net/mail"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/prepared"
	"warmloop/internal/program"
)

// BookingTemplate is the booking confirmation: the page it is written from,
// and the template its outbox rows name.
const BookingTemplate = "booking_confirmation_email"

// bookingPeople are the booking confirmation's variables that differ per
// referral; company_name and sender_name are rendered into the cached copy.
var bookingPeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name"}

// QueueBookingConfirmation puts the email that confirms a referee's meeting
// request in the outbox, in the transaction of the booking, to the address
// the referral was made with (the person who asked, not whoever they named
// in the form). A reply reaches the sales inbox, so without one nothing is
// queued: no one would read the reply the email invites. It is queued once
// per referral, ever; queued reports whether this call queued it.
func QueueBookingConfirmation(tx core.App, s program.Settings, referral *core.Record, to string) (queued bool, err error) {
	if s.SalesInbox == "" || to == "" {
		return false, nil
	}
	if done, err := BookingConfirmed(tx, referral.Id); err != nil || done {
		return false, err
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return false, err
	}
	page, err := pages.Find(tx, BookingTemplate, readerLang(s, referrer))
	if err != nil {
		return false, fmt.Errorf("the %s page: %w", BookingTemplate, err)
	}
	subject := pages.Line(page.GetString("title"), bookingVars(s, referral, nil, ""))
	_, err = outbox.QueueEmail(tx, to, subject, map[string]any{"template": BookingTemplate, "referral": referral.Id})
	return err == nil, err
}

// BookingConfirmed reports whether a booking confirmation was ever queued
// for the referral, whatever became of it since.
func BookingConfirmed(app core.App, referralID string) (bool, error) {
	var n int
	err := prepared.Row(app, `SELECT COUNT(*) FROM outbox WHERE referral = ? AND kind = 'email'
		AND json_extract(payload, '$.template') = ?`, []any{referralID, BookingTemplate}, &n)
	return n > 0, err
}

// ComposeBookingConfirmation renders the booking confirmation for a
// referral, to the address its row was queued for: from the company's
// sender, Reply-To the sales inbox (never the referrer: the referee's
// meeting is with the company), linking to the referee's page.
func ComposeBookingConfirmation(app core.App, find Finder, referralID, to string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	if s.SalesInbox == "" {
		return nil, fmt.Errorf("referral %s: no sales inbox in the settings for the booking confirmation's replies", referralID)
	}
	lang := readerLang(s, referrer)
	page, err := pages.Load(app, BookingTemplate, lang, pages.Vars{People: map[string]string{
		"company_name": s.CompanyName, "sender_name": s.SenderName,
	}}, bookingPeople, []string{"link"})
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	link := program.BaseURL(app) + "/i/" + referral.GetString("code")
	vars := bookingVars(s, referral, referrer, link)
	values := map[string]string{"link": link}
	for _, k := range bookingPeople {
		values[k] = vars.People[k]
	}
	footer := pages.BookingFooter(locale.For(lang), s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{{Name: referral.GetString("referee_name"), Address: to}},
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(lang, page.Body.Fill(values), footer, "", ""),
		Text:    page.Text.Fill(vars.Flat()) + "\n--\n" + footer + "\n",
		Headers: map[string]string{"Reply-To": (&mail.Address{Address: s.SalesInbox}).String()},
	}, nil
}

// bookingVars are the booking confirmation's variables; without the
// referrer (for the subject line) their names are left empty.
func bookingVars(s program.Settings, referral, referrer *core.Record, link string) pages.Vars {
	v := pages.Vars{
		People: map[string]string{
			"referee_first_name": pages.FirstName(referral.GetString("referee_name")),
			"referee_name":       referral.GetString("referee_name"),
			"company_name":       s.CompanyName,
			"sender_name":        s.SenderName,
		},
		System: map[string]string{"link": link},
	}
	if referrer != nil {
		v.People["referrer_name"] = referrer.GetString("name")
		v.People["referrer_first_name"] = pages.FirstName(referrer.GetString("name"))
	}
	return v
}
