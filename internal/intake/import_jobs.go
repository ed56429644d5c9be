package intake

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/text"
)

// The states of an import job, as its row keeps them.
const (
	ImportRunning     = "running"
	ImportDone        = "done"
	ImportFailed      = "failed"
	ImportInterrupted = "interrupted"
)

// KeptRejections is how many rejected lines an import job keeps to show,
// the first by line number; its count covers every one.
const KeptRejections = 500

// keptReasonRunes bounds one kept reason, so the kept lines stay far under
// the rejected_lines field's size limit whatever a line held.
const keptReasonRunes = 300

// importWriteEvery is the least time between two progress writes of a
// running job: a few writes a second, whatever the size of the file.
const importWriteEvery = 250 * time.Millisecond

// What a job that did not end by itself says; both keep the customers
// written so far, and both say that importing the file again is safe.
const (
	importFailedNote      = "The import stopped unexpectedly. Customers created so far are kept; import the file again to add the rest (those already there are skipped)."
	importInterruptedNote = "The server stopped while this file was being imported. Customers created before it stopped are kept. Import the same file again to add the rest: customers already there are skipped, so nobody is added twice."
)

// ImportJob is one import as its row in "imports" keeps it.
type ImportJob struct {
	ID, Kind, File, Status string
	// Error says why a failed or interrupted job did not end by itself.
	Error, StartedBy                             string
	Total, Done, Created, Skipped, RejectedCount int
	// Rejected are the first KeptRejections rejected lines, by line.
	Rejected         []Rejection
	Started, Updated time.Time
	// Undone is when the import was undone (zero while it stands), and
	// UndoneCount how many customers that deleted.
	Undone      time.Time
	UndoneCount int
}

// Running reports whether the job is still being written.
func (j ImportJob) Running() bool { return j.Status == ImportRunning }

// keptRejection is how a rejected line is kept in rejected_lines.
type keptRejection struct {
	Line    int    `json:"line"`
	Reason  string `json:"reason"`
	Problem string `json:"problem,omitempty"`
	Value   string `json:"value,omitempty"`
	Other   int    `json:"other,omitempty"`
}

// StartCustomersImport writes a running job for f, a checked customers
// file, and saves its customers in the background; the id reads its
// progress with FindImport. startedBy is the admin's email.
func StartCustomersImport(app core.App, file, startedBy string, f CustomersFile) (string, error) {
	id, err := NewCustomersImport(app, file, startedBy, f)
	if err != nil {
		return "", err
	}
	go func() {
		if err := RunCustomersImport(app, id, f); err != nil {
			app.Logger().Error("customer import failed", "import", id, "error", err)
		}
	}()
	return id, nil
}

// NewCustomersImport writes the row of a job that will import f: running,
// with the lines already refused on reading counted as done and kept.
func NewCustomersImport(app core.App, file, startedBy string, f CustomersFile) (string, error) {
	coll, err := app.FindCachedCollectionByNameOrId("imports")
	if err != nil {
		return "", err
	}
	rec := core.NewRecord(coll)
	rec.Set("kind", "customers")
	rec.Set("file", truncate(text.Line(file), 255))
	rec.Set("status", ImportRunning)
	rec.Set("total", f.Total)
	rec.Set("done", len(f.Rejected))
	rec.Set("rejected_count", len(f.Rejected))
	KeepImportRejections(rec, f.Rejected)
	rec.Set("started_by", startedBy)
	if err := app.Save(rec); err != nil {
		return "", fmt.Errorf("saving the import of %q: %w", file, err)
	}
	return rec.Id, nil
}

// RunCustomersImport writes the customers of f, a batch at a time as
// SaveCustomers does, and the job id's progress as it goes (at most every
// importWriteEvery); it ends the job done, or failed when it panics.
func RunCustomersImport(app core.App, id string, f CustomersFile) (err error) {
	run := &importRun{app: app, id: id, done: len(f.Rejected), wrote: time.Now(),
		sum: ImportSummary{Rejected: append([]Rejection(nil), f.Rejected...)}}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("import %s stopped: %v", id, r)
			if endErr := run.end(ImportFailed, importFailedNote); endErr != nil {
				err = fmt.Errorf("%w; and marking it failed: %v", err, endErr)
			}
		}
	}()
	for start := 0; start < len(f.Lines); start += customerBatch {
		batch := f.Lines[start:min(start+customerBatch, len(f.Lines))]
		sum := saveCustomers(app, CustomersFile{Lines: batch, Total: len(batch)}, id, nil)
		run.add(sum, len(batch))
		run.progress()
	}
	run.done = f.Total
	return run.end(ImportDone, "")
}

// importRun is a running job and what it has counted so far.
type importRun struct {
	app   core.App
	id    string
	sum   ImportSummary
	done  int
	wrote time.Time
}

// add counts a batch of lines that has been saved.
func (r *importRun) add(batch ImportSummary, lines int) {
	r.sum.Created += batch.Created
	r.sum.Duplicates += batch.Duplicates
	r.sum.Rejected = append(r.sum.Rejected, batch.Rejected...)
	r.done += lines
}

// progress writes the counts unless they were written a moment ago. A
// failed write is logged and the import goes on: the end writes them all.
func (r *importRun) progress() {
	if time.Since(r.wrote) < importWriteEvery {
		return
	}
	r.wrote = time.Now()
	if err := r.write(nil); err != nil {
		r.app.Logger().Warn("writing an import's progress failed", "import", r.id, "error", err)
	}
}

// end writes the job's last state: its status, every count, the first
// rejected lines and, for a job that did not finish, why.
func (r *importRun) end(status, note string) error {
	sort.SliceStable(r.sum.Rejected, func(i, j int) bool { return r.sum.Rejected[i].Line < r.sum.Rejected[j].Line })
	return r.write(func(rec *core.Record) {
		rec.Set("status", status)
		rec.Set("error", note)
		KeepImportRejections(rec, r.sum.Rejected)
	})
}

// write saves the counts, and what more is given, on the job's row as it
// is now (read again, so nothing another writer changed is put back).
func (r *importRun) write(more func(*core.Record)) error {
	rec, err := r.app.FindRecordById("imports", r.id)
	if err != nil {
		return err
	}
	rec.Set("done", r.done)
	rec.Set("created_count", r.sum.Created)
	rec.Set("skipped_count", r.sum.Duplicates)
	rec.Set("rejected_count", len(r.sum.Rejected))
	if more != nil {
		more(rec)
	}
	return r.app.Save(rec)
}

// MarkInterruptedImports ends every running job as interrupted, and says
// how many there were. Call it when the server starts, before an import can
// begin: a job running then was left by a process that stopped.
func MarkInterruptedImports(app core.App) (int, error) {
	var running []*core.Record
	err := app.RecordQuery("imports").AndWhere(dbx.HashExp{"status": ImportRunning}).All(&running)
	if err != nil {
		return 0, err
	}
	for _, rec := range running {
		rec.Set("status", ImportInterrupted)
		rec.Set("error", importInterruptedNote)
		if err := app.Save(rec); err != nil {
			return 0, fmt.Errorf("marking import %s interrupted: %w", rec.Id, err)
		}
	}
	return len(running), nil
}

// FindImport reads one job; sql.ErrNoRows when there is no such job.
func FindImport(app core.App, id string) (ImportJob, error) {
	rec, err := app.FindRecordById("imports", id)
	if err != nil {
		return ImportJob{}, err
	}
	return importJobOf(rec), nil
}

// RecentImports reads the latest n jobs, newest first.
func RecentImports(app core.App, n int) ([]ImportJob, error) {
	var recs []*core.Record
	err := app.RecordQuery("imports").OrderBy("created DESC", "id DESC").Limit(int64(n)).All(&recs)
	jobs := make([]ImportJob, len(recs))
	for i, rec := range recs {
		jobs[i] = importJobOf(rec)
	}
	return jobs, err
}

// importJobOf reads a job's row.
func importJobOf(rec *core.Record) ImportJob {
	return ImportJob{
		ID: rec.Id, Kind: rec.GetString("kind"), File: rec.GetString("file"), Status: rec.GetString("status"),
		Error: rec.GetString("error"), StartedBy: rec.GetString("started_by"),
		Total: rec.GetInt("total"), Done: rec.GetInt("done"), Created: rec.GetInt("created_count"),
		Skipped: rec.GetInt("skipped_count"), RejectedCount: rec.GetInt("rejected_count"),
		Rejected: ImportRejections(rec),
		Started:  rec.GetDateTime("created").Time(), Updated: rec.GetDateTime("updated").Time(),
		Undone: rec.GetDateTime("undone_at").Time(), UndoneCount: rec.GetInt("undone_count"),
	}
}

// ImportRejections reads the rejected lines an import's row keeps.
func ImportRejections(rec *core.Record) []Rejection {
	var kept []keptRejection
	if err := rec.UnmarshalJSONField("rejected_lines", &kept); err != nil {
		return nil
	}
	lines := make([]Rejection, len(kept))
	for i, k := range kept {
		lines[i] = Rejection{Line: k.Line, Reason: k.Reason, Problem: k.Problem, Value: k.Value, Other: k.Other}
	}
	return lines
}

// KeepImportRejections sets the rejected lines an import's row keeps: the
// first KeptRejections of lines, each reason bounded.
func KeepImportRejections(rec *core.Record, lines []Rejection) {
	kept := make([]keptRejection, min(len(lines), KeptRejections))
	for i := range kept {
		l := lines[i]
		kept[i] = keptRejection{Line: l.Line, Reason: truncate(l.Reason, keptReasonRunes),
			Problem: l.Problem, Value: truncate(l.Value, keptReasonRunes), Other: l.Other}
	}
	rec.Set("rejected_lines", kept)
}

// truncate cuts s to at most n runes, marking a cut with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Why an import's undo refuses.
var (
	ErrImportRunning = errors.New("the import is still running: undo it once it has ended")
	ErrImportUndone  = errors.New("this import was undone already")
)

// KeptCustomer is a customer an import created whom its undo keeps, and why.
type KeptCustomer struct {
	ID    string `db:"id"`
	Name  string `db:"name"`
	Email string `db:"email"`
	Why   string `db:"-"`
}

// UndoPlan is what undoing an import does: the customers it created that
// are deleted, and those kept because the program has worked with them
// since (they made a referral, had a moment or an ask, or were changed:
// edited, tagged, opted out), which deleting would take away.
type UndoPlan struct {
	Delete []string
	Kept   []KeptCustomer
}

// importedCustomer is a customer an import created, with what happened to them since.
type importedCustomer struct {
	KeptCustomer
	Referred bool `db:"referred"`
	Touched  bool `db:"touched"`
	Changed  bool `db:"changed"`
}

// PlanUndo reads what undoing the import job would delete and keep. A
// customer saved more than a second after their creation was changed
// since: the import writes each customer once.
func PlanUndo(app core.App, job string) (UndoPlan, error) {
	var rows []importedCustomer
	err := app.DB().NewQuery(`SELECT c.id, c.name, c.email,
		EXISTS (SELECT 1 FROM referrals r WHERE r.referrer = c.id) AS referred,
		(EXISTS (SELECT 1 FROM moments m WHERE m.customer = c.id) OR EXISTS (SELECT 1 FROM asks a WHERE a.customer = c.id)) AS touched,
		(julianday(c.updated) - julianday(c.created)) * 86400 > 1 AS changed
		FROM customers c WHERE c.import = {:job} ORDER BY c.name, c.id`).Bind(dbx.Params{"job": job}).All(&rows)
	var plan UndoPlan
	for _, r := range rows {
		switch {
		case r.Referred:
			r.Why = "made a referral"
		case r.Touched:
			r.Why = "had a moment or an ask"
		case r.Changed:
			r.Why = "was changed since the import"
		default:
			plan.Delete = append(plan.Delete, r.ID)
			continue
		}
		plan.Kept = append(plan.Kept, r.KeptCustomer)
	}
	return plan, err
}

// UndoImport deletes the customers the import job created that its plan
// does not keep, in one transaction with the job's record of the undo, and
// returns the plan it carried out. A running or undone job is refused.
func UndoImport(app core.App, job string) (UndoPlan, error) {
	var plan UndoPlan
	err := app.RunInTransaction(func(tx core.App) error {
		rec, err := tx.FindRecordById("imports", job)
		if err != nil {
			return err
		}
		switch {
		case rec.GetString("status") == ImportRunning:
			return ErrImportRunning
		case !rec.GetDateTime("undone_at").IsZero():
			return ErrImportUndone
		}
		if plan, err = PlanUndo(tx, job); err != nil {
			return err
		}
		for _, id := range plan.Delete {
			c, err := tx.FindRecordById("customers", id)
			if err != nil {
				return err
			}
			if err := tx.Delete(c); err != nil {
				return fmt.Errorf("deleting customer %s of import %s: %w", id, job, err)
			}
		}
		rec.Set("undone_at", time.Now().UTC())
		rec.Set("undone_count", len(plan.Delete))
		return tx.Save(rec)
	})
	return plan, err
}
