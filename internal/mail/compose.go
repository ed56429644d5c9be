// Package mail writes every email Warmloop sends: the ask, the introduction
// and the referrer's copy of it, the share link's confirmation, the booking
// confirmation, the pipeline's notes, the reward notices and the owners'
// weekly summary. Each is queued in the
// outbox, in the transaction of the change that causes it, as a row whose
// payload names its template and the record it is about (Queue*); the
// outbox worker has it composed when it sends it (ComposeBatch), from the
// page's markdown, the record and the settings, in one envelope.
package mail

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// payload is what an email row records about its message.
type payload struct {
	Template string `json:"template"`
	Ask      string `json:"ask"`
	Referral string `json:"referral"`
	Reward   string `json:"reward"`
	// Summary holds the weekly summary's values, written when it was queued.
	Summary map[string]string `json:"summary"`
	Team    string            `json:"team"`
	Inviter string            `json:"inviter"`
}

// Finder finds a record by collection and id: app.FindRecordById, or a
// lookup over records a batch loaded together.
type Finder func(collection, id string) (*core.Record, error)

// Compose builds the message for one outbox email row.
func Compose(app core.App, row *core.Record) (*mailer.Message, error) {
	find := func(collection, id string) (*core.Record, error) { return app.FindRecordById(collection, id) }
	return compose(app, find, row)
}

// ComposeBatch builds the messages for a batch of rows, in order; a row that
// cannot be composed gets its error. The records the messages are about are
// read together, a query per collection, not one by one. It is the outbox
// worker's composer.
func ComposeBatch(app core.App, rows []*core.Record) ([]*mailer.Message, []error) {
	payloads := make([]payload, len(rows))
	ids := map[string][]string{}
	for i, row := range rows {
		_ = row.UnmarshalJSONField("payload", &payloads[i])
		ids["asks"] = appendID(ids["asks"], payloads[i].Ask)
		ids["referrals"] = appendID(ids["referrals"], payloads[i].Referral)
	}
	known := map[string]*core.Record{}
	load := func(collection string, ids []string) {
		if len(ids) == 0 {
			return
		}
		recs, err := app.FindRecordsByIds(collection, ids)
		if err != nil {
			return // each row then finds its own, and reports its own error
		}
		for _, r := range recs {
			known[collection+"/"+r.Id] = r
		}
	}
	load("asks", ids["asks"])
	load("referrals", ids["referrals"])
	var people []string
	for _, r := range known {
		people = appendID(people, r.GetString("customer"))
		people = appendID(people, r.GetString("referrer"))
	}
	load("customers", people)

	find := func(collection, id string) (*core.Record, error) {
		if r, ok := known[collection+"/"+id]; ok {
			return r, nil
		}
		r, err := app.FindRecordById(collection, id)
		if err == nil {
			known[collection+"/"+id] = r
		}
		return r, err
	}
	msgs := make([]*mailer.Message, len(rows))
	errs := make([]error, len(rows))
	for i, row := range rows {
		msgs[i], errs[i] = compose(app, find, row)
	}
	return msgs, errs
}

// compose builds one row's message by the template its payload names.
func compose(app core.App, find Finder, row *core.Record) (*mailer.Message, error) {
	var p payload
	if err := row.UnmarshalJSONField("payload", &p); err != nil {
		return nil, fmt.Errorf("outbox row %s: unreadable payload: %w", row.Id, err)
	}
	switch p.Template {
	case "ask_email":
		return ComposeAsk(app, find, p.Ask)
	case "intro_email":
		return ComposeIntro(app, find, p.Referral)
	case IntroCopyTemplate:
		return ComposeIntroCopy(app, find, p.Referral)
	case ShareConfirmTemplate:
		return ComposeShareConfirmation(app, find, p.Referral, row.GetString("to"))
	case BookingTemplate:
		return ComposeBookingConfirmation(app, find, p.Referral, row.GetString("to"))
	case SummaryTemplate:
		return ComposeSummary(app, row.GetString("to"), p.Summary)
	case TeamInviteTemplate:
		return ComposeTeamInvite(app, p.Team, p.Inviter)
	}
	switch {
	case Notes[p.Template]:
		return ComposeNote(app, find, p.Template, p.Referral)
	case Notices[p.Template]:
		return ComposeNotice(app, find, p.Template, p.Reward)
	default:
		return nil, fmt.Errorf("outbox row %s: no email template %q", row.Id, p.Template)
	}
}

// appendID adds a non-empty id to a list.
func appendID(ids []string, id string) []string {
	if id == "" {
		return ids
	}
	return append(ids, id)
}
