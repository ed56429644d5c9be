package mail

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// SummaryTemplate is the weekly summary email, as its outbox rows name it.
const SummaryTemplate = "weekly_summary"

// summaryLinks are the weekly summary's variables that are links.
var summaryLinks = []string{"link", "rewards_link"}

// QueueSummary puts the weekly summary email to one owner in the outbox.
// The figures are written into the row now, as the page's variables, so
// the email sent on a retry says what the first attempt said.
func QueueSummary(tx core.App, to string, values map[string]string) error {
	page, err := pages.Find(tx, SummaryTemplate, teamLang)
	if err != nil {
		return fmt.Errorf("the %s page: %w", SummaryTemplate, err)
	}
	_, err = outbox.QueueEmail(tx, to, pages.Line(page.GetString("title"), summaryVars(values)),
		map[string]any{"template": SummaryTemplate, "summary": values})
	return err
}

// ComposeSummary renders the weekly summary email from the values its row
// carries, to the one owner the row is addressed to.
func ComposeSummary(app core.App, to string, values map[string]string) (*mailer.Message, error) {
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	vars := summaryVars(values)
	page, err := pages.Load(app, SummaryTemplate, teamLang, pages.Vars{}, keys(vars.People), summaryLinks)
	if err != nil {
		return nil, err
	}
	footer := pages.SummaryFooter(locale.For(teamLang), values["company_name"])
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{{Address: to}},
		Subject: pages.Line(page.Title, vars),
		HTML:    Envelope(teamLang, page.Body.Fill(vars.Flat()), footer, "", ""),
		Text:    strings.TrimSpace(page.Text.Fill(vars.Flat())) + "\n--\n" + footer + "\n",
	}, nil
}

// summaryVars splits the summary's values into words and links.
func summaryVars(values map[string]string) pages.Vars {
	v := pages.Vars{People: map[string]string{}, System: map[string]string{}}
	for k, val := range values {
		v.People[k] = val
	}
	for _, k := range summaryLinks {
		v.System[k] = values[k]
		delete(v.People, k)
	}
	return v
}
