package hooks

import (
	"net/mail"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
)

// bindMoments fires the moment → ask rule once a moment is committed, from
// whatever path it came (REST API, webhook, CSV, dashboard), and on serve
// decides any moment a crash left undecided.
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
	if _, err := mail.ParseAddress(email); err != nil {
		return apis.NewBadRequestError("customer_email is not an email address", map[string]any{
			"customer_email": validation.NewError("validation_invalid_email", "Must be a valid email address."),
		})
	}
	name, _ := info.Body["customer_name"].(string)
	company, _ := info.Body["customer_company"].(string)
	return e.App.RunInTransaction(func(tx core.App) error {
		customer, err := customers.FindOrCreate(tx, email, name, company)
		if err != nil {
			return err
		}
		e.Record.Set("customer", customer.Id)
		e.App = tx
		return e.Next()
	})
}
