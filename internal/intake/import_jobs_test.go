package intake_test

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

// jobCSV has two good lines, a customer already there (Ana), a bad email,
// a missing one and a duplicate inside the file.
const jobCSV = `email,name
hana@harbor.example,Hana Hart
not-an-email,Nobody
ana@northwind.example,Ana Lima
,No Email
ivan@ironwood.example,Ivan
HANA@harbor.example,Hana Twice
`

// readJobFile reads a customers CSV, failing the test on error.
func readJobFile(t *testing.T, csv string) intake.CustomersFile {
	t.Helper()
	f, err := intake.ReadCustomers(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// findJob reads a job, failing the test on error.
func findJob(t *testing.T, app core.App, id string) intake.ImportJob {
	t.Helper()
	job, err := intake.FindImport(app, id)
	if err != nil {
		t.Fatal(err)
	}
	return job
}

// jobCSVRejected are jobCSV's rejected lines, as a summary lists them:
// in English, and as data for a reader's words.
var jobCSVRejected = []intake.Rejection{
	{Line: 3, Reason: `email "not-an-email" is not an email address`, Problem: intake.LineEmailInvalid, Value: "not-an-email"},
	{Line: 5, Reason: "email is missing", Problem: intake.LineEmailMissing},
	{Line: 7, Reason: "email hana@harbor.example is a duplicate of line 2 in this file", Problem: intake.LineEmailRepeated,
		Value: "hana@harbor.example", Other: 2},
}

func TestCustomersImportJobKeepsItsProgressAndSummaryOnItsRow(t *testing.T) {
	app := schemaapp.New(t)
	schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	f := readJobFile(t, jobCSV)

	id, err := intake.NewCustomersImport(app, "q3\x00-customers.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	job := findJob(t, app, id)
	if !job.Running() || job.Kind != "customers" || job.File != "q3-customers.csv" || job.StartedBy != "admin@warmloop.test" {
		t.Errorf("a new job reads %+v, want a running customers import of q3-customers.csv by the admin", job)
	}
	if job.Total != 6 || job.Done != 3 || job.RejectedCount != 3 || !reflect.DeepEqual(job.Rejected, jobCSVRejected) {
		t.Errorf("a new job counts %d of %d done, %d rejected %v; want the 3 lines refused on reading done and kept",
			job.Done, job.Total, job.RejectedCount, job.Rejected)
	}

	if err := intake.RunCustomersImport(app, id, f); err != nil {
		t.Fatal(err)
	}
	job = findJob(t, app, id)
	if job.Status != intake.ImportDone || job.Error != "" {
		t.Errorf("the job ended %q (%q), want done", job.Status, job.Error)
	}
	if job.Done != 6 || job.Created != 2 || job.Skipped != 1 || job.RejectedCount != 3 || !reflect.DeepEqual(job.Rejected, jobCSVRejected) {
		t.Errorf("the job ended with %d done, %d created, %d skipped, %d rejected %v", job.Done, job.Created, job.Skipped, job.RejectedCount, job.Rejected)
	}
	if n, _ := app.CountRecords("customers"); n != 3 {
		t.Errorf("%d customers after the import, want 3", n)
	}
}

func TestImportJobsSurviveARestartAndARunningOneIsInterrupted(t *testing.T) {
	app := schemaapp.Bare(t)
	f := readJobFile(t, jobCSV)
	finished, err := intake.NewCustomersImport(app, "done.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(app, finished, f); err != nil {
		t.Fatal(err)
	}
	// The process stops while this one runs: its row says running.
	stopped, err := intake.NewCustomersImport(app, "stopped.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	before := findJob(t, app, finished)
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}

	// A new process on the same data.
	restarted := schemaapp.Copy(t, app.DataDir())
	t.Cleanup(func() { restarted.Cleanup(); app.Cleanup() })
	if job := findJob(t, restarted, stopped); !job.Running() {
		t.Fatalf("before the start marks it, the stopped job reads %q", job.Status)
	}
	n, err := intake.MarkInterruptedImports(restarted)
	if err != nil || n != 1 {
		t.Fatalf("marked %d jobs interrupted (%v), want the one that was running", n, err)
	}
	if after := findJob(t, restarted, finished); !reflect.DeepEqual(after, before) {
		t.Errorf("the finished job after a restart reads\n%+v\nwant\n%+v", after, before)
	}
	job := findJob(t, restarted, stopped)
	if job.Status != intake.ImportInterrupted || job.Running() {
		t.Errorf("the stopped job reads %q, want interrupted", job.Status)
	}
	for _, want := range []string{"server stopped", "Import the same file again", "already there are skipped"} {
		if !strings.Contains(job.Error, want) {
			t.Errorf("the interrupted job's message %q does not say %q", job.Error, want)
		}
	}
	if job.Done != 3 || job.RejectedCount != 3 || len(job.Rejected) != 3 {
		t.Errorf("the interrupted job lost what it had: %d done, %d rejected, %d kept", job.Done, job.RejectedCount, len(job.Rejected))
	}
	if n, _ := intake.MarkInterruptedImports(restarted); n != 0 {
		t.Errorf("a second start marked %d more jobs interrupted", n)
	}
}

func TestImportJobWritesItsProgressAFewTimesASecondNotPerLine(t *testing.T) {
	app := schemaapp.New(t)
	var csv strings.Builder
	csv.WriteString("email\n")
	for i := range 1000 {
		fmt.Fprintf(&csv, "person%d@example.com\n", i)
	}
	f := readJobFile(t, csv.String())
	id, err := intake.NewCustomersImport(app, "big.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	// Each customer takes a little time, so the import lasts about a second.
	app.OnRecordCreate("customers").BindFunc(func(e *core.RecordEvent) error {
		time.Sleep(300 * time.Microsecond)
		return e.Next()
	})
	var written []int
	app.OnRecordUpdate("imports").BindFunc(func(e *core.RecordEvent) error {
		written = append(written, e.Record.GetInt("done"))
		return e.Next()
	})
	start := time.Now()
	if err := intake.RunCustomersImport(app, id, f); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	// One write per quarter second at most, plus the last one.
	if most := int(took/(250*time.Millisecond)) + 1; len(written) > most || len(written) == 0 {
		t.Errorf("%d progress writes in %v, want 1 to %d", len(written), took, most)
	}
	if len(written) < 2 {
		t.Errorf("one write in %v: the progress was not written as the import went", took)
	}
	for _, done := range written {
		if done%200 != 0 {
			t.Errorf("progress written at %d lines, not after a batch of 200", done)
		}
	}
	if job := findJob(t, app, id); job.Done != 1000 || job.Created != 1000 || job.Status != intake.ImportDone {
		t.Errorf("the job ended %q with %d done, %d created", job.Status, job.Done, job.Created)
	}
}

func TestImportJobKeepsTheFirstRejectedLinesAndCountsThemAll(t *testing.T) {
	app := schemaapp.New(t)
	var csv strings.Builder
	csv.WriteString("email\n")
	for i := range 600 {
		fmt.Fprintf(&csv, "not-an-email-%d\n", i)
	}
	fmt.Fprintf(&csv, "%s\n", strings.Repeat("x", 5000)) // line 602, beyond what is kept
	csv.WriteString("ok@example.com\n")
	f := readJobFile(t, csv.String())
	f.Rejected[0].Reason = strings.Repeat("long reason ", 100)
	id, err := intake.NewCustomersImport(app, "bad.csv", "admin@warmloop.test", f)
	if err != nil {
		t.Fatal(err)
	}
	if err := intake.RunCustomersImport(app, id, f); err != nil {
		t.Fatal(err)
	}
	job := findJob(t, app, id)
	if job.RejectedCount != 601 || job.Created != 1 || len(job.Rejected) != intake.KeptRejections {
		t.Fatalf("the job counts %d rejected, %d created, keeps %d lines; want 601, 1 and %d",
			job.RejectedCount, job.Created, len(job.Rejected), intake.KeptRejections)
	}
	if first, last := job.Rejected[0], job.Rejected[len(job.Rejected)-1]; first.Line != 2 || last.Line != 501 {
		t.Errorf("kept lines %d to %d, want the first: 2 to 501", first.Line, last.Line)
	}
	if n := len([]rune(job.Rejected[0].Reason)); n > 300 || !strings.HasSuffix(job.Rejected[0].Reason, "…") {
		t.Errorf("a long reason is kept at %d runes, want it cut to 300", n)
	}
}

func TestFindImportSaysWhenThereIsNoSuchJob(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := intake.FindImport(app, "nosuchjob000000"); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("an unknown job: %v, want sql.ErrNoRows", err)
	}
}

func TestRecentImportsListsTheLatestFirst(t *testing.T) {
	app := schemaapp.New(t)
	f := readJobFile(t, jobCSV)
	var ids []string
	for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
		id, err := intake.NewCustomersImport(app, name, "admin@warmloop.test", f)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		time.Sleep(2 * time.Millisecond) // distinct created times
	}
	jobs, err := intake.RecentImports(app, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 || jobs[0].ID != ids[2] || jobs[1].ID != ids[1] {
		t.Errorf("latest imports %+v, want c.csv then b.csv", jobs)
	}
}
