package privacy

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Export is everything Warmloop stores about one person, as it is stored.
// Links that act for someone (ask tokens, referral and share codes) are
// left out: they are keys, not facts about the person, and a copy of this
// document must not open their pages.
type Export struct {
	Email      string    `json:"email"`
	ExportedAt time.Time `json:"exported_at"`
	// Customer is their customer record; null when they are not a customer.
	Customer          map[string]any   `json:"customer"`
	Moments           []map[string]any `json:"moments"`
	Asks              []map[string]any `json:"asks"`
	ReferralsMade     []map[string]any `json:"referrals_made"`
	ReferralsReceived []map[string]any `json:"referrals_received"`
	ReferralHistory   []map[string]any `json:"referral_history"`
	Rewards           []map[string]any `json:"rewards"`
	// ReferralNotes are the team's notes on their referrals, made or received.
	ReferralNotes []map[string]any `json:"referral_notes"`
	// Emails are outbox emails to them or about their records.
	Emails []map[string]any `json:"emails"`
	// Webhooks are outgoing webhooks whose body names them, body included.
	Webhooks []map[string]any `json:"webhooks"`
	// ImportLines are rejected lines of dashboard imports that quote their
	// address, each with its import.
	ImportLines []map[string]any `json:"import_lines"`
}

// Counts says how many records of each kind an export holds, or an
// erasure changed.
type Counts struct {
	Customer                                     bool
	Moments, Asks, ReferralsMade                 int
	ReferralsReceived, Rewards, Emails, Webhooks int
	// Notes counts the team's notes on their referrals.
	Notes int
	// ImportLines counts rejected lines of imports.
	ImportLines int
}

// ExportOf reads everything stored about the person with email: ErrNotEmail
// for something that is not an address, ErrUnknown when nothing is stored.
func ExportOf(app core.App, email string) (Export, error) {
	p, err := find(app, email)
	if err != nil {
		return Export{}, err
	}
	x := Export{
		Email: p.email, ExportedAt: time.Now().UTC(),
		Moments: plainAll(p.moments), Asks: plainAll(p.asks),
		ReferralsMade: plainAll(p.made), ReferralsReceived: plainAll(p.received),
		ReferralHistory: plainAll(p.history), Rewards: plainAll(p.rewards),
		ReferralNotes: plainAll(p.notes),
		Emails:        plainAll(p.emails), Webhooks: make([]map[string]any, len(p.webhooks)),
		ImportLines: p.importsOf(),
	}
	if p.customer != nil {
		x.Customer = plain(p.customer)
	}
	for i, r := range p.webhooks {
		x.Webhooks[i] = webhookOf(r)
	}
	return x, nil
}

// Counts says how many records of each kind the export holds.
func (x Export) Counts() Counts {
	return Counts{
		Customer: x.Customer != nil, Moments: len(x.Moments), Asks: len(x.Asks),
		ReferralsMade: len(x.ReferralsMade), ReferralsReceived: len(x.ReferralsReceived),
		Rewards: len(x.Rewards), Notes: len(x.ReferralNotes), Emails: len(x.Emails), Webhooks: len(x.Webhooks),
		ImportLines: len(x.ImportLines),
	}
}

// JSON is the export as one indented JSON document.
func (x Export) JSON() ([]byte, error) {
	return json.MarshalIndent(x, "", "  ")
}

// plain is a record's fields as stored, without its collection's names and
// without the fields that hold a link's key.
func plain(r *core.Record) map[string]any {
	m := r.PublicExport()
	delete(m, "collectionId")
	delete(m, "collectionName")
	for _, name := range keyFields(r.Collection()) {
		delete(m, name)
	}
	return m
}

// plainAll is plain for every record, an empty list for none.
func plainAll(rs []*core.Record) []map[string]any {
	out := make([]map[string]any, len(rs))
	for i, r := range rs {
		out[i] = plain(r)
	}
	return out
}

// webhookOf is a webhook row with its body as the JSON that was sent (or
// null once the retention removed it) in place of the stored payload.
func webhookOf(r *core.Record) map[string]any {
	m := plain(r)
	var payload struct {
		Event string `json:"event"`
		Body  string `json:"body"`
	}
	_ = r.UnmarshalJSONField("payload", &payload)
	delete(m, "payload")
	m["event"] = payload.Event
	m["body"] = nil
	if payload.Body != "" && json.Valid([]byte(payload.Body)) {
		m["body"] = json.RawMessage(payload.Body)
	} else if payload.Body != "" {
		m["body"] = payload.Body
	}
	return m
}

// keyFields are the fields of a collection that hold a link's key: every
// text field, but the id, whose value the schema draws at random
// (asks.token, referrals.code, customers.referral_code, …).
func keyFields(c *core.Collection) []string {
	var names []string
	for _, f := range c.Fields {
		if t, ok := f.(*core.TextField); ok && t.AutogeneratePattern != "" && !t.PrimaryKey {
			names = append(names, t.Name)
		}
	}
	return names
}

// String says the counts for people: "a customer record, 2 moments, …".
func (c Counts) String() string {
	var parts []string
	if c.Customer {
		parts = append(parts, "a customer record")
	}
	for _, n := range []struct {
		count       int
		one, plural string
	}{
		{c.Moments, "moment", "moments"}, {c.Asks, "ask", "asks"},
		{c.ReferralsMade, "referral made", "referrals made"}, {c.ReferralsReceived, "referral received", "referrals received"},
		{c.Rewards, "reward", "rewards"}, {c.Notes, "note on a referral", "notes on referrals"}, {c.Emails, "email", "emails"}, {c.Webhooks, "webhook", "webhooks"},
		{c.ImportLines, "rejected import line", "rejected import lines"},
	} {
		switch {
		case n.count == 1:
			parts = append(parts, "1 "+n.one)
		case n.count > 1:
			parts = append(parts, strconv.Itoa(n.count)+" "+n.plural)
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}
