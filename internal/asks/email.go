package asks

import (
	"fmt"
	"html"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// ComposeEmail builds the message an outbox email row carries, by the
// template its payload names.
func ComposeEmail(app core.App, row *core.Record) (*mailer.Message, error) {
	var payload struct {
		Template string `json:"template"`
		Ask      string `json:"ask"`
	}
	if err := row.UnmarshalJSONField("payload", &payload); err != nil {
		return nil, fmt.Errorf("outbox row %s: unreadable payload: %w", row.Id, err)
	}
	switch payload.Template {
	case "ask_email":
		return composeAsk(app, payload.Ask)
	default:
		return nil, fmt.Errorf("outbox row %s: no email template %q", row.Id, payload.Template)
	}
}

// composeAsk renders the ask email: the ask_email page with the customer's
// variables, exactly one call to action (the ask's link), an unsubscribe
// link, and the RFC 8058 one-click unsubscribe headers.
func composeAsk(app core.App, askID string) (*mailer.Message, error) {
	ask, err := app.FindRecordById("asks", askID)
	if err != nil {
		return nil, fmt.Errorf("ask %s: %w", askID, err)
	}
	customer, err := app.FindRecordById("customers", ask.GetString("customer"))
	if err != nil {
		return nil, fmt.Errorf("ask %s: customer: %w", askID, err)
	}
	copy, err := copyOf(app, ask.GetString("variant"))
	if err != nil {
		return nil, fmt.Errorf("ask %s: its copy: %w", askID, err)
	}
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	incentive := ""
	if inc, err := app.FindRecordById("incentives", ask.GetString("incentive")); err == nil {
		incentive = inc.GetString("name")
	}
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	link := base + "/r/" + ask.GetString("token")
	unsubscribe := base + "/u/" + ask.GetString("token")
	vars := pages.Vars{
		People: map[string]string{
			"first_name":   pages.FirstName(customer.GetString("name")),
			"company":      customer.GetString("company"),
			"incentive":    incentive,
			"company_name": s.CompanyName,
			"sender_name":  s.SenderName,
		},
		System: map[string]string{"link": link},
	}
	body, err := pages.HTML(copy.Body, vars)
	if err != nil {
		return nil, err
	}
	footer := "You are receiving this because you are a customer of " + s.CompanyName + "."
	return &mailer.Message{
		From:    mail.Address{Name: s.SenderName, Address: s.SenderAddress},
		To:      []mail.Address{{Name: customer.GetString("name"), Address: customer.GetString("email")}},
		Subject: pages.Line(copy.Subject, vars),
		HTML: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:36rem">` +
			body + `<hr style="border:0;border-top:1px solid #e6dfd6"><p style="font-size:13px;color:#57606a">` +
			html.EscapeString(footer) + ` <a href="` + html.EscapeString(unsubscribe) + `" style="color:#57606a">Unsubscribe from these emails</a>.</p></body></html>`,
		Text: pages.Text(copy.Body, vars) + "\n--\n" + footer + "\nUnsubscribe from these emails: " + unsubscribe + "\n",
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + unsubscribe + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
	}, nil
}
