package dashboard

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// customerImportUndoPage shows what undoing an import deletes and keeps,
// before it is confirmed.
type customerImportUndoPage struct {
	adminPage
	Job     customerImportView
	Plan    intake.UndoPlan
	Refused string
}

// customerImportUndoForm counts what undoing an import would delete, and
// lists the customers it keeps and why.
func customerImportUndoForm(e *core.RequestEvent) error {
	job, err := intake.FindImport(e.App, e.Request.PathValue("job"))
	if errors.Is(err, sql.ErrNoRows) {
		return adminNotFound(e)
	}
	if err != nil {
		return err
	}
	plan, err := intake.PlanUndo(e.App, job.ID)
	if err != nil {
		return err
	}
	page := customerImportUndoPage{adminPage: newAdminPage(e, "customers"), Job: customerImportViewOf(job), Plan: plan}
	switch {
	case job.Running():
		page.Refused = intake.ErrImportRunning.Error()
	case !job.Undone.IsZero():
		page.Refused = intake.ErrImportUndone.Error()
	}
	return render(e, http.StatusOK, "admin/customers_import_undo", page)
}

// customerImportUndo deletes the customers an import created, but those
// the program has worked with since, and shows the import again.
func customerImportUndo(e *core.RequestEvent) error {
	id := e.Request.PathValue("job")
	_, err := intake.UndoImport(e.App, id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return adminNotFound(e)
	case errors.Is(err, intake.ErrImportRunning), errors.Is(err, intake.ErrImportUndone):
		return adminError(e, http.StatusConflict, "Not undone", "Nothing was deleted: "+err.Error()+".")
	case err != nil:
		return err
	}
	return redirectNotice(e, "/dashboard/customers/import/"+id, "undone")
}
