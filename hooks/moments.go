package hooks

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asking"
	"warmloop/internal/intake"
	"warmloop/internal/program"
)

// bindMoments fires the moment → ask rule once a moment is committed, from
// whatever path it came (REST API, webhook, CSV, dashboard), and on serve
// decides any moment a crash left undecided.
func bindMoments(app core.App) {
	app.OnRecordAfterCreateSuccess("moments").BindFunc(func(e *core.RecordEvent) error {
		if _, err := DecideMoment(e.App, e.Record.Id, time.Now()); err != nil {
			// The moment is committed; an error here must not fail the
			// request that created it. It stays undecided and is retried
			// on the next start.
			e.App.Logger().Error("deciding a moment failed", "moment", e.Record.Id, "error", err)
		}
		return e.Next()
	})
	app.OnRecordCreateRequest("moments").BindFunc(resolveCustomerByEmail)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		var ids []string
		if err := se.App.DB().NewQuery("SELECT id FROM moments WHERE decision = '' ORDER BY created").Column(&ids); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := DecideMoment(se.App, id, time.Now()); err != nil {
				se.App.Logger().Error("deciding a moment failed", "moment", id, "error", err)
			}
		}
		return se.Next()
	})
}

// resolveCustomerByEmail lets an integration that knows only an email create
// a moment through the REST API: with no customer id, customer_email (plus
// customer_name and customer_company, optional) finds or creates the
// customer. Source defaults to "api" and occurred_at to now. The customer is
// written in the same transaction as the moment, so a refused moment leaves
// no customer behind.
func resolveCustomerByEmail(e *core.RecordRequestEvent) error {
	if e.Record.GetString("source") == "" {
		e.Record.Set("source", "api")
	}
	if e.Record.GetDateTime("occurred_at").IsZero() {
		e.Record.Set("occurred_at", types.NowDateTime())
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	email, _ := info.Body["customer_email"].(string)
	if e.Record.GetString("customer") != "" || strings.TrimSpace(email) == "" {
		return e.Next()
	}
	if _, err := mail.ParseAddress(email); err != nil {
		return apis.NewBadRequestError("customer_email is not an email address", map[string]any{
			"customer_email": validation.NewError("validation_invalid_email", "Must be a valid email address."),
		})
	}
	name, _ := info.Body["customer_name"].(string)
	company, _ := info.Body["customer_company"].(string)
	return e.App.RunInTransaction(func(tx core.App) error {
		customer, err := intake.FindOrCreateCustomer(tx, email, name, company)
		if err != nil {
			return err
		}
		e.Record.Set("customer", customer.Id)
		e.App = tx
		return e.Next()
	})
}

// DecideMoment applies the ask rule to a committed moment and writes the
// outcome in one transaction: the decision on the moment, the customer's
// cadence state, and, when the rule says ask, the ask and its outbox email.
// A moment already decided is left alone, so a retry never asks twice.
func DecideMoment(app core.App, momentID string, now time.Time) (asking.Decision, error) {
	var decision asking.Decision
	err := app.RunInTransaction(func(tx core.App) error {
		moment, err := tx.FindRecordById("moments", momentID)
		if err != nil {
			return err
		}
		if moment.GetString("decision") != "" {
			decision = asking.Decision(moment.GetString("decision"))
			return nil
		}
		settings, err := program.Load(tx)
		if err != nil {
			return err
		}
		customer, err := tx.FindRecordById("customers", moment.GetString("customer"))
		if err != nil {
			return err
		}
		state, err := customerState(tx, customer)
		if err != nil {
			return err
		}
		rules := settings.AskRules()
		m := asking.Moment{Kind: moment.GetString("kind"), Score: moment.GetInt("score")}
		decision = rules.Decide(m, state, now)

		moment.Set("decision", string(decision))
		if err := tx.Save(moment); err != nil {
			return err
		}
		if rules.Enrols(m, state) {
			customer.Set("last_happy_at", moment.GetDateTime("occurred_at"))
			if customer.GetDateTime("next_ask_at").IsZero() && decision != asking.Asked {
				// A new cycle starts: the cadence takes it from here.
				customer.Set("touch", 0)
				customer.Set("next_ask_at", now.Add(rules.Interval))
			}
		}
		if decision == asking.Asked {
			if err := createAsk(tx, settings, customer, moment.Id, now); err != nil {
				return err
			}
			customer.Set("touch", 1)
			customer.Set("last_asked_at", now)
			customer.Set("next_ask_at", now.Add(rules.Interval))
		}
		return tx.Save(customer)
	})
	return decision, err
}

// customerState reads what the rule needs to know about a customer.
func customerState(app core.App, customer *core.Record) (asking.Customer, error) {
	state := asking.Customer{
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
	if err != nil && !isNoRows(err) {
		return state, err
	}
	state.OpenAsk = latest == "queued" || latest == "sent" || latest == "clicked"
	return state, nil
}

// createAsk writes a first-touch ask and the outbox email that carries it.
func createAsk(tx core.App, s program.Settings, customer *core.Record, momentID string, now time.Time) error {
	asks, err := tx.FindCollectionByNameOrId("asks")
	if err != nil {
		return err
	}
	ask := core.NewRecord(asks)
	ask.Set("customer", customer.Id)
	ask.Set("moment", momentID)
	ask.Set("touch", 1)
	ask.Set("variant", "default")
	ask.Set("incentive", s.CurrentIncentive)
	ask.Set("cadence", s.Cadence)
	ask.Set("status", "queued")
	if err := tx.Save(ask); err != nil {
		return fmt.Errorf("saving the ask: %w", err)
	}

	subject := "A quick favour, " + firstName(customer.GetString("name")) + "?"
	if page, err := tx.FindFirstRecordByData("pages", "slug", "ask_email"); err == nil {
		subject = strings.ReplaceAll(page.GetString("title"), "{{first_name}}", firstName(customer.GetString("name")))
	}
	outbox, err := tx.FindCollectionByNameOrId("outbox")
	if err != nil {
		return err
	}
	mail := core.NewRecord(outbox)
	mail.Set("kind", "email")
	mail.Set("to", customer.GetString("email"))
	mail.Set("subject", subject)
	mail.Set("payload", map[string]any{"template": "ask_email", "ask": ask.Id})
	mail.Set("ask", ask.Id)
	mail.Set("status", "pending")
	mail.Set("next_attempt_at", types.NowDateTime())
	if err := tx.Save(mail); err != nil {
		return fmt.Errorf("queueing the ask email: %w", err)
	}
	return nil
}

// firstName is the part of a name before the first space.
func firstName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, ' '); i > 0 {
		return name[:i]
	}
	return name
}
