package asks

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// askPeople and askSystem are the ask email's variables that differ per customer; the rest
// (company_name, sender_name) are rendered into the cached copy.
var (
	askPeople = []string{"first_name", "company", "incentive"}
	askSystem = []string{"link"}
)

// ComposeAsk renders the ask email: the ask's copy (its variant, or the
// ask_email page) with the customer's variables, exactly one call to action
// (the ask's link), an unsubscribe link, and the RFC 8058 one-click
// unsubscribe headers. The copy is rendered once and cached until it changes.
func ComposeAsk(app core.App, find Finder, askID string) (*mailer.Message, error) {
	ask, err := find("asks", askID)
	if err != nil {
		return nil, fmt.Errorf("ask %s: %w", askID, err)
	}
	customer, err := find("customers", ask.GetString("customer"))
	if err != nil {
		return nil, fmt.Errorf("ask %s: customer: %w", askID, err)
	}
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	fixed := pages.Vars{People: map[string]string{"company_name": s.CompanyName, "sender_name": s.SenderName}}
	copy, err := pages.Cached(app, "ask:"+ask.GetString("variant"), func() (renderedCopy, error) {
		c, err := copyOf(app, ask.GetString("variant"))
		if err != nil {
			return renderedCopy{}, err
		}
		compiled, err := pages.Compile(c.Body, fixed, askPeople, askSystem)
		return renderedCopy{c, compiled, pages.CompileText(c.Body)}, err
	})
	if err != nil {
		return nil, fmt.Errorf("ask %s: its copy: %w", askID, err)
	}
	compiled := copy.compiled
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	link := base + "/r/" + ask.GetString("token")
	unsubscribe := base + "/u/" + ask.GetString("token")
	values := map[string]string{
		"first_name": pages.FirstName(customer.GetString("name")),
		"company":    customer.GetString("company"),
		"incentive":  incentiveName(find, ask.GetString("incentive")),
		"link":       link,
	}
	vars := pages.Vars{People: fixed.People, System: map[string]string{"link": link}}
	for _, k := range askPeople {
		vars.People[k] = values[k]
	}
	footer := "You are receiving this because you are a customer of " + s.CompanyName + "."
	return &mailer.Message{
		From:    mail.Address{Name: s.SenderName, Address: s.SenderAddress},
		To:      []mail.Address{{Name: customer.GetString("name"), Address: customer.GetString("email")}},
		Subject: pages.Line(copy.Subject, vars),
		HTML:    pages.EmailHTML(compiled.Fill(values), footer, "Unsubscribe from these emails", unsubscribe),
		Text:    copy.text.Fill(vars.Flat()) + "\n--\n" + footer + "\nUnsubscribe from these emails: " + unsubscribe + "\n",
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + unsubscribe + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
	}, nil
}

// Finder finds a record by collection and id: app.FindRecordById, or a
// lookup over records a batch loaded together.
type Finder func(collection, id string) (*core.Record, error)

// renderedCopy is an ask's copy with its body rendered once.
type renderedCopy struct {
	copyFor
	compiled, text *pages.Compiled
}

// incentiveName is the name of the incentive an ask offered, or "".
func incentiveName(find Finder, id string) string {
	if id == "" {
		return ""
	}
	inc, err := find("incentives", id)
	if err != nil {
		return ""
	}
	return inc.GetString("name")
}
