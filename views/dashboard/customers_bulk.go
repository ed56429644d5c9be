package dashboard

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/schema"
	"warmloop/views/form"
)

// customerBulkMax is the most customers one bulk action takes: a list page's worth, many times over.
const customerBulkMax = 500

// customerBulk acts on the customers ticked in the list: opt out, tag,
// untag, or delete (after a confirmation that counts what goes with them).
// A request with nothing ticked, an unknown action or a bad tag shows the
// list again with what was ticked and what is wrong.
func customerBulk(e *core.RequestEvent) error {
	f := form.New(e)
	ids := f.Values["id"]
	back := customersBack(f.Get("back"))
	action := f.Get("action")
	switch {
	case len(ids) == 0:
		return customerBulkRefused(e, back, ids, "Tick at least one customer, then choose what to do.")
	case len(ids) > customerBulkMax:
		return customerBulkRefused(e, back, ids, "Choose at most "+strconv.Itoa(customerBulkMax)+" customers at once.")
	}
	switch action {
	case "optout":
		if err := asks.SetOptedOutMany(e.App, ids, true); err != nil {
			return err
		}
		return redirectNotice(e, back, "optout_many")
	case "tag", "untag":
		tag := customers.CleanTag(f.Get("tag"))
		if problem := customers.CheckTag(tag); problem != "" {
			return customerBulkRefused(e, back, ids, problem)
		}
		if _, err := customers.Tag(e.App, ids, tag, action == "tag"); err != nil {
			return customerBulkRefused(e, back, ids, form.Sentence(err.Error()))
		}
		return redirectNotice(e, back, action+"ged")
	case "delete":
		if f.Get("confirm") != "yes" {
			return renderCustomerDelete(e, ids, "/dashboard/customers/bulk", back)
		}
		if _, err := customers.Delete(e.App, ids); err != nil {
			return err
		}
		return redirectNotice(e, back, "deleted_many")
	}
	return customerBulkRefused(e, back, ids, "Choose what to do with the ticked customers.")
}

// customerBulkRefused shows the list of back again, the customers of ids
// still ticked, with why the action was refused.
func customerBulkRefused(e *core.RequestEvent, back string, ids []string, problem string) error {
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: "/dashboard/customers"}
	}
	page, err := loadCustomerList(e, u.Query())
	if err != nil {
		return err
	}
	page.BulkError = problem
	page.Tag = form.New(e).Get("tag")
	for _, id := range ids {
		page.Chosen[id] = true
	}
	for i := range page.Rows {
		page.Rows[i].Chosen = page.Chosen[page.Rows[i].ID]
	}
	return render(e, http.StatusUnprocessableEntity, "admin/customers", page)
}

// customersBack is where a bulk action returns: the list with its filters,
// or the plain list for anything else.
func customersBack(back string) string {
	if back == "/dashboard/customers" || strings.HasPrefix(back, "/dashboard/customers?") {
		return back
	}
	return "/dashboard/customers"
}

// customersExportHeader is the export's first line.
var customersExportHeader = []string{"id", "created", "name", "email", "company", "title", "source", "source_detail",
	"opted_out", "tags", "referrals"}

// customersExport streams every customer the list's filters match as CSV.
func customersExport(e *core.RequestEvent) error {
	f := customerFilterFrom(e.Request.URL.Query(), schema.SelectValues(e.App, "customers", "source"))
	rows, err := customers.StreamExport(e.App, f)
	if err != nil {
		return err
	}
	return streamCSV(e, "customers", customersExportHeader, rows, func(rows *dbx.Rows) ([]string, error) {
		var r customers.ExportRow
		err := rows.ScanStruct(&r)
		return customerCSVRecord(r), err
	})
}

// customerCSVRecord is one customer as a line of the export, under its header.
func customerCSVRecord(r customers.ExportRow) []string {
	return []string{r.ID, r.Created.Time().UTC().Format(time.RFC3339), r.Name, r.Email, r.Company, r.Title,
		r.Source, r.SourceDetail, strconv.FormatBool(r.OptedOut), strings.Join(r.Tags, ", "), strconv.Itoa(r.Referrals)}
}
