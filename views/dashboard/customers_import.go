package dashboard

import (
	"bytes"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/views/form"
	"warmloop/views/site"
)

// customerImportMaxBytes is the largest CSV the dashboard imports.
const customerImportMaxBytes = 10 << 20

// customerImportRecent is how many of the latest imports the form lists.
const customerImportRecent = 5

// customerImportView is what the progress fragment shows of a job.
type customerImportView struct {
	ID, File, Failure           string
	Done, Total, Lines          int
	Percent                     int
	Finished, Interrupted       bool
	Created, Skipped            int
	Rejected                    []intake.Rejection
	RejectedCount, RejectedMore int
	// Undone is set once the import was undone; UndoneCount is how many customers that deleted.
	Undone      bool
	UndoneCount int
}

// customerImportViewOf is what the progress fragment shows of job.
func customerImportViewOf(job intake.ImportJob) customerImportView {
	v := customerImportView{
		ID: job.ID, File: job.File, Done: job.Done, Total: max(job.Total, 1), Lines: job.Total,
		Finished:    job.Status == intake.ImportDone || job.Status == intake.ImportFailed,
		Interrupted: job.Status == intake.ImportInterrupted,
		Created:     job.Created, Skipped: job.Skipped,
		Rejected: job.Rejected, RejectedCount: job.RejectedCount,
		Undone: !job.Undone.IsZero(), UndoneCount: job.UndoneCount,
	}
	if !job.Running() {
		v.Failure = job.Error
	}
	v.RejectedMore = max(v.RejectedCount-len(v.Rejected), 0)
	v.Percent = 100 * min(job.Done, v.Total) / v.Total
	return v
}

// customerImportStatus names a job's status for the list of imports.
var customerImportStatus = map[string]string{
	intake.ImportRunning: "Running", intake.ImportDone: "Finished",
	intake.ImportFailed: "Stopped on an error", intake.ImportInterrupted: "Interrupted by a restart",
}

// customerImportRow is one of the latest imports, as the form lists it.
type customerImportRow struct {
	ID, File, Status string
	Started          time.Time
	Lines            int
}

// customerImportPage is the import form, or a job's progress and summary.
type customerImportPage struct {
	adminPage
	Form   form.Form
	Job    *customerImportView
	Recent []customerImportRow
	Max    string
}

// customerImportForm shows the upload form with the columns it reads, and
// the latest imports.
func customerImportForm(e *core.RequestEvent) error {
	return renderCustomerImport(e, http.StatusOK, form.Form{Errors: map[string]string{}}, nil)
}

// renderCustomerImport shows the import screen: a job, or the form.
func renderCustomerImport(e *core.RequestEvent, status int, f form.Form, job *customerImportView) error {
	page := customerImportPage{adminPage: newAdminPage(e, "customers"), Form: f, Job: job, Max: "10 MB"}
	if job == nil {
		jobs, err := intake.RecentImports(e.App, customerImportRecent)
		if err != nil {
			return err
		}
		for _, j := range jobs {
			page.Recent = append(page.Recent, customerImportRow{ID: j.ID, File: j.File,
				Status: customerImportStatus[j.Status], Started: j.Started, Lines: j.Total})
		}
	}
	return render(e, status, "admin/customers_import", page)
}

// customerImportStart checks the uploaded file, starts its import and
// sends the browser to the job's progress page.
func customerImportStart(e *core.RequestEvent) error {
	f := form.Form{Errors: map[string]string{}}
	name, data, problem := readCustomerUpload(e)
	if problem != "" {
		f.Fail("file", problem)
		return renderCustomerImport(e, http.StatusUnprocessableEntity, f, nil)
	}
	file, err := intake.ReadCustomers(bytes.NewReader(data))
	switch {
	case err != nil:
		f.Fail("file", form.Sentence(err.Error()))
	case file.Total == 0:
		f.Fail("file", "The file has a header row but no customers under it.")
	}
	if !f.Valid() {
		return renderCustomerImport(e, http.StatusUnprocessableEntity, f, nil)
	}
	id, err := intake.StartCustomersImport(e.App, name, e.Auth.Email(), file)
	if err != nil {
		return err
	}
	return e.Redirect(http.StatusSeeOther, "/dashboard/customers/import/"+id)
}

// readCustomerUpload reads the posted file, or says in a sentence what is
// wrong with it: missing, too large, or not CSV text.
func readCustomerUpload(e *core.RequestEvent) (string, []byte, string) {
	e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, customerImportMaxBytes+1<<20)
	if err := e.Request.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, "The file is larger than 10 MB. Split it into smaller files and import each."
		}
		return "", nil, "Choose a CSV file to import."
	}
	upload, header, err := e.Request.FormFile("file")
	if err != nil {
		return "", nil, "Choose a CSV file to import."
	}
	defer upload.Close()
	if header.Size > customerImportMaxBytes {
		return "", nil, "The file is larger than 10 MB. Split it into smaller files and import each."
	}
	data, err := io.ReadAll(io.LimitReader(upload, customerImportMaxBytes+1))
	switch {
	case err != nil:
		return "", nil, "The file could not be read. Try uploading it again."
	case len(data) > customerImportMaxBytes:
		return "", nil, "The file is larger than 10 MB. Split it into smaller files and import each."
	case len(data) == 0:
		return "", nil, "The file is empty. Choose a CSV file with a header row and one customer per line."
	}
	if err := intake.CheckCSVText(header.Filename, data); err != nil {
		return "", nil, err.Error()
	}
	return header.Filename, data, ""
}

// customerImportProgress shows a job: for htmx the fragment it polls (the
// bar while running, the summary once it ended), otherwise the whole page.
func customerImportProgress(e *core.RequestEvent) error {
	job, err := intake.FindImport(e.App, e.Request.PathValue("job"))
	if errors.Is(err, sql.ErrNoRows) {
		if site.IsHTMX(e) {
			return renderPartial(e, http.StatusOK, "admin/customers_import", "gone", nil)
		}
		return adminError(e, http.StatusNotFound, "Import not found",
			"There is no import at this address: it was deleted, or the address is mistyped. Customers it created are in the list; import the file again to check the rest (those already there are skipped).")
	}
	if err != nil {
		return err
	}
	v := customerImportViewOf(job)
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "admin/customers_import", "job", v)
	}
	return renderCustomerImport(e, http.StatusOK, form.Form{Errors: map[string]string{}}, &v)
}
