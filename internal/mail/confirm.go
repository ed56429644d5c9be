package mail

import (
	"fmt"
	"net/mail"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// ShareConfirmTemplate is the share link's confirmation: the page it is
// written from, and the template its outbox rows name.
const ShareConfirmTemplate = "share_confirmation_email"

// shareConfirmPeople are the confirmation's variables that differ per
// referral. The visitor's own name is not one: whoever fills the share form
// chooses it, and this email goes to an address they may not own.
var shareConfirmPeople = []string{"referrer_name", "referrer_first_name"}

// QueueShareConfirmation puts in the outbox, in the transaction that made
// the referral, the email that asks someone who introduced themself through
// a share link to confirm their address; it is composed when it is sent.
func QueueShareConfirmation(tx core.App, s program.Settings, referral, referrer *core.Record) error {
	page, err := pages.Find(tx, ShareConfirmTemplate, readerLang(s, referrer))
	if err != nil {
		return fmt.Errorf("the %s page: %w", ShareConfirmTemplate, err)
	}
	subject := pages.Line(page.GetString("title"), shareConfirmVars(s, referrer, ""))
	_, err = outbox.QueueEmail(tx, referral.GetString("referee_email"), subject,
		map[string]any{"template": ShareConfirmTemplate, "referral": referral.Id})
	return err
}

// ComposeShareConfirmation renders the share link's confirmation, to the
// address its row was queued for, from the company's sender, with one link:
// the person's page /i/{code}, where they confirm it is them (or say it was
// not). The link goes to that address alone, so only its owner can confirm.
func ComposeShareConfirmation(app core.App, find Finder, referralID, to string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	lang := readerLang(s, referrer)
	page, err := pages.Load(app, ShareConfirmTemplate, lang, pages.Vars{People: map[string]string{
		"company_name": s.CompanyName, "sender_name": s.SenderName,
	}}, shareConfirmPeople, []string{"link"})
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	link := program.BaseURL(app) + "/i/" + referral.GetString("code")
	vars := shareConfirmVars(s, referrer, link)
	values := map[string]string{"link": link}
	for _, k := range shareConfirmPeople {
		values[k] = vars.People[k]
	}
	footer := pages.ShareConfirmFooter(locale.For(lang), s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{{Address: to}},
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(lang, page.Body.Fill(values), footer, "", ""),
		Text:    page.Text.Fill(vars.Flat()) + "\n--\n" + footer + "\n",
	}, nil
}

// shareConfirmVars are the confirmation's variables.
func shareConfirmVars(s program.Settings, referrer *core.Record, link string) pages.Vars {
	return pages.Vars{
		People: map[string]string{
			"referrer_name":       referrer.GetString("name"),
			"referrer_first_name": pages.FirstName(referrer.GetString("name")),
			"company_name":        s.CompanyName,
			"sender_name":         s.SenderName,
		},
		System: map[string]string{"link": link},
	}
}
