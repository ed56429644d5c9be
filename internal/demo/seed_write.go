package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/pages"
)

// write stores the plan, part by part, in the order the parts refer to each
// other, and says what it wrote.
func (w *writer) write(plan Plan) (Summary, error) {
	var sum Summary
	if err := w.writeCustomers(plan); err != nil {
		return sum, err
	}
	sum.Customers = len(plan.Customers)
	if err := w.writeMoments(plan); err != nil {
		return sum, err
	}
	sum.Moments = len(plan.Moments)
	for _, a := range plan.Asks {
		if err := w.writeAsk(plan, a); err != nil {
			return sum, err
		}
		sum.Mail++
	}
	sum.Asks = len(plan.Asks)
	for _, ref := range plan.Referrals {
		if err := w.referral(plan, ref); err != nil {
			return sum, err
		}
		sum.Mail++
	}
	sum.Referrals = len(plan.Referrals)
	if err := w.linkReferredCustomers(plan); err != nil {
		return sum, err
	}
	if err := w.writeRewards(plan); err != nil {
		return sum, err
	}
	sum.Rewards = len(plan.Rewards)
	return sum, nil
}

// writeCustomers writes every customer, dated when they became one.
func (w *writer) writeCustomers(plan Plan) error {
	for _, c := range plan.Customers {
		r := core.NewRecord(w.coll["customers"])
		r.Set("name", c.Name)
		r.Set("email", customers.CanonicalEmail(c.Email))
		r.Set("company", c.Company)
		r.Set("title", c.Title)
		r.Set("source", c.Source)
		r.Set("opted_out", c.OptedOut)
		r.Set("wall_opt_in", c.WallOptIn)
		r.Set("touch", c.Touch)
		setTime(r, "next_ask_at", c.NextAskAt)
		setTime(r, "last_asked_at", c.LastAskedAt)
		setTime(r, "last_happy_at", c.LastHappyAt)
		if err := w.create(r, c.Created); err != nil {
			return err
		}
		w.customers = append(w.customers, r.Id)
	}
	return nil
}

// writeMoments writes every moment with the ask rule's decision. A moment
// without one would be decided (and asked for) when the server next starts.
func (w *writer) writeMoments(plan Plan) error {
	for i, m := range plan.Moments {
		if m.Decision == "" {
			return fmt.Errorf("demo moment %d has no decision: the server would decide it on start and send asks", i)
		}
		r := core.NewRecord(w.coll["moments"])
		r.Set("customer", w.customers[m.Customer])
		r.Set("kind", m.Kind)
		if m.Kind == "nps" {
			r.Set("score", m.Score)
		}
		r.Set("comment", m.Comment)
		r.Set("source", m.Source)
		r.Set("external_id", m.External)
		setTime(r, "occurred_at", m.OccurredAt)
		r.Set("decision", m.Decision)
		if err := w.create(r, m.OccurredAt); err != nil {
			return err
		}
		w.moments = append(w.moments, r.Id)
	}
	return nil
}

// writeAsk writes one ask and the email that carries it.
func (w *writer) writeAsk(plan Plan, a Ask) error {
	r := core.NewRecord(w.coll["asks"])
	r.Set("customer", w.customers[a.Customer])
	if a.Moment >= 0 {
		r.Set("moment", w.moments[a.Moment])
	}
	r.Set("touch", a.Touch)
	r.Set("variant", a.Variant)
	r.Set("locale", "en") // the shipped variants the demo draws are English
	r.Set("incentive", w.incentiveOnOffer)
	r.Set("cadence", "balanced")
	r.Set("status", a.Status)
	if a.Status != "queued" && a.Status != "failed" {
		setTime(r, "sent_at", a.At.Add(2*time.Minute))
	}
	setTime(r, "clicked_at", a.ClickedAt)
	if err := w.create(r, a.At); err != nil {
		return err
	}
	w.asks = append(w.asks, r.Id)
	return w.askEmail(plan.Customers[a.Customer], a, r.Id)
}

// askEmail queues (or records as delivered) the email that carries an ask.
func (w *writer) askEmail(c Customer, a Ask, askID string) error {
	r := core.NewRecord(w.coll["outbox"])
	r.Set("kind", "email")
	r.Set("to", c.Email)
	r.Set("subject", "A quick favour, "+pages.FirstName(c.Name)+"?")
	r.Set("payload", map[string]any{"template": "ask_email", "ask": askID})
	r.Set("ask", askID)
	switch a.Status {
	case "queued":
		r.Set("status", "pending")
		setTime(r, "next_attempt_at", a.At)
	case "failed":
		r.Set("status", "failed")
		r.Set("attempts", 5)
		r.Set("last_error", "550 5.1.1 mailbox unavailable")
	default:
		r.Set("status", "sent")
		r.Set("attempts", 1)
		setTime(r, "sent_at", a.At.Add(2*time.Minute))
	}
	return w.create(r, a.At)
}

// linkReferredCustomers points the viral loop back: a customer made by a
// won referral knows it.
func (w *writer) linkReferredCustomers(plan Plan) error {
	for i, c := range plan.Customers {
		if c.ReferredBy < 0 {
			continue
		}
		r, err := w.app.FindRecordById("customers", w.customers[i])
		if err != nil {
			return err
		}
		r.Set("referred_by", w.referrals[c.ReferredBy])
		if err := w.update(r); err != nil {
			return err
		}
	}
	return nil
}

// writeRewards writes the rewards reached, with the admins' decisions.
func (w *writer) writeRewards(plan Plan) error {
	for _, rw := range plan.Rewards {
		r := core.NewRecord(w.coll["rewards"])
		r.Set("referrer", w.customers[rw.Referrer])
		r.Set("tier", w.tiers[rw.Tier])
		r.Set("incentive", w.incentiveByTier[rw.Tier])
		r.Set("referral", w.referrals[rw.Referral])
		r.Set("status", rw.Status)
		if rw.Status == "approved" || rw.Status == "fulfilled" {
			setTime(r, "approved_at", rw.At.Add(2*day))
			r.Set("decided_by", "maya@brightwave.example")
		}
		if rw.Status == "fulfilled" {
			setTime(r, "fulfilled_at", rw.At.Add(12*day))
		}
		if rw.Status == "declined" {
			r.Set("decided_by", "maya@brightwave.example")
			r.Set("note", "The referrer asked us to give the thank-you to their team's charity instead.")
		}
		if err := w.create(r, rw.At); err != nil {
			return err
		}
	}
	return nil
}
