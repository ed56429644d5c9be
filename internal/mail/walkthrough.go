package mail

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// A test walk-through's emails are the real ones, written by the real
// composers (ComposeAsk, ComposeIntro, ComposeBookingConfirmation) from the
// program's own copy and settings, about records that exist only in memory
// and are never saved. Every one goes to the administrator's own address,
// and every link it carries is pointed at the test flow instead of a page
// that would look for those records.

// WalkPeople are the made-up customer who is asked and the colleague they
// introduce, in a test walk-through; Address, the administrator's, is both
// of theirs, so every email reaches the administrator.
type WalkPeople struct {
	Address                       string
	ReferrerName, ReferrerCompany string
	RefereeName, RefereeCompany   string
	Message                       string
}

// WalkLinks are where a test walk-through's links go instead of the
// ask's page (/r/), its unsubscribe page (/u/) and the referee's page (/i/).
type WalkLinks struct {
	Landing, Unsubscribe, Referee string
}

// walkKey stands for the token of the ask and the code of the referral that
// do not exist; the links built on it are replaced.
const walkKey = "warmloop-test-walk-through"

// walkLink is a link a composer built on walkKey: the base address (any, as
// each composer chooses it) and the page's one-letter path.
var walkLink = regexp.MustCompile(`(?:https?://[^\s"'<>()/]+)?/([riu])/` + walkKey)

// ComposeTestAsk is the ask email a customer would get now, with the copy
// variant and incentive given (as a first ask draws them), for the made-up
// customer at the administrator's address.
func ComposeTestAsk(app core.App, p WalkPeople, variant, incentive string, l WalkLinks) (*mailer.Message, error) {
	find, err := p.records(app, variant, incentive)
	if err != nil {
		return nil, err
	}
	msg, err := ComposeAsk(app, find, walkKey)
	if err != nil {
		return nil, err
	}
	return msg, relink(msg, l)
}

// ComposeTestIntro is the introduction the referee would get after the
// made-up customer sent the landing page's form, at the administrator's
// address; the customer is not copied, being the administrator too.
func ComposeTestIntro(app core.App, p WalkPeople, l WalkLinks) (*mailer.Message, error) {
	find, err := p.records(app, "", "")
	if err != nil {
		return nil, err
	}
	msg, err := ComposeIntro(app, find, walkKey)
	if err != nil {
		return nil, err
	}
	return msg, relink(msg, l)
}

// ComposeTestBookingConfirmation is the email that confirms the referee's
// meeting request, at the administrator's address. Like the real one it
// needs a sales inbox for its replies.
func ComposeTestBookingConfirmation(app core.App, p WalkPeople, l WalkLinks) (*mailer.Message, error) {
	find, err := p.records(app, "", "")
	if err != nil {
		return nil, err
	}
	msg, err := ComposeBookingConfirmation(app, find, walkKey, p.Address)
	if err != nil {
		return nil, err
	}
	return msg, relink(msg, l)
}

// records makes the walk-through's customer, ask and referral in memory and
// returns a Finder that knows them before the database.
func (p WalkPeople) records(app core.App, variant, incentive string) (Finder, error) {
	fields := map[string]map[string]any{
		"customers": {"name": p.ReferrerName, "email": p.Address, "company": p.ReferrerCompany},
		"asks":      {"customer": walkKey, "touch": 1, "token": walkKey, "unsubscribe_token": walkKey, "variant": variant, "incentive": incentive, "status": "sent"},
		"referrals": {"referrer": walkKey, "ask": walkKey, "code": walkKey, "status": "invited", "referee_name": p.RefereeName,
			"referee_email": p.Address, "referee_company": p.RefereeCompany, "message": p.Message},
	}
	known := map[string]*core.Record{}
	for coll, values := range fields {
		c, err := app.FindCachedCollectionByNameOrId(coll)
		if err != nil {
			return nil, err
		}
		r := core.NewRecord(c)
		r.Id = walkKey
		for k, v := range values {
			r.Set(k, v)
		}
		known[coll] = r
	}
	return func(collection, id string) (*core.Record, error) {
		if r, ok := known[collection]; ok && id == walkKey {
			return r, nil
		}
		return app.FindRecordById(collection, id)
	}, nil
}

// relink points every link a composer built on walkKey at the test flow,
// in the bodies and the headers, and fails if one is left: a link to a
// page that does not exist must not reach an inbox.
func relink(msg *mailer.Message, l WalkLinks) error {
	to := map[string]string{"r": l.Landing, "u": l.Unsubscribe, "i": l.Referee}
	missing := ""
	replace := func(s string, escape bool) string {
		return walkLink.ReplaceAllStringFunc(s, func(m string) string {
			page := walkLink.FindStringSubmatch(m)[1]
			u := to[page]
			if u == "" {
				missing = "/" + page + "/"
			}
			if escape {
				return html.EscapeString(u)
			}
			return u
		})
	}
	msg.HTML, msg.Text = replace(msg.HTML, true), replace(msg.Text, false)
	for k, v := range msg.Headers {
		msg.Headers[k] = replace(v, false)
	}
	if missing != "" {
		return fmt.Errorf("the test email %q has a %s link and no test page to point it at", msg.Subject, missing)
	}
	for _, part := range append([]string{msg.HTML, msg.Text}, headerValues(msg)...) {
		if strings.Contains(part, walkKey) {
			return fmt.Errorf("the test email %q still links to a page of its made-up records", msg.Subject)
		}
	}
	return nil
}

// headerValues lists a message's header values.
func headerValues(msg *mailer.Message) []string {
	var out []string
	for _, v := range msg.Headers {
		out = append(out, v)
	}
	return out
}
