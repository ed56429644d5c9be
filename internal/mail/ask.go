package mail

import (
	"database/sql"
	"errors"
	"fmt"
	"net/mail"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
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
// The unsubscribe link carries the ask's own unsubscribe key, never its
// token: whoever is forwarded the email's landing link cannot unsubscribe
// the customer with it, nor send introductions with the unsubscribe link.
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
	lang := readerLang(s, customer)
	sp := locale.For(lang)
	fixed := pages.Vars{People: map[string]string{"company_name": s.CompanyName, "sender_name": s.SenderName}}
	copy, err := pages.Cached(app, "ask:"+ask.GetString("locale")+":"+ask.GetString("variant"), func() (renderedCopy, error) {
		c, err := CopyOf(app, ask.GetString("variant"), ask.GetString("locale"))
		if err != nil {
			return renderedCopy{}, err
		}
		if c.Variant == "ask_email" {
			// No variant: the ask_email page, in the customer's language.
			if c, err = pageCopyIn(app, lang); err != nil {
				return renderedCopy{}, err
			}
		}
		compiled, err := pages.Compile(c.Body, fixed, askPeople, askSystem)
		return renderedCopy{c, compiled, pages.CompileText(c.Body)}, err
	})
	if err != nil {
		return nil, fmt.Errorf("ask %s: its copy: %w", askID, err)
	}
	compiled := copy.compiled
	if ask.GetString("unsubscribe_token") == "" {
		return nil, fmt.Errorf("ask %s has no unsubscribe key", askID)
	}
	base := program.BaseURL(app)
	link := base + "/r/" + ask.GetString("token")
	unsubscribe := base + "/u/" + ask.GetString("unsubscribe_token")
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
	footer, unsubscribeText := pages.AskFooter(sp, s.CompanyName), pages.UnsubscribeText(sp)
	return &mailer.Message{
		From:    sender(s),
		To:      []mail.Address{recipient(mail.Address{Name: customer.GetString("name"), Address: customer.GetString("email")})},
		Subject: pages.Line(copy.Subject, vars),
		HTML:    Envelope(lang, compiled.Fill(values), footer, unsubscribeText, unsubscribe),
		Text:    copy.text.Fill(vars.Flat()) + "\n--\n" + footer + "\n" + unsubscribeText + ": " + unsubscribe + "\n",
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + unsubscribe + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
	}, nil
}

// renderedCopy is an ask's copy with its body rendered once.
type renderedCopy struct {
	Copy
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

// Copy is the subject and markdown body of an ask email, and the name of
// the variant it came from (or "ask_email", the page).
type Copy struct {
	Variant, Subject, Body string
	// Locale is the language the copy is written in, which the ask records.
	Locale string
}

// CopyOf is the copy an ask was given: its variant in the ask's locale if
// that still exists, else the ask_email page in that locale (or English).
func CopyOf(app core.App, variant, loc string) (Copy, error) {
	if loc == "" {
		loc = locale.English
	}
	v, err := findIn(app, "variants", "name", variant, loc)
	if err == nil {
		return Copy{Variant: variant, Locale: loc, Subject: v.GetString("subject"), Body: v.GetString("body")}, nil
	}
	return PageCopy(app, loc)
}

// PageCopy is the ask_email page as an ask's copy, for when no variant
// applies: in the first of the locales tried that has one, else English.
func PageCopy(app core.App, tried ...string) (Copy, error) {
	for _, loc := range append(tried, locale.English) {
		c, err := PageIn(app, loc)
		if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	return Copy{}, fmt.Errorf("the ask_email page: %w", sql.ErrNoRows)
}

// PageIn is the ask_email page written in loc as an ask's copy;
// sql.ErrNoRows when there is none in that locale.
func PageIn(app core.App, loc string) (Copy, error) {
	page, err := findIn(app, "pages", "slug", "ask_email", loc)
	if err != nil {
		return Copy{}, err
	}
	return Copy{Variant: "ask_email", Locale: loc, Subject: page.GetString("title"), Body: page.GetString("body")}, nil
}

// findIn finds the record of collection whose key is value, written in loc.
func findIn(app core.App, collection, key, value, loc string) (*core.Record, error) {
	r := &core.Record{}
	err := app.RecordQuery(collection).AndWhere(dbx.HashExp{key: value}).AndWhere(locale.WrittenIn(loc)).Limit(1).One(r)
	return r, err
}

// pageCopyIn is the ask_email page in a language (pages.Find's fallback)
// as an ask's copy.
func pageCopyIn(app core.App, lang string) (Copy, error) {
	page, err := pages.Find(app, "ask_email", lang)
	if err != nil {
		return Copy{}, err
	}
	return Copy{Variant: "ask_email", Subject: page.GetString("title"), Body: page.GetString("body")}, nil
}

// QueueAsk puts an ask's email in the outbox, in the transaction that writes
// the ask; it is composed when it is sent.
func QueueAsk(tx core.App, s program.Settings, customer *core.Record, askID string, c Copy) error {
	_, err := outbox.QueueEmail(tx, customer.GetString("email"), askSubject(s, customer, c), askPayload(askID))
	return err
}

// AskEmail is the outbox row QueueAsk would write, unsaved, for a writer
// that inserts the emails of many asks at once (the cadence pass).
func AskEmail(tx core.App, s program.Settings, customer *core.Record, askID string, c Copy) (*core.Record, error) {
	return outbox.NewEmail(tx, customer.GetString("email"), askSubject(s, customer, c), askPayload(askID))
}

// askSubject is an ask email's subject as the outbox lists it.
func askSubject(s program.Settings, customer *core.Record, c Copy) string {
	return pages.Line(c.Subject, subjectVars(s, customer))
}

// askPayload is what the ask email's composer reads from its outbox row.
func askPayload(askID string) map[string]any {
	return map[string]any{"template": "ask_email", "ask": askID}
}

// subjectVars are the variables an ask's subject line may use.
func subjectVars(s program.Settings, customer *core.Record) pages.Vars {
	return pages.Vars{People: map[string]string{
		"first_name":   pages.FirstName(customer.GetString("name")),
		"company":      customer.GetString("company"),
		"company_name": s.CompanyName,
		"sender_name":  s.SenderName,
	}}
}
