package asks

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// DecideMoment applies the ask rule to a moment and writes the outcome in
// one transaction (joining the caller's, if any): the decision on the moment,
// the customer's cadence state, and, when the rule says ask, the ask and its
// outbox email. A moment already decided is left alone, so a retry never
// asks twice.
//
// The moment may be saved already (the REST API's after-create hook) or new;
// a new moment is validated and saved here, with its decision, so the
// common intake path writes each record once.
func DecideMoment(app core.App, moment *core.Record, now time.Time) (Decision, error) {
	return DecideMomentOf(app, moment, nil, now)
}

// DecideMomentOf is DecideMoment for a customer the caller already holds,
// new (unsaved) or loaded; nil loads the moment's customer.
func DecideMomentOf(app core.App, moment, customer *core.Record, now time.Time) (Decision, error) {
	return (*Draws)(nil).DecideMomentOf(app, moment, customer, now)
}

// DecideMomentOf is DecideMomentOf for one of many moments decided in the
// transaction d belongs to, the ask's copy drawn from the variants d keeps.
func (d *Draws) DecideMomentOf(app core.App, moment, customer *core.Record, now time.Time) (Decision, error) {
	var decision Decision
	err := app.RunInTransaction(func(tx core.App) error {
		if moment.GetString("decision") != "" {
			decision = Decision(moment.GetString("decision"))
			return nil
		}
		settings, err := program.Load(tx)
		if err != nil {
			return err
		}
		if customer == nil {
			if customer, err = tx.FindRecordById("customers", moment.GetString("customer")); err != nil {
				return err
			}
		}
		if decision, err = decideOn(tx, settings, moment, customer, now); err != nil {
			return err
		}
		if customer.IsNew() {
			err = tx.Save(customer)
		} else {
			err = tx.SaveNoValidate(customer)
		}
		if err != nil {
			return err
		}

		moment.Set("customer", customer.Id)
		moment.Set("decision", string(decision))
		if moment.IsNew() {
			err = tx.Save(moment)
		} else {
			err = tx.SaveNoValidate(moment)
		}
		if err != nil {
			return err
		}
		if decision == Asked {
			return d.createAsk(tx, settings, customer, moment.Id, 1, now)
		}
		return nil
	})
	return decision, err
}

// decideOn applies the ask rule to moment for customer at now, and puts
// the customer where the decision leaves them (their latest happy moment,
// their place in the cadence); it writes nothing.
func decideOn(tx core.App, settings program.Settings, moment, customer *core.Record, now time.Time) (Decision, error) {
	state, err := customerState(tx, customer)
	if err != nil {
		return "", err
	}
	rules := RulesOf(settings)
	m := Moment{Kind: moment.GetString("kind"), Score: moment.GetInt("score")}
	decision := rules.Decide(m, state, now)
	if rules.Enrols(m, state) {
		customer.Set("last_happy_at", moment.GetDateTime("occurred_at"))
		if customer.GetDateTime("next_ask_at").IsZero() && decision != Asked {
			// A new cycle starts: the cadence takes it from here.
			startCycle(customer, now.Add(rules.Interval))
		}
	}
	if decision == Asked {
		markAsked(customer, 1, now, now.Add(rules.Interval))
	}
	return decision, nil
}

// customerState reads what the rule needs to know about a customer.
func customerState(app core.App, customer *core.Record) (Customer, error) {
	if customer.IsNew() {
		return Customer{}, nil // never asked, never opted out
	}
	state := Customer{
		OptedOut:    customer.GetBool("opted_out"),
		LastAskedAt: customer.GetDateTime("last_asked_at").Time(),
	}
	if customer.GetDateTime("next_ask_at").IsZero() {
		return state, nil // no cycle running: nothing can be open
	}
	var latest string
	err := app.DB().Select("status").From("asks").
		Where(dbx.HashExp{"customer": customer.Id}).
		OrderBy("created DESC").Limit(1).Row(&latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return state, err
	}
	state.OpenAsk = latest == "queued" || latest == "sent" || latest == "clicked"
	return state, nil
}

// createAsk writes an ask (touch 1 for a happy moment, later touches for the
// cadence, with momentID empty) and the outbox email that carries it.
func createAsk(tx core.App, s program.Settings, customer *core.Record, momentID string, touch int, now time.Time) error {
	return (*Draws)(nil).createAsk(tx, s, customer, momentID, touch, now)
}

// createAsk is createAsk, the copy drawn through d.
func (d *Draws) createAsk(tx core.App, s program.Settings, customer *core.Record, momentID string, touch int, now time.Time) error {
	copy, err := d.chooseCopy(tx, touch, localesOf(s, customer))
	if err != nil {
		return fmt.Errorf("choosing the ask's copy: %w", err)
	}
	_, err = writeAsk(tx, s, customer, copy, map[string]any{"moment": momentID, "touch": touch})
	return err
}

// writeAsk saves a queued ask in the given copy, with fields (its touch,
// its moment or the ask it renews), and queues the email that carries it.
// Its token and unsubscribe token are drawn as it is saved.
func writeAsk(tx core.App, s program.Settings, customer *core.Record, copy mail.Copy, fields map[string]any) (*core.Record, error) {
	ask, err := newAsk(tx, s, customer, copy, fields)
	if err != nil {
		return nil, err
	}
	if err := tx.SaveNoValidate(ask); err != nil {
		return nil, fmt.Errorf("saving the ask: %w", err)
	}
	return ask, mail.QueueAsk(tx, s, customer, ask.Id, copy)
}
