package dashboard

import (
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/listing"
	"warmloop/views/form"
)

// customersPerPage is how many customers a list page shows.
const customersPerPage = 25

// customerOption is one choice of a select or filter, marked when chosen.
type customerOption struct {
	Value, Label string
	Selected     bool
}

// customerLabels name the schema's select values for people.
var customerLabels = map[string]string{
	"direct": "Direct", "referral": "Referral", "import": "Import",
	"nps": "NPS answer", "renewal": "Renewal", "support_win": "Support win",
	"first_outcome": "First outcome", "custom": "Custom",
	"opted_out": "Opted out", "askable": "Can be asked (not opted out)", "referred": "Referred someone",
}

// customerLabel is the label of a select value, or the value itself.
func customerLabel(v string) string {
	if l, ok := customerLabels[v]; ok {
		return l
	}
	return v
}

// customerStates are the list's state filters, in the order shown.
var customerStates = []string{"opted_out", "askable", "referred"}

// schemaValues lists the values a select field of a collection allows, so
// the forms follow the schema.
func schemaValues(app core.App, collection, field string) []string {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil
	}
	if f, ok := c.Fields.GetByName(field).(*core.SelectField); ok {
		return f.Values
	}
	return nil
}

// customerOptions turns values into choices, chosen marking the current one.
func customerOptions(values []string, chosen string) []customerOption {
	opts := make([]customerOption, 0, len(values))
	for _, v := range values {
		opts = append(opts, customerOption{Value: v, Label: customerLabel(v), Selected: v == chosen})
	}
	return opts
}

// customerListPage is the customers list with its search and filters.
type customerListPage struct {
	adminPage
	Q                 string
	Sources, States   []customerOption
	Rows              []customerListRow
	Pager             form.Pager
	Filtered, Anybody bool
}

// customerListRow is one customer as the list shows it.
type customerListRow struct {
	ID          string         `db:"id"`
	Name        string         `db:"name"`
	Company     string         `db:"company"`
	Email       string         `db:"email"`
	Source      string         `db:"source"`
	LastAskedAt types.DateTime `db:"last_asked_at"`
	NextAskAt   types.DateTime `db:"next_ask_at"`
	OptedOut    bool           `db:"opted_out"`
	Referrals   int            `db:"referrals"`
	SourceLabel string         `db:"-"`
	// StatusLabel and StatusClass make the status pill: opted out, in the cadence, or not enrolled.
	StatusLabel, StatusClass string `db:"-"`
}

// customerFilter is the WHERE of the list: the search on name, email and
// company, the source and the state.
func customerFilter(q, source, state string) dbx.Expression {
	var and []dbx.Expression
	if q != "" {
		and = append(and, listing.ContainsAny(q, "name", "email", "company"))
	}
	if source != "" {
		and = append(and, dbx.HashExp{"source": source})
	}
	switch state {
	case "opted_out":
		and = append(and, dbx.HashExp{"opted_out": true})
	case "askable":
		and = append(and, dbx.HashExp{"opted_out": false})
	case "referred":
		and = append(and, dbx.NewExp("EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = customers.id)"))
	}
	return dbx.And(and...)
}

// describeCustomerRow fills the labels a list row shows.
func describeCustomerRow(r *customerListRow) {
	r.SourceLabel = customerLabel(r.Source)
	switch {
	case r.OptedOut:
		r.StatusLabel, r.StatusClass = "Opted out", "opted_out"
	case !r.NextAskAt.IsZero():
		r.StatusLabel, r.StatusClass = "In cadence", "info"
	default:
		r.StatusLabel, r.StatusClass = "Not enrolled", ""
	}
}

// customerList lists customers, newest first, searched and filtered.
func customerList(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	q := strings.TrimSpace(query.Get("q"))
	sources := schemaValues(e.App, "customers", "source")
	source, state := query.Get("source"), query.Get("state")
	if !slices.Contains(sources, source) {
		source = ""
	}
	if !slices.Contains(customerStates, state) {
		state = ""
	}
	where := customerFilter(q, source, state)
	var total int
	if err := e.App.DB().Select("COUNT(*)").From("customers").Where(where).Row(&total); err != nil {
		return err
	}
	pager := form.NewPager(e, total, customersPerPage)
	var rows []customerListRow
	err := e.App.DB().
		Select("id", "name", "company", "email", "source", "last_asked_at", "next_ask_at", "opted_out",
			"(SELECT COUNT(*) FROM referrals r WHERE r.referrer = customers.id) AS referrals").
		From("customers").Where(where).OrderBy("created DESC", "id DESC").
		Limit(int64(pager.PerPage)).Offset(int64(pager.Offset())).All(&rows)
	if err != nil {
		return err
	}
	for i := range rows {
		describeCustomerRow(&rows[i])
	}
	page := customerListPage{
		adminPage: newAdminPage(e, "customers"), Q: q,
		Sources: customerOptions(sources, source), States: customerOptions(customerStates, state),
		Rows: rows, Pager: pager, Filtered: q != "" || source != "" || state != "",
	}
	if page.Filtered {
		var everyone int
		if err := e.App.DB().Select("COUNT(*)").From("customers").Row(&everyone); err != nil {
			return err
		}
		page.Anybody = everyone > 0
	} else {
		page.Anybody = total > 0
	}
	return render(e, http.StatusOK, "admin/customers", page)
}

// customerFormPage is the add-a-customer form.
type customerFormPage struct {
	adminPage
	Form    form.Form
	Sources []customerOption
}

// customerFormFields are the fields the add form shows; a save error on
// any other field is shown above the form.
var customerFormFields = []string{"name", "email", "company", "title", "source"}

// customerNewForm shows the empty add-a-customer form, source "direct".
func customerNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: map[string][]string{"source": {"direct"}}, Errors: map[string]string{}}
	return renderCustomerForm(e, http.StatusOK, f)
}

// renderCustomerForm shows the add form with what was typed and its errors.
func renderCustomerForm(e *core.RequestEvent, status int, f form.Form) error {
	return render(e, status, "admin/customers_new", customerFormPage{
		adminPage: newAdminPage(e, "customers"), Form: f,
		Sources: customerOptions(schemaValues(e.App, "customers", "source"), f.Get("source")),
	})
}

// customerCreate adds one customer and opens their detail.
func customerCreate(e *core.RequestEvent) error {
	f := form.New(e)
	email := customers.CanonicalEmail(f.Get("email"))
	switch {
	case f.Get("name") == "":
		f.Fail("name", "Enter the customer's name.")
	case len([]rune(f.Get("name"))) > 200:
		f.Fail("name", "Keep the name under 200 characters.")
	}
	switch {
	case email == "":
		f.Fail("email", "Enter the customer's email address.")
	case is.EmailFormat.Validate(email) != nil:
		f.Fail("email", "This is not an email address. Check it for typos, like name@company.com.")
	default:
		if _, err := e.App.FindFirstRecordByData("customers", "email", email); err == nil {
			f.Fail("email", "A customer with this email already exists.")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	for _, field := range []string{"company", "title"} {
		if len([]rune(f.Get(field))) > 200 {
			f.Fail(field, "Keep this under 200 characters.")
		}
	}
	if !slices.Contains(schemaValues(e.App, "customers", "source"), f.Get("source")) {
		f.Fail("source", "Choose where the customer came from.")
	}
	if !f.Valid() {
		return renderCustomerForm(e, http.StatusUnprocessableEntity, f)
	}
	coll, err := e.App.FindCachedCollectionByNameOrId("customers")
	if err != nil {
		return err
	}
	c := core.NewRecord(coll)
	c.Set("name", f.Get("name"))
	c.Set("email", email)
	c.Set("company", f.Get("company"))
	c.Set("title", f.Get("title"))
	c.Set("source", f.Get("source"))
	if err := e.App.Save(c); err != nil {
		if !f.FailFromSave(err, customerFormFields) {
			return err
		}
		return renderCustomerForm(e, http.StatusUnprocessableEntity, f)
	}
	return redirectNotice(e, "/dashboard/customers/"+c.Id, "created")
}

// customerOptOut stops every future ask to the customer, as the
// unsubscribe link in an ask email does.
func customerOptOut(e *core.RequestEvent) error {
	return customerSetOptOut(e, true)
}

// customerOptIn lets the customer be asked again from their next happy moment.
func customerOptIn(e *core.RequestEvent) error {
	return customerSetOptOut(e, false)
}

// customerSetOptOut saves the customer's opt-out (as /u/{token} does) and
// goes back to their detail.
func customerSetOptOut(e *core.RequestEvent, out bool) error {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := asks.SetOptedOut(e.App, c, out); err != nil {
		return err
	}
	notice := "optin"
	if out {
		notice = "optout"
	}
	return redirectNotice(e, "/dashboard/customers/"+c.Id, notice)
}
