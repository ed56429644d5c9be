package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/referrals"

	"github.com/pocketbase/pocketbase/tools/types"
)

// Summary says what a seed run wrote.
type Summary struct {
	AlreadySeeded                                      bool
	Customers, Moments, Asks, Referrals, Rewards, Mail int
}

// String is the one-line report the CLI prints.
func (s Summary) String() string {
	if s.AlreadySeeded {
		return "demo program already present: nothing added"
	}
	return fmt.Sprintf("demo program seeded: %d customers, %d moments, %d asks, %d referrals, %d rewards, %d emails in the outbox",
		s.Customers, s.Moments, s.Asks, s.Referrals, s.Rewards, s.Mail)
}

// DemoCompany is the company the demo program runs for.
const DemoCompany = "Brightwave Analytics"

// Seed writes the demo program ending at now into app, in one transaction.
// It is idempotent: when the demo's first customer exists it writes nothing.
func Seed(app core.App, now time.Time) (Summary, error) {
	plan := NewPlan(now)
	if _, err := app.FindFirstRecordByData("customers", "email", plan.Customers[0].Email); err == nil {
		return Summary{AlreadySeeded: true}, nil
	}
	var sum Summary
	err := app.RunInTransaction(func(tx core.App) error {
		w, err := newWriter(tx)
		if err != nil {
			return err
		}
		sum, err = w.write(plan)
		return err
	})
	return sum, err
}

// writer turns a Plan into records, keeping the ids it hands out.
type writer struct {
	app  core.App
	coll map[string]*core.Collection
	// ids of the written records, by plan index
	customers, moments, asks, referrals []string
	tiers, incentiveByTier              map[string]string
	incentiveOnOffer                    string
}

func newWriter(app core.App) (*writer, error) {
	w := &writer{app: app, coll: map[string]*core.Collection{}, tiers: map[string]string{}, incentiveByTier: map[string]string{}}
	for _, name := range []string{"customers", "moments", "asks", "referrals", "referral_events", "rewards", "outbox"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return nil, err
		}
		w.coll[name] = c
	}
	tiers, err := app.FindAllRecords("tiers")
	if err != nil {
		return nil, err
	}
	for _, t := range tiers {
		w.tiers[t.GetString("name")] = t.Id
		w.incentiveByTier[t.GetString("name")] = t.GetString("incentive")
	}
	settings, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		return nil, fmt.Errorf("the settings record is missing; run the migrations first: %w", err)
	}
	settings.Set("company_name", DemoCompany)
	settings.Set("sender_name", "Maya Chen, Brightwave Analytics")
	settings.Set("sender_address", "maya@brightwave.example")
	settings.Set("sales_inbox", "sales@brightwave.example")
	settings.Set("booking_url", "https://cal.com/brightwave/intro")
	if err := app.Save(settings); err != nil {
		return nil, err
	}
	w.incentiveOnOffer = settings.GetString("current_incentive")
	return w, nil
}

func dt(t time.Time) types.DateTime {
	d, _ := types.ParseDateTime(t)
	return d
}

// save stores r, backdating its created/updated stamps to at.
func (w *writer) save(r *core.Record, at time.Time) error {
	if !at.IsZero() {
		r.SetRaw("created", dt(at))
		r.SetRaw("updated", dt(at))
	}
	// The demo writes its own history: the saves set off nothing.
	if err := w.app.SaveWithContext(referrals.Quiet(context.Background()), r); err != nil {
		return fmt.Errorf("demo %s: %w", r.Collection().Name, err)
	}
	return nil
}

func (w *writer) write(plan Plan) (Summary, error) {
	var sum Summary
	for _, c := range plan.Customers {
		r := core.NewRecord(w.coll["customers"])
		r.Set("name", c.Name)
		r.Set("email", c.Email)
		r.Set("company", c.Company)
		r.Set("title", c.Title)
		r.Set("source", c.Source)
		r.Set("opted_out", c.OptedOut)
		r.Set("wall_opt_in", c.WallOptIn)
		r.Set("touch", c.Touch)
		setTime(r, "next_ask_at", c.NextAskAt)
		setTime(r, "last_asked_at", c.LastAskedAt)
		setTime(r, "last_happy_at", c.LastHappyAt)
		if err := w.save(r, c.Created); err != nil {
			return sum, err
		}
		w.customers = append(w.customers, r.Id)
	}
	sum.Customers = len(plan.Customers)

	for _, m := range plan.Moments {
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
		if err := w.save(r, m.OccurredAt); err != nil {
			return sum, err
		}
		w.moments = append(w.moments, r.Id)
	}
	sum.Moments = len(plan.Moments)

	for _, a := range plan.Asks {
		r := core.NewRecord(w.coll["asks"])
		r.Set("customer", w.customers[a.Customer])
		if a.Moment >= 0 {
			r.Set("moment", w.moments[a.Moment])
		}
		r.Set("touch", a.Touch)
		r.Set("variant", a.Variant)
		r.Set("incentive", w.incentiveOnOffer)
		r.Set("cadence", "balanced")
		r.Set("status", a.Status)
		if a.Status != "queued" && a.Status != "failed" {
			setTime(r, "sent_at", a.At.Add(2*time.Minute))
		}
		setTime(r, "clicked_at", a.ClickedAt)
		if err := w.save(r, a.At); err != nil {
			return sum, err
		}
		w.asks = append(w.asks, r.Id)
		if err := w.askEmail(plan.Customers[a.Customer], a, r.Id); err != nil {
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

	// The viral loop points back: a customer made by a won referral knows it.
	for i, c := range plan.Customers {
		if c.ReferredBy < 0 {
			continue
		}
		r, err := w.app.FindRecordById("customers", w.customers[i])
		if err != nil {
			return sum, err
		}
		r.Set("referred_by", w.referrals[c.ReferredBy])
		if err := w.app.Save(r); err != nil {
			return sum, err
		}
	}

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
		if err := w.save(r, rw.At); err != nil {
			return sum, err
		}
	}
	sum.Rewards = len(plan.Rewards)
	return sum, nil
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
	return w.save(r, a.At)
}

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
	r.Set("won_value", ref.Won)
	r.Set("channel", ref.Channel)
	r.Set("flag", ref.Flag)
	r.Set("lost_reason", ref.LostReason)
	if ref.RefereeCustomer >= 0 {
		r.Set("referee_customer", w.customers[ref.RefereeCustomer])
	}
	if err := w.save(r, ref.Created); err != nil {
		return err
	}
	w.referrals = append(w.referrals, r.Id)

	for _, e := range ref.Events {
		ev := core.NewRecord(w.coll["referral_events"])
		ev.Set("referral", r.Id)
		ev.Set("from_status", e.From)
		ev.Set("to_status", e.To)
		setTime(ev, "at", e.At)
		if err := w.save(ev, e.At); err != nil {
			return err
		}
	}

	referrer := plan.Customers[ref.Referrer]
	mail := core.NewRecord(w.coll["outbox"])
	mail.Set("kind", "email")
	mail.Set("to", ref.RefereeEmail)
	mail.Set("subject", referrer.Name+" suggested we talk")
	mail.Set("payload", map[string]any{"template": "intro_email", "referral": r.Id})
	mail.Set("status", "sent")
	mail.Set("attempts", 1)
	setTime(mail, "sent_at", ref.Created.Add(time.Minute))
	return w.save(mail, ref.Created)
}

func setTime(r *core.Record, field string, t time.Time) {
	if t.IsZero() {
		return
	}
	r.Set(field, dt(t))
}
