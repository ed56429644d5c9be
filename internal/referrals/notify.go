package referrals

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// Created queues, in the transaction that made the referral, what a new
// referral sets off: a note to the sales inbox, a note in the team's chat
// and the referral.created webhook.
func Created(tx core.App, referral *core.Record) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	if s.SalesInbox != "" {
		if err := mail.QueueNote(tx, s, "sales_new_referral", s.SalesInbox, referral); err != nil {
			return err
		}
	}
	if err := chat.Referral(tx, s, chat.EventCreated, referral); err != nil {
		return err
	}
	return queueWebhook(tx, s, "referral.created", referral, "")
}

// Moved queues what a move along the pipeline sets off: the
// referral.status_changed webhook always; on booked, the referral.booked
// webhook, a thank-you to the referrer, a chat note and a note to the
// sales inbox; on won, a chat note and a thank-you to the referrer.
func Moved(tx core.App, referral *core.Record, from, to string) error {
	s, err := program.Load(tx)
	if err != nil {
		return err
	}
	if err := queueWebhook(tx, s, "referral.status_changed", referral, from); err != nil {
		return err
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	switch to {
	case Booked:
		if err := queueWebhook(tx, s, "referral.booked", referral, from); err != nil {
			return err
		}
		if err := mail.QueueNote(tx, s, "thanks_booked", referrer.GetString("email"), referral); err != nil {
			return err
		}
		if err := chat.Referral(tx, s, chat.EventBooked, referral); err != nil {
			return err
		}
		if s.SalesInbox != "" {
			return mail.QueueNote(tx, s, "sales_booked", s.SalesInbox, referral)
		}
	case Won:
		if err := chat.Referral(tx, s, chat.EventWon, referral); err != nil {
			return err
		}
		return mail.QueueNote(tx, s, "thanks_won", referrer.GetString("email"), referral)
	}
	return nil
}

// queueWebhook queues an event for the settings' webhook URL, if there is
// one and it takes this event: the referral, its referrer and its ask, each
// as Sendable makes it.
func queueWebhook(tx core.App, s program.Settings, event string, referral *core.Record, from string) error {
	if s.WebhookURL == "" {
		return nil
	}
	referrer, err := tx.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return err
	}
	data := map[string]any{"referral": Sendable(referral), "referrer": Sendable(referrer), "ask": nil}
	if id := referral.GetString("ask"); id != "" {
		if ask, err := tx.FindRecordById("asks", id); err == nil {
			data["ask"] = Sendable(ask)
		}
	}
	if from != "" {
		data["previous_status"] = from
	}
	return outbox.QueueReferralEvent(tx, referral.Id, s.WebhookURL, s.WebhookEvents, event, data)
}

// Sendable is a record as it may leave Warmloop in a webhook body: its
// public fields without the ones that open a page or act for someone. Those
// are every token Warmloop generates (a text field with an autogenerate
// pattern: the ask's token, the customer's referral_code, the referral's
// code) and any field named as a secret. The record's id and its relations'
// ids stay, so the receiver can still tell records apart and join them.
// Every outgoing webhook sends its records through it.
func Sendable(r *core.Record) map[string]any {
	data := r.PublicExport()
	for _, f := range r.Collection().Fields {
		if f.GetName() != core.FieldNameId && credential(f) {
			delete(data, f.GetName())
		}
	}
	return data
}

// credential reports whether a field holds something that grants access.
func credential(f core.Field) bool {
	if t, ok := f.(*core.TextField); ok && t.AutogeneratePattern != "" {
		return true
	}
	name := strings.ToLower(f.GetName())
	for _, word := range []string{"token", "code", "secret", "password", "key"} {
		if name == word || strings.HasSuffix(name, "_"+word) {
			return true
		}
	}
	return false
}
