package referrals

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// The introduction email's variables that differ per referral.
var (
	introPeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name", "referrer_company", "message"}
	introSystem = []string{"link"}
)

// ComposeIntro renders the introduction email for a referral: the
// intro_email page, from the company's sender, Reply-To the referrer (a reply
// reaches the person who knows them), the referrer in CC when they asked to
// be, and one link: the referee's personal page /i/{code}.
func ComposeIntro(app core.App, find func(collection, id string) (*core.Record, error), referralID string, copyReferrer bool) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	page, err := pages.Load(app, "intro_email", pages.Vars{People: map[string]string{
		"company_name": s.CompanyName, "sender_name": s.SenderName,
	}}, introPeople, introSystem)
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	link := strings.TrimRight(app.Settings().Meta.AppURL, "/") + "/i/" + referral.GetString("code")
	vars := IntroVars(s, referral, referrer, link)
	values := map[string]string{"link": link}
	for _, k := range introPeople {
		values[k] = vars.People[k]
	}
	from := mail.Address{Name: referrer.GetString("name"), Address: referrer.GetString("email")}
	msg := &mailer.Message{
		From:    mail.Address{Name: s.SenderName, Address: s.SenderAddress},
		To:      []mail.Address{{Name: referral.GetString("referee_name"), Address: referral.GetString("referee_email")}},
		Subject: pages.Line(page.Title, vars),
		HTML: pages.EmailHTML(page.Body.Fill(values),
			referrer.GetString("name")+" asked "+s.CompanyName+" to write to you. We will not add you to any list.", "", ""),
		Text: page.Text.Fill(vars.Flat()) + "\n--\n" + referrer.GetString("name") +
			" asked " + s.CompanyName + " to write to you. We will not add you to any list.\n",
		Headers: map[string]string{"Reply-To": from.String()},
	}
	if copyReferrer {
		msg.Cc = []mail.Address{from}
	}
	return msg, nil
}

// Notes are the pipeline's emails, by their page's slug: thank-yous go to
// the referrer, notes to the sales inbox.
var Notes = map[string]bool{"thanks_booked": true, "thanks_won": true, "sales_new_referral": true, "sales_booked": true}

// ComposeNote renders one of the pipeline's emails for a referral. A note to
// the sales inbox replies to the referee, so sales can answer at once.
func ComposeNote(app core.App, find func(collection, id string) (*core.Record, error), slug, referralID string) (*mailer.Message, error) {
	referral, referrer, s, err := loadReferral(app, find, referralID)
	if err != nil {
		return nil, err
	}
	vars := NoteVars(app, s, referral, referrer)
	page, err := pages.Load(app, slug, pages.Vars{}, keys(vars.People), keys(vars.System))
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	msg := &mailer.Message{
		From:    mail.Address{Name: s.SenderName, Address: s.SenderAddress},
		Subject: pages.Line(page.Title, vars),
		HTML:    pages.EmailHTML(page.Body.Fill(vars.Flat()), "Sent by "+s.CompanyName+"'s referral program.", "", ""),
		Text:    page.Text.Fill(vars.Flat()) + "\n--\nSent by " + s.CompanyName + "'s referral program.\n",
	}
	if strings.HasPrefix(slug, "sales_") {
		if s.SalesInbox == "" {
			return nil, fmt.Errorf("referral %s: no sales inbox in the settings for %s", referralID, slug)
		}
		msg.To = []mail.Address{{Address: s.SalesInbox}}
		msg.Headers = map[string]string{"Reply-To": (&mail.Address{Name: referral.GetString("referee_name"), Address: referral.GetString("referee_email")}).String()}
	} else {
		msg.To = []mail.Address{{Name: referrer.GetString("name"), Address: referrer.GetString("email")}}
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
func loadReferral(app core.App, find func(collection, id string) (*core.Record, error), id string) (referral, referrer *core.Record, s program.Settings, err error) {
	if referral, err = find("referrals", id); err != nil {
		return nil, nil, s, fmt.Errorf("referral %s: %w", id, err)
	}
	if referrer, err = find("customers", referral.GetString("referrer")); err != nil {
		return nil, nil, s, fmt.Errorf("referral %s: referrer: %w", id, err)
	}
	s, err = program.Load(app)
	return referral, referrer, s, err
}
