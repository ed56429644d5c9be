package dashboard

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"warmloop/internal/intake"
	"warmloop/views/form"
	"warmloop/views/site"
)

// customerImportMaxBytes is the largest CSV the dashboard imports.
const customerImportMaxBytes = 10 << 20

// customerImportShownRejections is how many rejected lines a summary lists.
const customerImportShownRejections = 500

// customerImportKeep is how long a finished import's summary stays readable.
const customerImportKeep = time.Hour

// customerImportJob is one CSV import running in the background.
type customerImportJob struct {
	ID, File    string
	Done, Total int
	Finished    bool
	Summary     intake.ImportSummary
	Failure     string
	finishedAt  time.Time
}

// customerImportJobs holds the imports of this process, by random id.
var customerImportJobs = struct {
	sync.Mutex
	byID map[string]*customerImportJob
}{byID: map[string]*customerImportJob{}}

// startCustomerImport registers a job for a checked file and writes it in
// the background; the returned id reads its progress.
func startCustomerImport(app core.App, name string, file intake.CustomersFile) string {
	job := &customerImportJob{ID: security.RandomString(24), File: name, Total: file.Total}
	customerImportJobs.Lock()
	for id, old := range customerImportJobs.byID {
		if old.Finished && time.Since(old.finishedAt) > customerImportKeep {
			delete(customerImportJobs.byID, id)
		}
	}
	customerImportJobs.byID[job.ID] = job
	customerImportJobs.Unlock()

	go func() {
		var sum intake.ImportSummary
		failure := ""
		defer func() {
			if r := recover(); r != nil {
				app.Logger().Error("customer import failed", "job", job.ID, "error", r)
				failure = "The import stopped unexpectedly. Customers created so far are kept; import the file again to add the rest (those already there are skipped)."
			}
			customerImportJobs.Lock()
			job.Finished, job.finishedAt, job.Summary, job.Failure, job.Done = true, time.Now(), sum, failure, job.Total
			customerImportJobs.Unlock()
		}()
		sum = intake.SaveCustomers(app, file, func(done, total int) {
			customerImportJobs.Lock()
			job.Done = done
			customerImportJobs.Unlock()
		})
	}()
	return job.ID
}

// customerImportSnapshot copies a job's state for rendering, false when there is no such job.
func customerImportSnapshot(id string) (customerImportView, bool) {
	customerImportJobs.Lock()
	defer customerImportJobs.Unlock()
	job, ok := customerImportJobs.byID[id]
	if !ok {
		return customerImportView{}, false
	}
	v := customerImportView{
		ID: job.ID, File: job.File, Done: job.Done, Total: max(job.Total, 1), Lines: job.Total,
		Finished: job.Finished, Failure: job.Failure,
		Created: job.Summary.Created, Skipped: job.Summary.Duplicates,
		RejectedCount: len(job.Summary.Rejected),
	}
	shown := min(len(job.Summary.Rejected), customerImportShownRejections)
	v.Rejected = append([]intake.Rejection(nil), job.Summary.Rejected[:shown]...)
	v.RejectedMore = v.RejectedCount - shown
	v.Percent = 100 * job.Done / v.Total
	return v, true
}

// customerImportView is what the progress fragment shows of a job.
type customerImportView struct {
	ID, File, Failure           string
	Done, Total, Lines          int
	Percent                     int
	Finished                    bool
	Created, Skipped            int
	Rejected                    []intake.Rejection
	RejectedCount, RejectedMore int
}

// customerImportPage is the import form, or a job's progress and summary.
type customerImportPage struct {
	adminPage
	Form form.Form
	Job  *customerImportView
	Max  string
}

// customerImportForm shows the upload form with the columns it reads.
func customerImportForm(e *core.RequestEvent) error {
	return renderCustomerImport(e, http.StatusOK, form.Form{Errors: map[string]string{}}, nil)
}

// renderCustomerImport shows the import screen.
func renderCustomerImport(e *core.RequestEvent, status int, f form.Form, job *customerImportView) error {
	return render(e, status, "admin/customers_import", customerImportPage{
		adminPage: newAdminPage(e, "customers"), Form: f, Job: job, Max: "10 MB",
	})
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
	id := startCustomerImport(e.App, name, file)
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
// bar while running, the summary once done), otherwise the whole page.
func customerImportProgress(e *core.RequestEvent) error {
	job, ok := customerImportSnapshot(e.Request.PathValue("job"))
	if !ok {
		if site.IsHTMX(e) {
			return renderPartial(e, http.StatusOK, "admin/customers_import", "gone", nil)
		}
		return adminError(e, http.StatusNotFound, "Import not found",
			"This import is no longer available: summaries are kept for an hour, and not across a restart. Customers it created are in the list; import the file again to check the rest (those already there are skipped).")
	}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "admin/customers_import", "job", job)
	}
	return renderCustomerImport(e, http.StatusOK, form.Form{Errors: map[string]string{}}, &job)
}
