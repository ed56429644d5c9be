// Package privacy answers a person's two requests about their data: "show
// me what you hold" (Export) and "forget me" (Erase). A person is an email
// address; everything Warmloop stores about them is found from it: their
// customer record and its moments, asks and rewards, the referrals they made
// and the ones made of them, the history of those referrals and the team's
// notes on them, the emails
// addressed to them or about their records, the webhook bodies that name
// them, and the rejected lines of imports that quote their address.
package privacy

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
)

// Why a person cannot be exported or erased.
var (
	ErrNotEmail = errors.New("that is not an email address")
	ErrUnknown  = errors.New("nothing is stored about that email address")
)

// person is every record that holds something about one person.
type person struct {
	email    string // canonical
	customer *core.Record
	// Their own records, as a customer.
	moments, asks, rewards []*core.Record
	// Referrals they made, referrals made of them, and both's history.
	made, received, history []*core.Record
	// The team's notes on those referrals.
	notes []*core.Record
	// Outbox rows: emails to them or about their records, and webhooks naming them.
	emails, webhooks []*core.Record
	// Import jobs with a kept rejected line that quotes their address.
	imports []*core.Record
}

// find reads everything stored about the person with email.
func find(app core.App, email string) (*person, error) {
	p := &person{email: customers.CanonicalEmail(email)}
	if !customers.ValidEmail(p.email) {
		return nil, fmt.Errorf("%q: %w", email, ErrNotEmail)
	}
	c, err := customers.FindByEmail(app, p.email)
	switch {
	case err == nil:
		p.customer = c
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	for _, step := range []func(core.App) error{p.findOwn, p.findReceived, p.findHistory, p.findEmails, p.findWebhooks, p.findImports} {
		if err := step(app); err != nil {
			return nil, err
		}
	}
	if p.customer == nil && len(p.received) == 0 && len(p.emails) == 0 && len(p.webhooks) == 0 && len(p.imports) == 0 {
		return nil, fmt.Errorf("%s: %w", p.email, ErrUnknown)
	}
	return p, nil
}

// findOwn reads the customer's moments, asks, referrals made and rewards.
func (p *person) findOwn(app core.App) error {
	if p.customer == nil {
		return nil
	}
	var err error
	id := p.customer.Id
	if p.moments, err = records(app, "moments", dbx.HashExp{"customer": id}); err != nil {
		return err
	}
	if p.asks, err = records(app, "asks", dbx.HashExp{"customer": id}); err != nil {
		return err
	}
	if p.made, err = records(app, "referrals", dbx.HashExp{"referrer": id}); err != nil {
		return err
	}
	p.rewards, err = records(app, "rewards", dbx.HashExp{"referrer": id})
	return err
}

// findReceived reads the referrals made of the person: by their address in
// its canonical form, or as the customer a won referral became.
func (p *person) findReceived(app core.App) error {
	byAddress, err := p.addressedTo(app, "referrals", "referee_email", nil)
	if err != nil {
		return err
	}
	p.received = byAddress
	if p.customer == nil {
		return nil
	}
	converted, err := records(app, "referrals", dbx.HashExp{"referee_customer": p.customer.Id})
	p.received = union(p.received, converted)
	return err
}

// findHistory reads the history of every referral found.
func (p *person) findHistory(app core.App) error {
	ids := idsOf(p.made, p.received)
	if len(ids) == 0 {
		return nil
	}
	var err error
	if p.history, err = records(app, "referral_events", dbx.In("referral", anys(ids)...)); err != nil {
		return err
	}
	p.notes, err = records(app, "referral_notes", dbx.In("referral", anys(ids)...))
	return err
}

// sameAddress reports whether a stored address is the person's.
func (p *person) sameAddress(stored string) bool {
	return customers.CanonicalEmail(stored) == p.email
}

// addressedTo reads the records of coll whose column holds the person's
// address, in any of the forms that are the same address. The query narrows
// by domain; the comparison itself is CanonicalEmail's.
func (p *person) addressedTo(app core.App, coll, column string, where dbx.Expression) ([]*core.Record, error) {
	domain := p.email[strings.LastIndexByte(p.email, '@'):]
	like := dbx.NewExp("[["+column+"]]"+` LIKE {:domain} ESCAPE '\'`, dbx.Params{"domain": "%" + escapeLike(domain) + "%"})
	found, err := records(app, coll, dbx.And(like, where))
	return slices.DeleteFunc(found, func(r *core.Record) bool { return !p.sameAddress(r.GetString(column)) }), err
}

// records reads the records of coll that match where, oldest first.
func records(app core.App, coll string, where dbx.Expression) ([]*core.Record, error) {
	var out []*core.Record
	err := app.RecordQuery(coll).AndWhere(where).OrderBy("created ASC", "id ASC").All(&out)
	return out, err
}

// escapeLike makes s match itself in a LIKE pattern escaped with '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// idsOf lists the ids of every record in the lists.
func idsOf(lists ...[]*core.Record) []string {
	var ids []string
	for _, l := range lists {
		for _, r := range l {
			ids = append(ids, r.Id)
		}
	}
	return ids
}

// anys turns strings into query arguments.
func anys(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
