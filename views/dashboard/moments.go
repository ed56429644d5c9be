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
	"warmloop/internal/locale"
	"warmloop/internal/schema"
	"warmloop/views/form"
)

// momentFormPage is the record-a-moment form.
type momentFormPage struct {
	adminPage
	Form  form.Form
	Kinds []customerOption
	// Locales are the languages the customer may be given: the program's
	// default (which changes nothing) and the shipped five.
	Locales []customerOption
	// Customer is the customer the form was opened for, if any.
	Customer *customers.ListRow
	// Pick is the customer picker's list, empty until something is typed.
	Pick customerPickList
}

// momentFormFields are the fields of the moment form; a save error on any
// other field is shown above the form.
var momentFormFields = []string{"email", "kind", "score", "locale", "comment"}

// momentNewForm shows the form, for the customer of ?customer=id when given.
func momentNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: map[string][]string{"kind": {"nps"}}, Errors: map[string]string{}}
	page := momentFormPage{adminPage: newAdminPage(e, "customers"), Form: f}
	page.Pick.Speaker = page.Speaker
	if id := e.Request.URL.Query().Get("customer"); id != "" {
		c, err := e.App.FindRecordById("customers", id)
		if err != nil {
			return adminNotFound(e)
		}
		f.Values.Set("email", c.GetString("email"))
		page.Customer = &customers.ListRow{ID: c.Id, Name: c.GetString("name"), Email: c.GetString("email")}
	}
	page.Kinds = customerOptions(page.Speaker, schema.SelectValues(e.App, "moments", "kind"), f.Get("kind"))
	page.Locales = customerLocaleOptions(e.App, page.Speaker, "", "")
	return render(e, http.StatusOK, "admin/moment_new", page)
}

// renderMomentForm shows the form again with what was typed and its errors.
func renderMomentForm(e *core.RequestEvent, f form.Form) error {
	page := momentFormPage{adminPage: newAdminPage(e, "customers"), Form: f}
	page.Pick.Speaker = page.Speaker
	page.Kinds = customerOptions(page.Speaker, schema.SelectValues(e.App, "moments", "kind"), f.Get("kind"))
	page.Locales = customerLocaleOptions(e.App, page.Speaker, "", f.Get("locale"))
	return render(e, http.StatusUnprocessableEntity, "admin/moment_new", page)
}

// momentCreate saves a moment for an existing customer; its after-create
// hook applies the ask rule, as for a moment from the API. The customer's
// detail then shows what the rule decided.
func momentCreate(e *core.RequestEvent) error {
	f := form.New(e)
	sp := adminSpeaker(e)
	customer, err := momentCustomer(e.App, sp, f)
	if err != nil {
		return err
	}
	kind := f.Get("kind")
	if !slices.Contains(schema.SelectValues(e.App, "moments", "kind"), kind) {
		f.Fail("kind", sp.T("dash.moment.err.kind"))
	}
	score, hasScore := momentScore(sp, f, kind)
	if len([]rune(f.Get("comment"))) > 5000 {
		f.Fail("comment", sp.T("dash.moment.err.comment_long", "Limit", sp.Number(5000)))
	}
	if loc := f.Get("locale"); loc != "" && !slices.Contains(locale.Shipped, loc) {
		f.Fail("locale", sp.T("dash.moment.err.locale"))
	}
	if !f.Valid() {
		return renderMomentForm(e, f)
	}
	m, err := intake.RecordByHand(e.App, intake.ByHand{
		Customer: customer.Id, Kind: kind, Score: score, HasScore: hasScore, Comment: f.Get("comment"), Locale: f.Get("locale"),
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
func momentCustomer(app core.App, sp locale.Speaker, f form.Form) (*core.Record, error) {
	if f.Get("email") == "" {
		f.Fail("email", sp.T("dash.moment.err.email_missing"))
		return nil, nil
	}
	c, err := customers.FindByEmail(app, f.Get("email"))
	if errors.Is(err, sql.ErrNoRows) {
		f.Fail("email", sp.T("dash.moment.err.email_unknown"))
		return nil, nil
	}
	return c, err
}

// momentScore reads the 0–10 score: required for an NPS answer, optional
// and ignored by the rule otherwise; it fails the score field when wrong.
func momentScore(sp locale.Speaker, f form.Form, kind string) (int, bool) {
	raw := f.Get("score")
	if raw == "" {
		if kind == "nps" {
			f.Fail("score", sp.T("dash.moment.err.score_missing"))
		}
		return 0, false
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 10 {
		f.Fail("score", sp.T("dash.moment.err.score_range"))
		return 0, false
	}
	return n, true
}
