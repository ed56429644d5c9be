package referring

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
	referral, err := find("referrals", referralID)
	if err != nil {
		return nil, fmt.Errorf("referral %s: %w", referralID, err)
	}
	referrer, err := find("customers", referral.GetString("referrer"))
	if err != nil {
		return nil, fmt.Errorf("referral %s: referrer: %w", referralID, err)
	}
	s, err := program.Load(app)
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
