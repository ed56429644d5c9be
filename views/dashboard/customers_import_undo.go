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
	p := newAdminPage(e, "customers")
	page := customerImportUndoPage{adminPage: p, Job: customerImportViewOf(p, job), Plan: plan}
	for i, k := range page.Plan.Kept {
		if key, ok := importKeptReasons[k.Why]; ok {
			page.Plan.Kept[i].Why = p.T(key)
		}
	}
	switch {
	case job.Running():
		page.Refused = p.T("dash.import_undo.refused.running")
	case !job.Undone.IsZero():
		page.Refused = p.T("dash.import_undo.refused.undone")
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
	case errors.Is(err, intake.ErrImportRunning):
		sp := adminSpeaker(e)
		return adminError(e, http.StatusConflict, sp.T("dash.import_undo.not_undone"), sp.T("dash.import_undo.refused.running"))
	case errors.Is(err, intake.ErrImportUndone):
		sp := adminSpeaker(e)
		return adminError(e, http.StatusConflict, sp.T("dash.import_undo.not_undone"), sp.T("dash.import_undo.refused.undone"))
	case err != nil:
		return err
	}
	return redirectNotice(e, "/dashboard/customers/import/"+id, "undone")
}

// importKeptReasons are the catalog's words for why undoing an import keeps
// a customer, by the intake package's English phrase.
var importKeptReasons = map[string]string{
	"made a referral":              "dash.import_undo.why.referral",
	"had a moment or an ask":       "dash.import_undo.why.moment",
	"was changed since the import": "dash.import_undo.why.changed",
}
