package intake

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
)

// KeptDeliveries is how many deliveries of each source are kept.
const KeptDeliveries = 20

// What became of a delivery to a mapped source.
const (
	OutcomeAccepted  = "accepted"
	OutcomeDuplicate = "duplicate"
	OutcomeIgnored   = "ignored"
	OutcomeRefused   = "refused"
)

// SourceOf reads a sources record.
func SourceOf(r *core.Record) Source {
	return Source{
		ID: r.Id, Name: r.GetString("name"), Kind: r.GetString("kind"),
		Email: r.GetString("email_pointer"), Score: r.GetString("score_pointer"),
		Comment: r.GetString("comment_pointer"), ExternalID: r.GetString("external_id_pointer"),
		Time: r.GetString("time_pointer"), Locale: r.GetString("locale_pointer"), Keep: r.GetString("keep_pointer"), KeepValue: r.GetString("keep_value"),
		Auth: r.GetString("auth"), Header: r.GetString("auth_header"), Encoding: r.GetString("hmac_encoding"),
		Secret: r.GetString("secret"),
	}
}

// FindSource finds a mapped source by name; sql.ErrNoRows when none has it.
func FindSource(app core.App, name string) (Source, error) {
	r, err := app.FindFirstRecordByData("sources", "name", name)
	if err != nil {
		return Source{}, err
	}
	return SourceOf(r), nil
}

// CountSourceMoments counts the moments a source's name is on.
func CountSourceMoments(app core.App, name string) (int, error) {
	var n int
	err := app.DB().Select("COUNT(*)").From("moments").Where(dbx.HashExp{"source": name}).Row(&n)
	return n, err
}

// CheckSourceRename refuses renaming a source that has made moments: a
// redelivery of one of them would arrive under the new name and be
// recorded a second time.
// The refusal is a Problem (code "renamed"), so the dashboard can say it
// in the reader's language.
func CheckSourceRename(from, to string, moments int) error {
	if from == to || moments == 0 {
		return nil
	}
	return problem("renamed", fmt.Sprintf("moments came from %s (%d so far), and a redelivery is recognised by that name: keep it, or add a new source", from, moments),
		"From", from, "Count", strconv.Itoa(moments))
}

// Delivery is one delivery to a mapped source or a built-in webhook, as
// the dashboard lists it.
type Delivery struct {
	Outcome, Reason, Body string
	// Moment and Referral are the ids of the moment written or found, or
	// of the referral a CRM's deal event was about, when there is one.
	Moment, Referral string
	Status           int
	At               time.Time
}

// Inbox is where deliveries arrive and are logged: a mapped source, by its
// id, or a built-in webhook, by its provider name ("stripe",
// "crm/hubspot"). Exactly one of Source and Provider is set.
type Inbox struct {
	Source, Provider string
	// Secrets are masked wherever they appear in a logged body.
	Secrets []string
}

// Inbox is the deliveries log of the mapped source s.
func (s Source) Inbox() Inbox {
	return Inbox{Source: s.ID, Secrets: []string{s.Secret}}
}

// ProviderInbox is the deliveries log of a built-in webhook.
func ProviderInbox(provider string, secrets ...string) Inbox {
	return Inbox{Provider: provider, Secrets: secrets}
}

// key is the column an inbox's deliveries are found by, and its value.
func (in Inbox) key() (column, value string) {
	if in.Source != "" {
		return "source", in.Source
	}
	return "provider", in.Provider
}

// DeliveryOwnerProblem says what is wrong with a logged delivery's owner:
// it must name exactly one of a source and a provider.
func DeliveryOwnerProblem(source, provider string) string {
	switch {
	case source == "" && provider == "":
		return "a delivery names the source or the provider it arrived at"
	case source != "" && provider != "":
		return "a delivery arrived at a source or at a provider, not both"
	}
	return ""
}

// LogDelivery records what became of a delivery to in, its body redacted,
// and removes the inbox's deliveries older than the newest KeptDeliveries,
// in one transaction.
func LogDelivery(app core.App, in Inbox, d Delivery, body []byte) error {
	coll, err := app.FindCachedCollectionByNameOrId("source_deliveries")
	if err != nil {
		return err
	}
	column, value := in.key()
	r := core.NewRecord(coll)
	r.Set(column, value)
	r.Set("outcome", d.Outcome)
	r.Set("status", d.Status)
	r.Set("reason", truncate(d.Reason, 1000))
	r.Set("body", RedactBody(body, in.Secrets...))
	r.Set("moment", d.Moment)
	r.Set("referral", d.Referral)
	return app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(r); err != nil {
			return err
		}
		// column is one of two names fixed above, never input.
		_, err := tx.DB().NewQuery(`DELETE FROM source_deliveries WHERE ` + column + ` = {:v} AND rowid NOT IN
			(SELECT rowid FROM source_deliveries WHERE ` + column + ` = {:v} ORDER BY rowid DESC LIMIT {:n})`).
			Bind(dbx.Params{"v": value, "n": KeptDeliveries}).Execute()
		return err
	})
}

// Deliveries lists an inbox's kept deliveries, newest first.
func Deliveries(app core.App, in Inbox) ([]Delivery, error) {
	var rows []struct {
		Outcome  string `db:"outcome"`
		Reason   string `db:"reason"`
		Body     string `db:"body"`
		Moment   string `db:"moment"`
		Referral string `db:"referral"`
		Status   int    `db:"status"`
		Created  string `db:"created"`
	}
	column, value := in.key()
	err := app.DB().Select("outcome", "reason", "body", "moment", "referral", "status", "created").From("source_deliveries").
		Where(dbx.HashExp{column: value}).OrderBy("rowid DESC").Limit(KeptDeliveries).All(&rows)
	if err != nil {
		return nil, err
	}
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		at, _ := time.Parse("2006-01-02 15:04:05.000Z", r.Created)
		out[i] = Delivery{Outcome: r.Outcome, Reason: r.Reason, Body: r.Body, Moment: r.Moment, Referral: r.Referral,
			Status: r.Status, At: at}
	}
	return out, nil
}

// LatestOutcomes gives each source's latest delivery, by source id.
func LatestOutcomes(app core.App) (map[string]Delivery, error) {
	var rows []struct {
		Source  string `db:"source"`
		Outcome string `db:"outcome"`
		Created string `db:"created"`
	}
	err := app.DB().NewQuery(`SELECT source, outcome, created FROM source_deliveries d
		WHERE source != '' AND rowid = (SELECT MAX(rowid) FROM source_deliveries WHERE source = d.source)`).All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Delivery, len(rows))
	for _, r := range rows {
		at, _ := time.Parse("2006-01-02 15:04:05.000Z", r.Created)
		out[r.Source] = Delivery{Outcome: r.Outcome, At: at}
	}
	return out, nil
}

// Preview is what a sample payload would make at a source: the moment, or
// why it would be ignored or refused, and what the ask rule would decide.
type Preview struct {
	Mapped
	Problem *FieldError
	Known   bool // the email is a customer's already
	// Duplicate is set when the source recorded this external id before:
	// the delivery would be answered as a repeat and change nothing.
	Duplicate bool
	Decision  string // what the ask rule would decide now
}

// PreviewSample maps body as a delivery to s would be and has the ask rule
// judge it, writing nothing. The delivery's authentication is not checked:
// a sample is pasted, not signed.
func PreviewSample(app core.App, s Source, body []byte, now time.Time) (Preview, error) {
	mapped, err := s.Map(body, now)
	var fe *FieldError
	if errors.As(err, &fe) {
		return Preview{Problem: fe}, nil
	}
	if err != nil || mapped.Ignored != "" {
		return Preview{Mapped: mapped}, err
	}
	p := Preview{Mapped: mapped}
	if s.Name != "" {
		if _, p.Duplicate, err = existing(app, s.Name, mapped.Moment.ExternalID); err != nil {
			return p, err
		}
	}
	customer, err := customers.FindByEmail(app, mapped.Moment.Email)
	switch {
	case err == nil:
		p.Known = true
	case errors.Is(err, sql.ErrNoRows):
		customer = nil
	default:
		return p, err
	}
	d, err := asks.WouldDecide(app, customer, asks.Moment{Kind: mapped.Moment.Kind, Score: mapped.Moment.Score}, now)
	p.Decision = string(d)
	return p, err
}
