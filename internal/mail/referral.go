package mail

import (
	"fmt"
	"html"
	"net/mail"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// The introduction email's variables that differ per referral.
var (
	introPeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name", "referrer_company", "message"}
	introSystem = []string{"link"}
)

// ComposeIntro renders the introduction email for a referral: the
// intro_email page, from the company's sender, to the referee alone,
// Reply-To the referrer (a reply reaches the person who knows them), and
// one link: the referee's personal page /i/{code}. The referrer is never in
// copy: that link acts as the referee (it books and declines), so their
// copy is an email of its own (ComposeIntroCopy).
func ComposeIntro(app core.App, find Finder, referralID string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	link := program.BaseURL(app) + "/i/" + referral.GetString("code")
	lang := readerLang(s, referrer)
	subject, body, text, err := introBody(app, s, lang, referral, referrer, link)
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	footer := pages.IntroFooter(locale.For(lang), referrer.GetString("name"), s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{recipient(mail.Address{Name: referral.GetString("referee_name"), Address: referral.GetString("referee_email")})},
		Subject: subject,
		HTML:    Envelope(lang, body, footer, "", ""),
		Text:    text + "\n--\n" + footer + "\n",
		Headers: replyTo(mail.Address{Name: referrer.GetString("name"), Address: referrer.GetString("email")}),
	}, nil
}

// IntroCopyTemplate is the referrer's own copy of an introduction, as its
// outbox rows name it.
const IntroCopyTemplate = "intro_copy"

// ComposeIntroCopy renders the referrer's copy of an introduction they asked
// to be copied on: the same intro_email page, to the referrer, under a line
// that says what it is. Its link is the referrer's own page (their ask's
// landing page, or the site's home when the referral has no ask), never the
// referee's: whoever holds /i/{code} can book or decline for the referee.
func ComposeIntroCopy(app core.App, find Finder, referralID string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	base := program.BaseURL(app)
	link := base + "/"
	if id := referral.GetString("ask"); id != "" {
		if ask, err := find("asks", id); err == nil && ask.GetString("token") != "" {
			link = base + "/r/" + ask.GetString("token")
		}
	}
	lang := readerLang(s, referrer)
	subject, body, text, err := introBody(app, s, lang, referral, referrer, link)
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	sp := locale.For(lang)
	lead := pages.IntroCopyLead(sp, referral.GetString("referee_name"))
	footer := pages.IntroCopyFooter(sp, s.CompanyName)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{recipient(mail.Address{Name: referrer.GetString("name"), Address: referrer.GetString("email")})},
		Subject: IntroCopySubject(sp, subject),
		HTML:    Envelope(lang, "<p><em>"+html.EscapeString(lead)+"</em></p>"+body, footer, "", ""),
		Text:    lead + "\n\n" + text + "\n--\n" + footer + "\n",
	}, nil
}

// IntroCopySubject is the subject of the referrer's copy of an introduction.
func IntroCopySubject(sp locale.Speaker, introSubject string) string {
	return sp.T("email.copy_subject", "Subject", introSubject)
}

// introBody renders the intro_email page for a referral with a link: the
// subject, the HTML body and the text body.
func introBody(app core.App, s program.Settings, lang string, referral, referrer *core.Record, link string) (subject, body, text string, err error) {
	page, err := pages.Load(app, "intro_email", lang, pages.Vars{People: map[string]string{
		"company_name": s.CompanyName, "sender_name": s.SenderName, "what_we_do": pages.WhatWeDo(locale.For(lang), s.WhatWeDo),
	}}, introPeople, introSystem)
	if err != nil {
		return "", "", "", err
	}
	vars := IntroVars(s, lang, referral, referrer, link)
	values := map[string]string{"link": link}
	for _, k := range introPeople {
		values[k] = vars.People[k]
	}
	return pages.Line(page.Title, vars), page.Body.Fill(values), page.Text.Fill(vars.Flat()), nil
}

// Notes are the pipeline's emails, by their page's slug: thank-yous go to
// the referrer, notes to the sales inbox.
var Notes = map[string]bool{"thanks_booked": true, "thanks_won": true, "sales_new_referral": true, "sales_booked": true}

// ComposeNote renders one of the pipeline's emails for a referral. A note to
// the sales inbox replies to the referee, so sales can answer at once.
func ComposeNote(app core.App, find Finder, slug, referralID string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	lang := noteLang(s, slug, referrer)
	vars := NoteVars(app, s, lang, referral, referrer)
	page, err := pages.Load(app, slug, lang, pages.Vars{}, keys(vars.People), keys(vars.System))
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	footer := pages.NoteFooter(locale.For(lang), s.CompanyName)
	msg := &mailer.Message{
		From:    sender(s),
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(lang, page.Body.Fill(vars.Flat()), footer, "", ""),
		Text:    page.Text.Fill(vars.Flat()) + "\n--\n" + footer + "\n",
	}
	if strings.HasPrefix(slug, "sales_") {
		if s.SalesInbox == "" {
			return nil, fmt.Errorf("referral %s: no sales inbox in the settings for %s", referralID, slug)
		}
		msg.To = []mail.Address{{Address: s.SalesInbox}}
		msg.Headers = replyTo(mail.Address{Name: referral.GetString("referee_name"), Address: referral.GetString("referee_email")})
	} else {
		msg.To = []mail.Address{recipient(mail.Address{Name: referrer.GetString("name"), Address: referrer.GetString("email")})}
	}
	return msg, nil
}

// keys lists a map's keys.
func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// loadReferral reads what every referral email needs: the referral, its
// referrer and the settings.
func loadReferral(app core.App, find Finder, id string) (referral, referrer *core.Record, s program.Settings, err error) {
	if referral, err = find("referrals", id); err != nil {
		return nil, nil, s, fmt.Errorf("referral %s: %w", id, err)
	}
	if referrer, err = find("customers", referral.GetString("referrer")); err != nil {
		return nil, nil, s, fmt.Errorf("referral %s: referrer: %w", id, err)
	}
	s, err = program.Load(app)
	return referral, referrer, s, err
}

// QueueIntro puts the introduction email to the referee in the outbox and,
// when the referrer asked for a copy, their own copy as a second email (its
// payload's "cc" records what they asked). Both are composed when sent.
func QueueIntro(tx core.App, referral, referrer *core.Record, copyMe bool) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	lang := readerLang(s, referrer)
	page, err := pages.Find(tx, "intro_email", lang)
	if err != nil {
		return fmt.Errorf("the intro_email page: %w", err)
	}
	subject := pages.Line(page.GetString("title"), IntroVars(s, lang, referral, referrer, ""))
	_, err = outbox.QueueEmail(tx, referral.GetString("referee_email"), subject,
		map[string]any{"template": "intro_email", "referral": referral.Id, "cc": copyMe})
	if err != nil || !copyMe {
		return err
	}
	_, err = outbox.QueueEmail(tx, referrer.GetString("email"), IntroCopySubject(locale.For(lang), subject),
		map[string]any{"template": IntroCopyTemplate, "referral": referral.Id})
	return err
}

// IntroVars are the introduction email's variables, for a reader of lang.
func IntroVars(s program.Settings, lang string, referral, referrer *core.Record, link string) pages.Vars {
	return pages.Vars{
		People: map[string]string{
			"referee_first_name":  pages.FirstName(referral.GetString("referee_name")),
			"referee_name":        referral.GetString("referee_name"),
			"referrer_name":       referrer.GetString("name"),
			"referrer_first_name": pages.FirstName(referrer.GetString("name")),
			"referrer_company":    referrer.GetString("company"),
			"message":             referral.GetString("message"),
			"company_name":        s.CompanyName,
			"sender_name":         s.SenderName,
			"what_we_do":          pages.WhatWeDo(locale.For(lang), s.WhatWeDo),
		},
		System: map[string]string{"link": link},
	}
}

// QueueNote queues one of the pipeline's emails, by its page's slug.
func QueueNote(tx core.App, s program.Settings, slug, to string, referral *core.Record) error {
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	lang := noteLang(s, slug, referrer)
	page, err := pages.Find(tx, slug, lang)
	if err != nil {
		return err
	}
	subject := pages.Line(page.GetString("title"), NoteVars(tx, s, lang, referral, referrer))
	_, err = outbox.QueueEmail(tx, to, subject, map[string]any{"template": slug, "referral": referral.Id})
	return err
}

// NoteVars are the variables of the pipeline's emails, for a reader of
// lang: what the referral left empty reads "not given" in their language.
func NoteVars(app core.App, s program.Settings, lang string, referral, referrer *core.Record) pages.Vars {
	suffix := ""
	if c := referral.GetString("referee_company"); c != "" {
		suffix = " (" + c + ")"
	}
	notGiven := locale.For(lang).T("email.not_given")
	orNone := func(v string) string {
		if strings.TrimSpace(v) == "" {
			return notGiven
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

// adminLink opens the referral's own page in the dashboard: the team signs
// in there, not in PocketBase's admin UI.
func adminLink(app core.App, referral *core.Record) string {
	return program.BaseURL(app) + "/dashboard/referrals/" + url.PathEscape(referral.Id)
}

// noteLang is the language of a pipeline email: the team's for the notes
// to sales, the referrer's for the rest (a referee reads the language of
// the person who introduced them).
func noteLang(s program.Settings, slug string, referrer *core.Record) string {
	if strings.HasPrefix(slug, "sales_") {
		return teamLang
	}
	return readerLang(s, referrer)
}
