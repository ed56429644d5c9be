package demo

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// referral writes one referral, its history and its introduction email.
func (w *writer) referral(plan Plan, ref Referral) error {
	r := core.NewRecord(w.coll["referrals"])
	r.Set("referrer", w.customers[ref.Referrer])
	r.Set("ask", w.asks[ref.Ask])
	r.Set("referee_name", ref.RefereeName)
	r.Set("referee_email", ref.RefereeEmail)
	r.Set("referee_company", ref.RefereeCompany)
	r.Set("message", ref.Message)
	r.Set("status", ref.Status)
	r.Set("pipeline_value", ref.Pipeline)
	r.Set("won_value", wonValue(ref))
	r.Set("channel", ref.Channel)
	r.Set("flag", ref.Flag)
	r.Set("lost_reason", ref.LostReason)
	if ref.RefereeCustomer >= 0 {
		r.Set("referee_customer", w.customers[ref.RefereeCustomer])
	}
	if err := w.create(r, ref.Created); err != nil {
		return err
	}
	w.referrals = append(w.referrals, r.Id)
	if err := w.restReferrer(w.customers[ref.Referrer]); err != nil {
		return err
	}
	for _, e := range ref.Events {
		ev := core.NewRecord(w.coll["referral_events"])
		ev.Set("referral", r.Id)
		ev.Set("from_status", e.From)
		ev.Set("to_status", e.To)
		setTime(ev, "at", e.At)
		ev.Set("actor", demoActor(e.From, e.To, ref.Channel))
		if err := w.create(ev, e.At); err != nil {
			return err
		}
	}
	return w.introEmail(plan.Customers[ref.Referrer], ref, r.Id)
}

// introEmail records the introduction email a referee was sent.
func (w *writer) introEmail(referrer Customer, ref Referral, referralID string) error {
	mail := core.NewRecord(w.coll["outbox"])
	mail.Set("kind", "email")
	mail.Set("to", ref.RefereeEmail)
	mail.Set("subject", referrer.Name+" suggested we talk")
	mail.Set("payload", map[string]any{"template": "intro_email", "referral": referralID})
	mail.Set("status", "sent")
	mail.Set("attempts", 1)
	setTime(mail, "sent_at", ref.Created.Add(time.Minute))
	return w.create(mail, ref.Created)
}

// demoSales is the made-up member of the sales team the demo history names.
const demoSales = "Maya Patel (sales)"

// demoActor is who the demo history says made a move, as the hooks would
// have named them: the referrer or, through a share link, the referee
// making the referral; the referee visiting and booking; the sales team
// qualifying, winning and losing.
func demoActor(from, to, channel string) string {
	switch {
	case from == "" && channel == "landing":
		return "the referrer"
	case from == "" || to == "visited" || to == "booked":
		return "the referee"
	}
	return demoSales
}
