package dashboard

import (
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/intake"
	"warmloop/internal/schema"
	"warmloop/views/form"
)

// momentFormPage is the record-a-moment form.
type momentFormPage struct {
	adminPage
	Form  form.Form
	Kinds []customerOption
	// Customer is the customer the form was opened for, if any.
	Customer *customers.ListRow
	// Pick is the customer picker's list, empty until something is typed.
	Pick customerPickList
}

// momentFormFields are the fields of the moment form; a save error on any
// other field is shown above the form.
var momentFormFields = []string{"email", "kind", "score", "comment"}

// momentNewForm shows the form, for the customer of ?customer=id when given.
func momentNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: map[string][]string{"kind": {"nps"}}, Errors: map[string]string{}}
	page := momentFormPage{adminPage: newAdminPage(e, "customers"), Form: f}
	if id := e.Request.URL.Query().Get("customer"); id != "" {
		c, err := e.App.FindRecordById("customers", id)
		if err != nil {
			return adminNotFound(e)
		}
		f.Values.Set("email", c.GetString("email"))
		page.Customer = &customers.ListRow{ID: c.Id, Name: c.GetString("name"), Email: c.GetString("email")}
	}
	page.Kinds = customerOptions(adminSpeaker(e), schema.SelectValues(e.App, "moments", "kind"), f.Get("kind"))
	return render(e, http.StatusOK, "admin/moment_new", page)
}

// renderMomentForm shows the form again with what was typed and its errors.
func renderMomentForm(e *core.RequestEvent, f form.Form) error {
	return render(e, http.StatusUnprocessableEntity, "admin/moment_new", momentFormPage{
		adminPage: newAdminPage(e, "customers"), Form: f,
		Kinds: customerOptions(adminSpeaker(e), schema.SelectValues(e.App, "moments", "kind"), f.Get("kind")),
	})
}

// momentCreate saves a moment for an existing customer; its after-create
// hook applies the ask rule, as for a moment from the API. The customer's
// detail then shows what the rule decided.
func momentCreate(e *core.RequestEvent) error {
	f := form.New(e)
	customer, err := momentCustomer(e.App, f)
	if err != nil {
		return err
	}
	kind := f.Get("kind")
	if !slices.Contains(schema.SelectValues(e.App, "moments", "kind"), kind) {
		f.Fail("kind", "Choose what kind of moment it was.")
	}
	score, hasScore := momentScore(f, kind)
	if len([]rune(f.Get("comment"))) > 5000 {
		f.Fail("comment", "Keep the note under 5,000 characters.")
	}
	if !f.Valid() {
		return renderMomentForm(e, f)
	}
	m, err := intake.RecordByHand(e.App, intake.ByHand{
		Customer: customer.Id, Kind: kind, Score: score, HasScore: hasScore, Comment: f.Get("comment"),
	}, time.Now())
	if err != nil {
		if !f.FailFromSave(err, momentFormFields, "form") {
			return err
		}
		return renderMomentForm(e, f)
	}
	return redirectNotice(e, "/dashboard/customers/"+customer.Id+"?moment="+m.Id, "moment")
}

// momentCustomer finds the customer the form names by email, or fails the
// email field when there is none.
func momentCustomer(app core.App, f form.Form) (*core.Record, error) {
	if f.Get("email") == "" {
		f.Fail("email", "Enter the customer's email address.")
		return nil, nil
	}
	c, err := customers.FindByEmail(app, f.Get("email"))
	if errors.Is(err, sql.ErrNoRows) {
		f.Fail("email", "No customer has this email. Check the spelling, or add the customer first.")
		return nil, nil
	}
	return c, err
}

// momentScore reads the 0–10 score: required for an NPS answer, optional
// and ignored by the rule otherwise; it fails the score field when wrong.
func momentScore(f form.Form, kind string) (int, bool) {
	raw := f.Get("score")
	if raw == "" {
		if kind == "nps" {
			f.Fail("score", "Enter the NPS score, a whole number from 0 to 10.")
		}
		return 0, false
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 10 {
		f.Fail("score", "The score must be a whole number from 0 to 10.")
		return 0, false
	}
	return n, true
}
