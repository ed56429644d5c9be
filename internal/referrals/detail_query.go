package referrals

import (
	"bytes"
	"encoding/json"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/mail"
	"warmloop/internal/outbox"
)

// Detail is one referral with its whole story, as its page shows it: the
// people, the ask and the moment it came from, every move, every message
// sent about it and the team's notes.
type Detail struct {
	Row
	Message         string         `db:"message"`
	Phone           string         `db:"phone"`
	PreferredTimes  string         `db:"preferred_times"`
	VisitedAt       types.DateTime `db:"visited_at"`
	BookedAt        types.DateTime `db:"booked_at"`
	RefereeCustomer string         `db:"referee_customer"` // the customer a win made of the referee
	ReferrerCompany string         `db:"referrer_company"`
	// RefereeAsCustomer is the customer the referee is: the one their win
	// made, or one with their address already; "" for none.
	RefereeAsCustomer string

	Ask      *Origin // nil when the referral came without an ask (a share link, the API)
	Events   []Event
	Messages []Message
	Notes    []Note
}

// Origin is the ask that led to a referral and the moment that set the ask off.
type Origin struct {
	Touch   int            `db:"touch"`
	Status  string         `db:"status"`
	Variant string         `db:"variant"`
	SentAt  types.DateTime `db:"sent_at"`
	Created types.DateTime `db:"created"`
	// The moment; MomentKind is "" for an ask the cadence sent on its own.
	MomentKind    string         `db:"moment_kind"`
	MomentScore   int            `db:"moment_score"`
	MomentComment string         `db:"moment_comment"`
	MomentSource  string         `db:"moment_source"`
	MomentAt      types.DateTime `db:"moment_at"`
}

// Event is one move of a referral along the pipeline.
type Event struct {
	From, To, Note string
	Actor          string // who made the move; "" when nobody was recorded
	At             types.DateTime
}

// Message is one email or webhook about a referral, with what it carries.
type Message struct {
	outbox.Row
	// Body is what the message says: an email's text as composed from the
	// current copy, or a webhook's JSON as it was queued; "" once removed.
	Body string
	// BodyError says why an email's body could not be composed.
	BodyError string
}

// Note is one of the team's notes on a referral.
type Note struct {
	ID      string         `db:"id"`
	Author  string         `db:"author"`
	Body    string         `db:"body"`
	Created types.DateTime `db:"created"`
}

// FindDetail reads a referral's page: sql.ErrNoRows when there is no such referral.
func FindDetail(app core.App, id string) (Detail, error) {
	var d Detail
	err := selectRows(app).AndSelect("r.message", "r.phone", "r.preferred_times", "r.visited_at", "r.booked_at",
		"r.referee_customer", "COALESCE(c.company, '') AS referrer_company").
		Where(dbx.HashExp{"r.id": id}).One(&d)
	if err != nil {
		return d, err
	}
	d.RefereeAsCustomer = d.RefereeCustomer
	if c, err := customers.FindByEmail(app, d.RefereeEmail); d.RefereeAsCustomer == "" && err == nil {
		d.RefereeAsCustomer = c.Id
	}
	if d.Ask, err = findOrigin(app, id); err != nil {
		return d, err
	}
	if d.Events, err = findEvents(app, id); err != nil {
		return d, err
	}
	if d.Messages, err = findMessages(app, id); err != nil {
		return d, err
	}
	d.Notes, err = FindNotes(app, id)
	return d, err
}

// findOrigin reads the ask a referral came from and its moment, nil for none.
func findOrigin(app core.App, id string) (*Origin, error) {
	var o []Origin
	err := app.DB().NewQuery(`SELECT a.touch, a.status, a.variant, a.sent_at, a.created,
		COALESCE(m.kind, '') AS moment_kind, COALESCE(m.score, 0) AS moment_score,
		COALESCE(m.comment, '') AS moment_comment, COALESCE(m.source, '') AS moment_source,
		COALESCE(m.occurred_at, '') AS moment_at
		FROM referrals r JOIN asks a ON a.id = r.ask LEFT JOIN moments m ON m.id = a.moment
		WHERE r.id = {:id}`).Bind(dbx.Params{"id": id}).All(&o)
	if err != nil || len(o) == 0 {
		return nil, err
	}
	return &o[0], nil
}

// findEvents reads a referral's moves, oldest first. They are read as
// records: who made a move is a field not every install has yet.
func findEvents(app core.App, id string) ([]Event, error) {
	var recs []*core.Record
	err := app.RecordQuery("referral_events").Where(dbx.HashExp{"referral": id}).
		OrderBy("at ASC", "rowid ASC").All(&recs)
	out := make([]Event, len(recs))
	for i, r := range recs {
		out[i] = Event{From: r.GetString("from_status"), To: r.GetString("to_status"), Note: r.GetString("note"),
			Actor: r.GetString("actor"), At: r.GetDateTime("at")}
	}
	return out, err
}

// findMessages reads the emails and webhooks about a referral, in the order
// they were queued, each with its body.
func findMessages(app core.App, id string) ([]Message, error) {
	var recs []*core.Record
	err := app.RecordQuery("outbox").Where(dbx.HashExp{"referral": id}).OrderBy("rowid ASC").All(&recs)
	out := make([]Message, len(recs))
	for i, r := range recs {
		out[i] = Message{Row: outbox.RowOf(r)}
		out[i].Body, out[i].BodyError = messageBody(app, r)
	}
	return out, err
}

// messageBody is what an outbox row says, or why that cannot be shown. An
// email is composed again (the outbox keeps its template and records, not
// its text); a webhook's body is the JSON queued, indented for reading.
func messageBody(app core.App, row *core.Record) (body, problem string) {
	raw := row.GetString("payload")
	if raw == "" || raw == "null" {
		return "", ""
	}
	if row.GetString("kind") == "webhook" {
		var p struct {
			Body string `json:"body"`
		}
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			return "", "The webhook's body could not be read."
		}
		var out bytes.Buffer
		if json.Indent(&out, []byte(p.Body), "", "  ") != nil {
			return p.Body, ""
		}
		return out.String(), ""
	}
	msg, err := mail.Compose(app, row)
	if err != nil {
		return "", "This email could not be composed again: " + err.Error()
	}
	return msg.Text, ""
}
