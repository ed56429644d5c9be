package privacy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/metrics"
	"warmloop/internal/pages"
	"warmloop/internal/token"
)

// ErasedName is what an erased person is called from then on.
const ErasedName = "Erased"

// ErasedNote is the text of a team's note about an erased person.
const ErasedNote = "(erased)"

// erasedDomain is the domain of an erased record's address: .invalid is
// reserved (RFC 2606), so such an address can never be delivered.
const erasedDomain = "erased.invalid"

// cancelledNote is the last_error of an outbox row withdrawn by an
// erasure; its "cancelled" prefix stops anyone retrying it.
const cancelledNote = "cancelled: the person's data was erased at their request"

// Placeholder is the address an erased record carries in place of the
// person's: unique per record (customers' emails are unique) and never
// deliverable.
func Placeholder(id string) string { return "erased-" + id + "@" + erasedDomain }

// IsErased reports whether an address is one an erasure left.
func IsErased(email string) bool {
	return strings.HasSuffix(customers.CanonicalEmail(email), "@"+erasedDomain)
}

// Erase removes the person with email from every record that holds them,
// in one transaction, and says how many records of each kind it changed.
// Rows are kept with their personal fields blanked, so every figure the
// dashboard counts (asks, referrals, stages, values, rewards) stays the same:
//
//   - customer: name "Erased", email Placeholder, company and title cleared;
//     opted out, off the Wall of Thanks, no ask planned; new share code.
//   - moments: comment and external id (the source tool's key to the
//     person) cleared; kind, score, source, date and decision kept.
//   - asks: a new token, so the links they were sent open nothing.
//   - referrals they made: their message cleared; the referee's own
//     details stay, as they are someone else's.
//   - referrals made of them: name "Erased", email Placeholder, company,
//     message, phone and preferred times cleared; a new code.
//   - rewards: the note cleared.
//   - the team's notes on referrals made of them: the text replaced by
//     "(erased)", as a note on a prospect's deal is about them; notes on
//     referrals they made stay, as they are about someone else's deal.
//   - outbox emails to them or about their records: address, subject and
//     body removed; webhooks naming them: body removed. Anything not yet
//     sent is cancelled for good; the rows stay, to show that something went.
//   - imports: a rejected line that quotes their address keeps its line
//     number and loses its reason; the import's counts stay.
//
// ErrNotEmail and ErrUnknown say why nothing was done.
func Erase(app core.App, email string) (Counts, error) {
	var done Counts
	err := app.RunInTransaction(func(tx core.App) error {
		p, err := find(tx, email)
		if err != nil {
			return err
		}
		done = p.counts()
		return p.erase(tx)
	})
	if err != nil {
		return Counts{}, err
	}
	// Pages rendered with their name and the dashboard's kept figures (top
	// referrers, the latest activity) are made again from what is left.
	pages.Forget(app)
	metrics.Changed(app)
	return done, nil
}

// counts says how many records of each kind were found.
func (p *person) counts() Counts {
	return Counts{
		Customer: p.customer != nil, Moments: len(p.moments), Asks: len(p.asks),
		ReferralsMade: len(p.made), ReferralsReceived: len(p.received),
		Rewards: len(p.rewards), Notes: len(p.notesAboutThem()), Emails: len(p.emails), Webhooks: len(p.webhooks),
		ImportLines: p.importLineCount(),
	}
}

// erase blanks the person out of every record found.
func (p *person) erase(tx core.App) error {
	var changes []change
	if c := p.customer; c != nil {
		changes = append(changes, change{c, true, map[string]any{
			"name": ErasedName, "email": Placeholder(c.Id), "company": "", "title": "",
			"opted_out": true, "wall_opt_in": false, "next_ask_at": "",
		}})
	}
	changes = appendEach(changes, p.moments, false, func(*core.Record) map[string]any {
		return map[string]any{"comment": "", "external_id": ""}
	})
	changes = appendEach(changes, p.asks, true, func(*core.Record) map[string]any { return nil })
	changes = appendEach(changes, p.made, false, func(*core.Record) map[string]any {
		return map[string]any{"message": ""}
	})
	changes = appendEach(changes, p.received, true, func(r *core.Record) map[string]any {
		return map[string]any{"referee_name": ErasedName, "referee_email": Placeholder(r.Id),
			"referee_company": "", "message": "", "phone": "", "preferred_times": ""}
	})
	changes = appendEach(changes, p.rewards, false, func(*core.Record) map[string]any {
		return map[string]any{"note": ""}
	})
	changes = appendEach(changes, p.notesAboutThem(), false, func(*core.Record) map[string]any {
		return map[string]any{"body": ErasedNote}
	})
	for _, r := range p.emails {
		// Its address goes too, whoever it was: an email about their
		// records may have gone to an address of theirs no longer on file.
		fields := map[string]any{"to": Placeholder(r.Id), "subject": "(erased)", "payload": nil}
		changes = append(changes, change{r, false, withdrawn(r, fields)})
	}
	for _, r := range p.webhooks {
		changes = append(changes, change{r, false, withdrawn(r, map[string]any{"payload": nil})})
	}
	changes = append(changes, p.importChanges()...)
	for _, c := range changes {
		if err := c.save(tx); err != nil {
			return err
		}
	}
	return nil
}

// notesAboutThem is the team's notes on the referrals made of the person.
func (p *person) notesAboutThem() []*core.Record {
	received := idsOf(p.received)
	var about []*core.Record
	for _, r := range p.notes {
		if slices.Contains(received, r.GetString("referral")) {
			about = append(about, r)
		}
	}
	return about
}

// change is one record to save with some fields replaced and, when rekey
// is set, a new key in every field that holds a link's key.
type change struct {
	record *core.Record
	rekey  bool
	fields map[string]any
}

// appendEach adds a change for every record of rs, with the fields
// fieldsOf gives it.
func appendEach(changes []change, rs []*core.Record, rekey bool, fieldsOf func(*core.Record) map[string]any) []change {
	for _, r := range rs {
		changes = append(changes, change{r, rekey, fieldsOf(r)})
	}
	return changes
}

// withdrawn adds to fields what stops an outbox row for good: a row not
// yet sent is cancelled; a sent row keeps its status and loses its error.
func withdrawn(r *core.Record, fields map[string]any) map[string]any {
	if r.GetString("status") == "sent" {
		fields["last_error"] = ""
		return fields
	}
	fields["status"] = "failed"
	fields["last_error"] = cancelledNote
	return fields
}

// save writes the change through the app, so the record's rules and hooks
// apply as for any other save.
func (c change) save(tx core.App) error {
	for k, v := range c.fields {
		c.record.Set(k, v)
	}
	if c.rekey {
		for _, name := range keyFields(c.record.Collection()) {
			c.record.Set(name, token.New())
		}
	}
	if err := tx.Save(c.record); err != nil {
		return fmt.Errorf("erasing %s %s: %w", c.record.Collection().Name, c.record.Id, err)
	}
	return nil
}
