package dashboard

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/views/form"
)

// customerEditFields are the fields the edit form shows.
var customerEditFields = []string{"name", "email", "company", "title", "locale"}

// customerEditForm shows a customer's name, email, company and title to change.
func customerEditForm(e *core.RequestEvent) error {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.Form{Values: map[string][]string{}, Errors: map[string]string{}}
	for _, field := range customerEditFields {
		f.Values.Set(field, c.GetString(field))
	}
	return renderCustomerEdit(e, http.StatusOK, c, f)
}

// renderCustomerEdit shows the edit form with what was typed and its errors.
func renderCustomerEdit(e *core.RequestEvent, status int, c *core.Record, f form.Form) error {
	return render(e, status, "admin/customers_new", customerFormPage{
		adminPage: newAdminPage(e, "customers"), Form: f, EditID: c.Id, EditName: c.GetString("name"),
		Locales: customerLocaleOptions(e.App, adminSpeaker(e), c.GetString("locale"), f.Get("locale")),
	})
}

// customerUpdate saves a customer's changed name, email, company and title;
// a refused change shows the form again with what was typed.
func customerUpdate(e *core.RequestEvent) error {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	name := c.GetString("name")
	f := form.New(e)
	errs, err := customers.Edit(e.App, c, customers.Form{
		Name: f.Get("name"), Email: f.Get("email"), Company: f.Get("company"), Title: f.Get("title"),
		Locale: f.Get("locale"),
	})
	failCustomerForm(adminSpeaker(e), f, errs)
	switch {
	case err != nil && !f.FailFromSave(err, customerEditFields, "form"):
		return err
	case err != nil || !f.Valid():
		c.Set("name", name)
		return renderCustomerEdit(e, http.StatusUnprocessableEntity, c, f)
	}
	return redirectNotice(e, "/dashboard/customers/"+c.Id, "saved")
}

// customerDeletePage asks to confirm deleting customers, naming them and
// counting what goes with them.
type customerDeletePage struct {
	adminPage
	IDs    []string
	People []customerNamed
	// More is how many chosen customers are not named.
	More      int
	Footprint customers.Footprint
	Action    string
	Back      string
}

// customerNamed is a customer a confirmation names.
type customerNamed struct{ Name, Email string }

// customerDeleteNamed is how many customers the confirmation names.
const customerDeleteNamed = 10

// renderCustomerDelete shows the confirmation for deleting the customers of
// ids, posting to action; back is where "Keep them" goes.
func renderCustomerDelete(e *core.RequestEvent, ids []string, action, back string) error {
	fp, err := customers.FootprintOf(e.App, ids)
	if err != nil {
		return err
	}
	recs, err := e.App.FindRecordsByIds("customers", ids)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return adminNotFound(e)
	}
	page := customerDeletePage{adminPage: newAdminPage(e, "customers"), Footprint: fp, Action: action, Back: back}
	for _, r := range recs {
		page.IDs = append(page.IDs, r.Id)
		if len(page.People) < customerDeleteNamed {
			page.People = append(page.People, customerNamed{Name: r.GetString("name"), Email: r.GetString("email")})
		}
	}
	page.More = len(recs) - len(page.People)
	return render(e, http.StatusOK, "admin/customers_delete", page)
}

// customerDelete deletes one customer with everything that goes with them,
// once confirmed; until then it shows what would go.
func customerDelete(e *core.RequestEvent) error {
	id := e.Request.PathValue("id")
	if form.New(e).Get("confirm") != "yes" {
		return renderCustomerDelete(e, []string{id}, "/dashboard/customers/"+id+"/delete", "/dashboard/customers/"+id)
	}
	n, err := customers.Delete(e.App, []string{id})
	if err != nil {
		return err
	}
	if n == 0 {
		return adminNotFound(e)
	}
	return redirectNotice(e, "/dashboard/customers", "deleted")
}
