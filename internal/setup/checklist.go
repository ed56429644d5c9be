// Package setup says how far an install is from its first real ask: the
// checklist the dashboard's overview leads with, each step read from the
// program's own state, and the test walk-through, which sends an
// administrator an ask as a customer gets it and lets them follow it to the
// referee's booking in their own inbox without writing a record.
package setup

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/pages"
	"warmloop/internal/program"
)

// Step is one thing to do before the program asks real customers: done or
// not as the data stands, never because someone clicked it.
type Step struct {
	Key    string // a stable name: sender, app_url, smtp, copy, customers, nps
	Label  string // what to do, in a few words
	Detail string // what stands now, or what is still missing
	Link   string // the dashboard screen where it is done
	Done   bool
	// Why names the case Detail describes ("done", or the step's own:
	// placeholder, guessed, local, no_host, untested, shipped, none), and
	// Facts and Missing hold what it names, so that a reader in another
	// language is told the same thing in their words.
	Why string
	// Facts are the values Detail quotes, by name: Sender, Address, URL, Host.
	Facts map[string]string
	// Missing lists what is left, in Detail's order: company_name,
	// sender_name, sender_address for the sender; the pages' slugs for the copy.
	Missing []string
}

// The sender a fresh install is given (migration 1764000001): placeholders
// no customer should ever read.
const (
	shippedCompany = "Acme"
	shippedSender  = "The Acme team"
	shippedAddress = "referrals@example.com"
)

// ReviewedPages are the pages a prospect reads first; while either still
// holds the copy Warmloop shipped, it speaks for a company that is not yours.
var ReviewedPages = []string{"landing", "referee"}

// Checklist reads each step of the setup from the program as it stands.
func Checklist(app core.App) ([]Step, error) {
	s, err := program.Load(app)
	if err != nil {
		return nil, err
	}
	copySteps, err := copyStep(app)
	if err != nil {
		return nil, err
	}
	customers, err := existsWhere(app, "customers", nil)
	if err != nil {
		return nil, fmt.Errorf("looking for a customer: %w", err)
	}
	nps, err := npsConnected(app)
	if err != nil {
		return nil, fmt.Errorf("looking for a moment from an NPS tool: %w", err)
	}
	return []Step{
		senderStep(s),
		appURLStep(app, s),
		smtpStep(s),
		copySteps,
		{Key: "customers", Label: "Import your customers", Link: "/dashboard/customers/import", Done: customers, Why: doneOr(customers, "done", "none"),
			Detail: doneOr(customers, "Customers are in.", "No customer yet: import a CSV, or add one by hand.")},
		{Key: "nps", Label: "Connect your NPS tool", Link: "/dashboard/settings#webhooks", Done: nps, Why: doneOr(nps, "done", "none"),
			Detail: doneOr(nps, "Answers arrive from your NPS tool.",
				"Paste its webhook address into your NPS tool; this ticks when the first answer arrives (by webhook or the REST API).")},
	}, nil
}

// Complete reports whether every step is done.
func Complete(steps []Step) bool {
	for _, s := range steps {
		if !s.Done {
			return false
		}
	}
	return true
}

// senderStep: the company and the sender are the company's own, not the
// placeholders a fresh install starts with.
func senderStep(s program.Settings) Step {
	var left, missing []string
	if s.CompanyName == "" || s.CompanyName == shippedCompany {
		left, missing = append(left, "the company name"), append(missing, "company_name")
	}
	if s.SenderName == "" || s.SenderName == shippedSender {
		left, missing = append(left, "the sender's name"), append(missing, "sender_name")
	}
	if s.SenderAddress == "" || strings.EqualFold(s.SenderAddress, shippedAddress) {
		left, missing = append(left, "the sender's address"), append(missing, "sender_address")
	}
	st := Step{Key: "sender", Label: "Name your company and the sender", Link: "/dashboard/settings#company_name", Done: len(left) == 0,
		Facts: map[string]string{"Sender": s.SenderName, "Address": s.SenderAddress}, Missing: missing}
	st.Why = doneOr(st.Done, "done", "placeholder")
	st.Detail = doneOr(st.Done, "Emails come from "+s.SenderName+" <"+s.SenderAddress+">.",
		"Still the placeholder: "+strings.Join(left, ", ")+".")
	return st
}

// appURLStep: links point at an address customers can open.
func appURLStep(app core.App, s program.Settings) Step {
	st := Step{Key: "app_url", Label: "Set the Application URL", Link: "/dashboard/settings#app_url", Done: !program.NeedsAppURL(s)}
	switch {
	case st.Done:
		st.Why, st.Facts = "done", map[string]string{"URL": s.AppURL}
		st.Detail = "Links in emails start with " + s.AppURL + "."
	case s.AppURL == "":
		st.Why, st.Facts = "guessed", map[string]string{"URL": program.BaseURL(app)}
		st.Detail = "Links in emails start with " + program.BaseURL(app) + ", guessed from how this server was reached."
	default:
		st.Why, st.Facts = "local", map[string]string{"URL": s.AppURL}
		st.Detail = s.AppURL + " only opens on this server: customers who click a link reach nothing."
	}
	return st
}

// smtpStep: an SMTP server is set and a test email went through it since
// it was last changed.
func smtpStep(s program.Settings) Step {
	st := Step{Key: "smtp", Label: "Send email through your SMTP server", Link: "/dashboard/settings#smtp",
		Done: s.SMTPHost != "" && !s.SMTPTestedAt.IsZero()}
	st.Facts = map[string]string{"Host": s.SMTPHost}
	switch {
	case st.Done:
		st.Why = "done"
		st.Detail = "A test email went through " + s.SMTPHost + "."
	case s.SMTPHost == "":
		st.Why = "no_host"
		st.Detail = "No SMTP server yet: emails wait in the outbox until there is one."
	default:
		st.Why = "untested"
		st.Detail = "Send the test email beside the SMTP fields to prove " + s.SMTPHost + " delivers."
	}
	return st
}

// copyStep: the landing and referee pages say what the company wants said,
// not the shipped copy.
func copyStep(app core.App) (Step, error) {
	st := Step{Key: "copy", Label: "Rewrite the landing and referee pages", Link: "/dashboard/pages"}
	var left []string
	for _, slug := range ReviewedPages {
		reviewed, err := Reviewed(app, slug)
		if err != nil {
			return st, err
		}
		if !reviewed {
			left = append(left, "the "+slug+" page")
			st.Missing = append(st.Missing, slug)
			if len(left) == 1 {
				st.Link = "/dashboard/pages/" + slug
			}
		}
	}
	st.Done = len(left) == 0
	st.Why = doneOr(st.Done, "done", "shipped")
	st.Detail = doneOr(st.Done, "Both are in your words.", "Still the copy Warmloop shipped: "+strings.Join(left, " and ")+".")
	return st, nil
}

// Reviewed reports whether a page no longer holds the copy it shipped
// with. Line ends and the spaces around the text do not count as a change.
func Reviewed(app core.App, slug string) (bool, error) {
	page, err := pages.FindBySlug(app, slug)
	if err != nil {
		return false, fmt.Errorf("reading the %s page: %w", slug, err)
	}
	title, body, ok := pages.Shipped(slug)
	if !ok {
		return true, nil
	}
	return plain(page.GetString("title")) != plain(title) || plain(page.GetString("body")) != plain(body), nil
}

// plain is text as compared for a change: LF line ends, no spaces around.
func plain(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// npsConnected reports whether a moment ever came from an NPS tool: a
// provider's webhook, or the REST API (whose moments say "api").
func npsConnected(app core.App) (bool, error) {
	sources := []any{"api"}
	for _, p := range intake.NPSProviders() {
		sources = append(sources, p)
	}
	return existsWhere(app, "moments", dbx.In("source", sources...))
}

// Started reports whether the program has asked anyone yet: until it has,
// its figures are all zero and the overview has nothing to chart.
func Started(app core.App) (bool, error) {
	return existsWhere(app, "asks", nil)
}

// existsWhere reports whether a collection has a row matching where (any
// row, for nil).
func existsWhere(app core.App, table string, where dbx.Expression) (bool, error) {
	var ids []string
	err := app.DB().Select("id").From(table).Where(where).Limit(1).Column(&ids)
	return len(ids) > 0, err
}

// doneOr picks the detail that fits.
func doneOr(done bool, yes, no string) string {
	if done {
		return yes
	}
	return no
}
