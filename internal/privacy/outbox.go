package privacy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// webhookPage is how many webhook rows are read at a time while looking
// for the person in their bodies.
const webhookPage = 500

// findEmails reads the outbox's emails addressed to the person, and those
// about their records: an email row names the ask, referral or reward it
// carries in its payload (the ask also in its own column).
func (p *person) findEmails(app core.App) error {
	isEmail := dbx.HashExp{"kind": "email"}
	to, err := p.addressedTo(app, "outbox", "to", isEmail)
	if err != nil {
		return err
	}
	about := dbx.Or(
		inColumn("ask", idsOf(p.asks)),
		inPayload("referral", idsOf(p.made, p.received)),
		inPayload("reward", idsOf(p.rewards)),
	)
	var carried []*core.Record
	if len(p.asks)+len(p.made)+len(p.received)+len(p.rewards) > 0 {
		if carried, err = records(app, "outbox", dbx.And(isEmail, about)); err != nil {
			return err
		}
	}
	p.emails = union(to, carried)
	return nil
}

// findWebhooks reads the webhook rows whose stored body names the person:
// one of their addresses or the id of one of their records. Bodies are JSON
// inside JSON, so they are searched as text, a page at a time; sent rows
// past the retention have no body left to search.
func (p *person) findWebhooks(app core.App) error {
	terms := p.mentions()
	hasBody := dbx.NewExp("kind = 'webhook' AND payload IS NOT NULL AND payload != 'null'")
	for offset := 0; ; offset += webhookPage {
		var rows []*core.Record
		err := app.RecordQuery("outbox").AndWhere(hasBody).OrderBy("rowid ASC").
			Limit(webhookPage).Offset(int64(offset)).All(&rows)
		if err != nil {
			return err
		}
		for _, r := range rows {
			body := strings.ToLower(r.GetString("payload"))
			if slices.ContainsFunc(terms, func(t string) bool { return strings.Contains(body, t) }) {
				p.webhooks = append(p.webhooks, r)
			}
		}
		if len(rows) < webhookPage {
			return nil
		}
	}
}

// mentions are the strings that name the person in a stored body, lower
// case: every form of their address on record and the ids of their records.
func (p *person) mentions() []string {
	terms := []string{p.email}
	add := func(s string) {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" && !slices.Contains(terms, s) {
			terms = append(terms, s)
		}
	}
	if p.customer != nil {
		add(p.customer.GetString("email"))
		add(p.customer.Id)
	}
	for _, r := range p.received {
		add(r.GetString("referee_email"))
	}
	for _, id := range idsOf(p.moments, p.asks, p.made, p.received, p.rewards) {
		add(id)
	}
	return terms
}

// inColumn matches rows whose column holds one of ids; nil for none.
func inColumn(column string, ids []string) dbx.Expression {
	if len(ids) == 0 {
		return nil
	}
	return dbx.In(column, anys(ids)...)
}

// inPayload matches rows whose payload names one of ids under key; nil for none.
func inPayload(key string, ids []string) dbx.Expression {
	if len(ids) == 0 {
		return nil
	}
	params := dbx.Params{}
	names := make([]string, len(ids))
	for i, id := range ids {
		name := fmt.Sprintf("%s%d", key, i)
		params[name] = id
		names[i] = "{:" + name + "}"
	}
	return dbx.NewExp("json_extract(payload, '$."+key+"') IN ("+strings.Join(names, ", ")+")", params)
}

// union joins two lists of records, each record once, in the first's order
// and then the second's.
func union(a, b []*core.Record) []*core.Record {
	out := slices.Clone(a)
	for _, r := range b {
		if !slices.ContainsFunc(out, func(x *core.Record) bool { return x.Id == r.Id }) {
			out = append(out, r)
		}
	}
	return out
}
