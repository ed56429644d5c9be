package dashboard

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/locale"
	"warmloop/internal/schema"
	"warmloop/views/form"
)

// customersPerPage is how many customers a list page shows.
const customersPerPage = 25

// customerOption is one choice of a select or filter, marked when chosen.
type customerOption struct {
	Value, Label string
	Selected     bool
}

// customerLabels are the schema's select values the catalog names for
// people, each as dash.label.<value>.
var customerLabels = map[string]bool{
	"direct": true, "referral": true, "import": true,
	"nps": true, "renewal": true, "support_win": true, "first_outcome": true, "custom": true,
	"opted_out": true, "askable": true, "referred": true,
}

// customerLabel is the label of a select value in the reader's language,
// or the value itself when the catalog does not name it.
func customerLabel(sp locale.Speaker, v string) string {
	if customerLabels[v] {
		return sp.T("dash.label." + v)
	}
	return v
}

// customerOptions turns values into choices, chosen marking the current one.
func customerOptions(sp locale.Speaker, values []string, chosen string) []customerOption {
	opts := make([]customerOption, 0, len(values))
	for _, v := range values {
		opts = append(opts, customerOption{Value: v, Label: customerLabel(sp, v), Selected: v == chosen})
	}
	return opts
}

// customerListPage is the customers list with its search and filters.
type customerListPage struct {
	adminPage
	Q                     string
	Sources, States, Tags []customerOption
	Rows                  []customerListRow
	Pager                 form.Pager
	Filtered, Anybody     bool
	// Here is the list's address with its filters and page, where a bulk
	// action comes back to; Export downloads what the filters match.
	Here, Export string
	// Chosen are the customers ticked when a bulk action was refused, Tag
	// the tag that was typed, and BulkError why it was refused.
	Chosen         map[string]bool
	Tag, BulkError string
}

// customerListRow is one customer as the list shows them, with their labels.
type customerListRow struct {
	customers.ListRow
	SourceLabel string
	// StatusLabel and StatusClass make the status pill: opted out, in the cadence, or not enrolled.
	StatusLabel, StatusClass string
	// Chosen is ticked again when a bulk action was refused.
	Chosen bool
}

// customerFilterFrom reads the list's search and filters from its URL; a
// source or state the list does not know narrows nothing.
func customerFilterFrom(q url.Values, sources []string) customers.Filter {
	f := customers.Filter{Q: strings.TrimSpace(q.Get("q")), Source: q.Get("source"), State: q.Get("state"),
		Tag: customers.CleanTag(q.Get("tag"))}
	if !slices.Contains(sources, f.Source) {
		f.Source = ""
	}
	if !slices.Contains(customers.States, f.State) {
		f.State = ""
	}
	return f
}

// describeCustomerRow gives a listed customer the labels the list shows.
func describeCustomerRow(sp locale.Speaker, r customers.ListRow) customerListRow {
	row := customerListRow{ListRow: r, SourceLabel: customerLabel(sp, r.Source)}
	switch {
	case r.OptedOut:
		row.StatusLabel, row.StatusClass = sp.T("dash.customers.status.opted_out"), "opted_out"
	case !r.NextAskAt.IsZero():
		row.StatusLabel, row.StatusClass = sp.T("dash.customers.status.in_cadence"), "info"
	default:
		row.StatusLabel, row.StatusClass = sp.T("dash.customers.status.not_enrolled"), ""
	}
	return row
}

// customerList lists customers, newest first, searched and filtered.
func customerList(e *core.RequestEvent) error {
	page, err := loadCustomerList(e, e.Request.URL.Query())
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "admin/customers", page)
}

// loadCustomerList reads the page of the customers list that q asks for.
func loadCustomerList(e *core.RequestEvent, q url.Values) (customerListPage, error) {
	sources := schema.SelectValues(e.App, "customers", "source")
	f := customerFilterFrom(q, sources)
	total, err := customers.Count(e.App, f)
	if err != nil {
		return customerListPage{}, err
	}
	pager := form.PagerAt("/dashboard/customers", q, total, customersPerPage)
	rows, err := customers.List(e.App, f, pager.PerPage, pager.Offset())
	if err != nil {
		return customerListPage{}, err
	}
	tags, err := customers.AllTags(e.App)
	if err != nil {
		return customerListPage{}, err
	}
	sp := adminSpeaker(e)
	page := customerListPage{
		adminPage: newAdminPage(e, "customers"), Q: f.Q,
		Sources: customerOptions(sp, sources, f.Source), States: customerOptions(sp, customers.States, f.State),
		Tags:  customerOptions(sp, tags, f.Tag),
		Pager: pager, Filtered: !f.Empty(), Anybody: total > 0,
		Here: "/dashboard/customers", Export: "/dashboard/customers/export.csv", Chosen: map[string]bool{},
	}
	if q := customerFilterQuery(f).Encode(); q != "" {
		page.Export += "?" + q
	}
	here := url.Values{}
	for k, v := range q {
		if k != "notice" {
			here[k] = v
		}
	}
	if len(here) > 0 {
		page.Here += "?" + here.Encode()
	}
	for _, r := range rows {
		page.Rows = append(page.Rows, describeCustomerRow(sp, r))
	}
	if page.Filtered {
		// "No customers match" or "no customers yet": is there anybody at all?
		everyone, err := customers.Count(e.App, customers.Filter{})
		if err != nil {
			return page, err
		}
		page.Anybody = everyone > 0
	}
	return page, nil
}

// customerFilterQuery is a filter as the list's URL writes it.
func customerFilterQuery(f customers.Filter) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "source": f.Source, "state": f.State, "tag": f.Tag} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// customerFormPage is the add-a-customer form, or the edit form of the
// customer EditID (named EditName as saved).
type customerFormPage struct {
	adminPage
	Form             form.Form
	Sources          []customerOption
	Locales          []customerOption
	EditID, EditName string
}

// customerFormFields are the fields the add form shows; a save error on
// any other field is shown above the form.
var customerFormFields = []string{"name", "email", "company", "title", "source", "locale"}

// customerNewForm shows the empty add-a-customer form, source "direct".
func customerNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: map[string][]string{"source": {"direct"}}, Errors: map[string]string{}}
	return renderCustomerForm(e, http.StatusOK, f)
}

// renderCustomerForm shows the add form with what was typed and its errors.
func renderCustomerForm(e *core.RequestEvent, status int, f form.Form) error {
	return render(e, status, "admin/customers_new", customerFormPage{
		adminPage: newAdminPage(e, "customers"), Form: f,
		Sources: customerOptions(adminSpeaker(e), schema.SelectValues(e.App, "customers", "source"), f.Get("source")),
		Locales: customerLocaleOptions(e.App, adminSpeaker(e), "", f.Get("locale")),
	})
}

// customerCreate adds one customer and opens their detail.
func customerCreate(e *core.RequestEvent) error {
	f := form.New(e)
	c, errs, err := customers.Add(e.App, customers.Form{
		Name: f.Get("name"), Email: f.Get("email"), Company: f.Get("company"),
		Title: f.Get("title"), Source: f.Get("source"), Locale: f.Get("locale"),
	})
	failCustomerForm(adminSpeaker(e), f, errs)
	switch {
	case err != nil && !f.FailFromSave(err, customerFormFields, "form"):
		return err
	case err != nil || !f.Valid():
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
