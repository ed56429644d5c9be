package hooks

import (
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/intake"
	"warmloop/internal/text"
)

// bindMoments holds every moment, from whatever path it came (REST API,
// webhook, CSV, dashboard), to its rules (checkMoment), fires the moment →
// ask rule once it is committed, and on serve decides any moment a crash
// left undecided.
func bindMoments(app core.App) {
	app.OnRecordAfterCreateSuccess("moments").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("decision") != "" {
			return e.Next() // decided in the transaction that wrote it
		}
		if _, err := asks.DecideMoment(e.App, e.Record, time.Now()); err != nil {
			// The moment is committed; an error here must not fail the
			// request that created it. It stays undecided and is retried
			// on the next start.
			e.App.Logger().Error("deciding a moment failed", "moment", e.Record.Id, "error", err)
		}
		return e.Next()
	})
	app.OnRecordValidate("moments").BindFunc(checkMoment)
	app.OnRecordCreateRequest("moments").BindFunc(resolveCustomerByEmail)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := asks.DecideUndecided(se.App, time.Now()); err != nil {
			return err
		}
		return se.Next()
	})
}

// resolveCustomerByEmail lets an integration that knows only an email create
// a moment through the REST API: with no customer id, customer_email (plus
// customer_name, customer_company and customer_locale, optional) finds or
// creates the customer; the locale is given as a tool's is (intake.WithLocale). Source defaults to "api" and occurred_at to now. The customer is
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
	if _, scored := info.Body["score"]; e.Record.GetString("kind") == "nps" && !scored {
		// Without it the answer would be stored as a 0, a detractor.
		return apis.NewBadRequestError("an nps moment needs its score", map[string]any{
			"score": validation.NewError("validation_required", "An NPS answer needs its score, 0 to 10."),
		})
	}
	email, _ := info.Body["customer_email"].(string)
	if e.Record.GetString("customer") != "" || strings.TrimSpace(email) == "" {
		return e.Next()
	}
	if !customers.ValidEmail(customers.CanonicalEmail(email)) {
		return apis.NewBadRequestError("customer_email is not an email address", map[string]any{
			"customer_email": validation.NewError("validation_invalid_email",
				"Must be a plain email address, such as name@company.com."),
		})
	}
	name, _ := info.Body["customer_name"].(string)
	company, _ := info.Body["customer_company"].(string)
	loc, _ := info.Body["customer_locale"].(string)
	return e.App.RunInTransaction(func(tx core.App) error {
		customer, err := customers.FindOrNew(tx, email, name, company)
		if err != nil {
			return err
		}
		if intake.WithLocale(customer, loc) || customer.IsNew() {
			if err := tx.Save(customer); err != nil {
				return err
			}
		}
		e.Record.Set("customer", customer.Id)
		e.App = tx
		return e.Next()
	})
}

// checkMoment is every rule a moment keeps, whatever path writes it: a time
// it happened that can be true (intake.OccurredAtProblem), checked when it
// is set, and a comment cleaned of what nobody types on purpose.
func checkMoment(e *core.RecordEvent) error {
	at := e.Record.GetDateTime("occurred_at")
	changed := e.Record.IsNew() || !at.Equal(e.Record.Original().GetDateTime("occurred_at"))
	if !at.IsZero() && changed {
		if problem := intake.OccurredAtProblem(at.Time(), time.Now()); problem != "" {
			return validation.Errors{"occurred_at": validation.NewError("validation_out_of_range", "occurred_at "+problem)}
		}
	}
	e.Record.Set("comment", text.Block(e.Record.GetString("comment")))
	return e.Next()
}
