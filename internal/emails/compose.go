// Package emails builds the message an outbox email row carries: the row's
// payload names a template and the record it is about, and the package that
// owns that record composes it.
package emails

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/asks"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
)

// payload is what an email row records about its message.
type payload struct {
	Template string `json:"template"`
	Ask      string `json:"ask"`
	Referral string `json:"referral"`
	Reward   string `json:"reward"`
	CC       bool   `json:"cc"`
}

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
func compose(app core.App, find asks.Finder, row *core.Record) (*mailer.Message, error) {
	var p payload
	if err := row.UnmarshalJSONField("payload", &p); err != nil {
		return nil, fmt.Errorf("outbox row %s: unreadable payload: %w", row.Id, err)
	}
	switch p.Template {
	case "ask_email":
		return asks.ComposeAsk(app, find, p.Ask)
	case "intro_email":
		return referrals.ComposeIntro(app, find, p.Referral, p.CC)
	}
	switch {
	case referrals.Notes[p.Template]:
		return referrals.ComposeNote(app, find, p.Template, p.Referral)
	case rewards.Notices[p.Template]:
		return rewards.ComposeNotice(app, find, p.Template, p.Reward)
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
