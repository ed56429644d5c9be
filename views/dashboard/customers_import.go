package dashboard

import (
	"bytes"
	"cmp"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"strings"
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
	// adminPage lends the fragment the reader's language and the program's zone.
	adminPage
	ID, File, Failure           string
	Done, Total, Lines          int
	Percent                     int
	Finished, Interrupted       bool
	Created, Skipped            int
	Rejected                    []importRefusal
	RejectedCount, RejectedMore int
	// Undone is set once the import was undone; UndoneCount is how many customers that deleted.
	Undone      bool
	UndoneCount int
}

// customerImportViewOf is what the progress fragment shows of job.
func customerImportViewOf(page adminPage, job intake.ImportJob) customerImportView {
	v := customerImportView{
		adminPage: page,
		ID:        job.ID, File: job.File, Done: job.Done, Total: max(job.Total, 1), Lines: job.Total,
		Finished:    job.Status == intake.ImportDone || job.Status == intake.ImportFailed,
		Interrupted: job.Status == intake.ImportInterrupted,
		Created:     job.Created, Skipped: job.Skipped,
		Rejected: importRefusals(page, job.Rejected), RejectedCount: job.RejectedCount,
		Undone: !job.Undone.IsZero(), UndoneCount: job.UndoneCount,
	}
	if !job.Running() {
		v.Failure = importNote(page, job)
	}
	v.RejectedMore = max(v.RejectedCount-len(v.Rejected), 0)
	v.Percent = 100 * min(job.Done, v.Total) / v.Total
	return v
}

// customerImportStatuses are a job's statuses, each named for the list of
// imports as dash.import.status.<status>.
var customerImportStatuses = []string{intake.ImportRunning, intake.ImportDone, intake.ImportFailed, intake.ImportInterrupted}

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
	page := customerImportPage{adminPage: newAdminPage(e, "customers"), Form: f, Job: job}
	page.Max = page.T("dash.import.max")
	if job == nil {
		jobs, err := intake.RecentImports(e.App, customerImportRecent)
		if err != nil {
			return err
		}
		for _, j := range jobs {
			page.Recent = append(page.Recent, customerImportRow{ID: j.ID, File: j.File,
				Status:  cmp.Or(catalogLabel(page.Speaker, "dash.import.status.", j.Status, customerImportStatuses), j.Status),
				Started: j.Started, Lines: j.Total})
		}
	}
	return render(e, status, "admin/customers_import", page)
}

// customerImportStart checks the uploaded file, starts its import and
// sends the browser to the job's progress page.
func customerImportStart(e *core.RequestEvent) error {
	f := form.Form{Errors: map[string]string{}}
	sp := adminSpeaker(e)
	name, data, problem := readCustomerUpload(e)
	if problem != "" {
		if strings.HasPrefix(problem, "dash.") {
			problem = sp.T(problem)
		}
		f.Fail("file", problem)
		return renderCustomerImport(e, http.StatusUnprocessableEntity, f, nil)
	}
	file, err := intake.ReadCustomers(bytes.NewReader(data))
	var unfit *intake.FileError
	switch {
	case errors.As(err, &unfit):
		f.Fail("file", sp.T("dash.words.import.file."+unfit.Problem, "Detail", unfit.Detail))
	case err != nil:
		f.Fail("file", form.Sentence(err.Error()))
	case file.Total == 0:
		f.Fail("file", sp.T("dash.import.err.no_rows"))
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

// readCustomerUpload reads the posted file, or says what is wrong with it:
// missing, too large or unreadable as a catalog key (dash.import.err.…),
// not CSV text in the intake package's sentence.
func readCustomerUpload(e *core.RequestEvent) (string, []byte, string) {
	e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, customerImportMaxBytes+1<<20)
	if err := e.Request.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, "dash.import.err.too_large"
		}
		return "", nil, "dash.import.err.no_file"
	}
	upload, header, err := e.Request.FormFile("file")
	if err != nil {
		return "", nil, "dash.import.err.no_file"
	}
	defer upload.Close()
	if header.Size > customerImportMaxBytes {
		return "", nil, "dash.import.err.too_large"
	}
	data, err := io.ReadAll(io.LimitReader(upload, customerImportMaxBytes+1))
	switch {
	case err != nil:
		return "", nil, "dash.import.err.unreadable"
	case len(data) > customerImportMaxBytes:
		return "", nil, "dash.import.err.too_large"
	case len(data) == 0:
		return "", nil, "dash.import.err.empty"
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
			return renderPartial(e, http.StatusOK, "admin/customers_import", "gone", newAdminPage(e, "customers"))
		}
		sp := adminSpeaker(e)
		return adminError(e, http.StatusNotFound, sp.T("dash.import.not_found"), sp.T("dash.import.not_found_help"))
	}
	if err != nil {
		return err
	}
	v := customerImportViewOf(newAdminPage(e, "customers"), job)
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "admin/customers_import", "job", v)
	}
	return renderCustomerImport(e, http.StatusOK, form.Form{Errors: map[string]string{}}, &v)
}
