package dashboard

import (
	"cmp"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/referrals"
	"warmloop/views/form"
	"warmloop/views/site"
)

// referralsPath is where the referral screens live.
const referralsPath = "/dashboard/referrals"

// referralBoardLimit is how many of the newest cards a board column shows.
const referralBoardLimit = 30

// referralsPage is the referrals screen: the board, the table or the review list.
type referralsPage struct {
	adminPage
	View         string // board, table or flagged
	FlaggedCount int
	Total        int // referrals matching the table's or the review list's filter
	AnyReferral  bool
	Columns      []referralColumn
	Rows         []referralRow
	Pager        form.Pager
	Q, Status    string
	StatusChoice []referralOption
	ExportURL    string
	Error        string
}

// referralColumn is one status on the board: its count and newest cards.
type referralColumn struct {
	Status, Label string
	Count, More   int
	MoreURL       string
	Cards         []referralRow
}

// referralsList shows the board (the default), the table or the review list.
func referralsList(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	page, err := loadReferralsPage(e, q, referralBackFor(q))
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "admin/referrals", page)
}

// loadReferralsPage reads the screen a list URL's query asks for; back is
// that URL, where each row's form returns.
func loadReferralsPage(e *core.RequestEvent, q url.Values, back string) (referralsPage, error) {
	page := referralsPage{adminPage: newAdminPage(e, "referrals"), View: q.Get("view")}
	if page.View != "table" && page.View != "flagged" {
		page.View = "board"
	}
	var err error
	if page.FlaggedCount, err = referrals.CountRows(e.App, referrals.Filter{Flagged: true}); err != nil {
		return page, err
	}
	counts, err := referrals.CountByStatus(e.App)
	if err != nil {
		return page, err
	}
	for _, n := range counts {
		page.AnyReferral = page.AnyReferral || n > 0
	}
	if page.View == "board" {
		page.Columns, err = referralBoard(e.App, page.adminPage, counts, back)
		return page, err
	}
	return page, page.loadList(e.App, q, back)
}

// referralBoard reads the board: a column per status with its count and
// newest cards.
func referralBoard(app core.App, page adminPage, counts map[string]int, back string) ([]referralColumn, error) {
	var cols []referralColumn
	for _, s := range referrals.Statuses {
		rows, err := referrals.FindRows(app, referrals.Filter{Status: s}, referralBoardLimit, 0)
		if err != nil {
			return nil, err
		}
		col := referralColumn{Status: s, Label: referralStatusLabel(page.Speaker, s), Count: counts[s], Cards: referralRowsFor(page, rows, "board", back)}
		col.More = col.Count - len(col.Cards)
		col.MoreURL = referralsPath + "?view=table&status=" + s
		cols = append(cols, col)
	}
	return cols, nil
}

// loadList reads the table or the review list: the filter, one page of the
// referrals that match it and, in review, why each was held.
func (p *referralsPage) loadList(app core.App, q url.Values, back string) error {
	f := referralFilterFrom(q)
	p.Q, p.Status, p.StatusChoice = f.Q, f.Status, referralStatusChoice(p.Speaker, f.Status)
	export := url.Values{"q": {f.Q}, "status": {f.Status}}
	if f.Flagged {
		export.Set("view", "flagged")
	}
	p.ExportURL = referralsPath + "/export.csv?" + export.Encode()
	var err error
	if p.Total, err = referrals.CountRows(app, f); err != nil {
		return err
	}
	p.Pager = form.PagerAt(referralsPath, q, p.Total, 25)
	rows, err := referrals.FindRows(app, f, p.Pager.PerPage, p.Pager.Offset())
	if err != nil {
		return err
	}
	p.Rows = referralRowsFor(p.adminPage, rows, p.View, back)
	if p.View == "flagged" {
		for i := range p.Rows {
			p.Rows[i].FlagReason = referralFlagReason(p.adminPage, referrals.WhyHeld(app, p.Rows[i].Row), p.Rows[i].RefereeEmail)
		}
	}
	return nil
}

// referralUpdate changes a referral's status and values from its inline
// form, or from its own page. The referrals hook decides whether the move is
// legal, logs it and sets off its side effects; a refused change comes back
// beside its field.
func referralUpdate(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("referrals", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	view := f.Get("view")
	if view == "detail" {
		return referralDetailMove(e, f, rec)
	}
	if view != "table" {
		view = "board"
	}
	back := referralBackFrom(f.Get("back"), referralsPath+"?view="+view)
	from, to := rec.GetString("status"), cmp.Or(f.Get("status"), rec.GetString("status"))
	referralSave(e, f, rec, to)
	if !f.Valid() {
		return referralRefused(e, f, rec.Id, from, view, back)
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, back, "saved")
	}
	return referralSaved(e, rec.Id, view, back, from, to)
}

// referralSave stores the form's status and values on a referral; what is
// refused, by the form or by the hook, goes beside its field.
func referralSave(e *core.RequestEvent, f form.Form, rec *core.Record, to string) {
	sp := adminSpeaker(e)
	pipelineValue := referralAmount(sp, f, "pipeline_value", rec.GetFloat("pipeline_value"))
	wonValue := referralAmount(sp, f, "won_value", rec.GetFloat("won_value"))
	if !f.Valid() {
		return
	}
	rec.Set("status", to)
	rec.Set("pipeline_value", pipelineValue)
	rec.Set("won_value", wonValue)
	referrals.SetActor(rec, actor(e))
	if err := e.App.Save(rec); err != nil {
		referralSaveFailed(e, f, rec.Id, err)
	}
}

// referralSaved answers a saved change with htmx: the row or card again,
// saying so, or the whole board when a card moved column.
func referralSaved(e *core.RequestEvent, id, view, back, from, to string) error {
	page := newAdminPage(e, "referrals")
	saved := page.T("dash.referrals.saved")
	if to != from {
		saved = page.T("dash.referrals.moved." + to)
	}
	if view == "board" && to != from {
		// The card belongs in another column now: redraw the board.
		return referralBoardAfterMove(e, id, back, saved)
	}
	row, err := referralRowAt(page, e.App, id, view, back)
	if err != nil {
		return err
	}
	row.Saved = saved
	return renderPartial(e, http.StatusOK, "admin/referrals", referralFragment(view), row)
}

// referralRefused answers a refused change: the row or card again, with
// what was typed and each error beside its field, and nothing saved.
func referralRefused(e *core.RequestEvent, f form.Form, id, from, view, back string) error {
	row, err := referralRowAt(newAdminPage(e, "referrals"), e.App, id, view, back)
	if err != nil {
		return err
	}
	row.Errors = f.Errors
	row.Options = referralOptionsAsTyped(row.Speaker, from, f.Get("status"))
	if f.Values.Has("pipeline_value") {
		row.PipelineInput = f.Get("pipeline_value")
	}
	if f.Values.Has("won_value") {
		row.WonInput = f.Get("won_value")
	}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/referrals", referralFragment(view), row)
	}
	return referralPageRefused(e, row, back, row.T("dash.referrals.refused"))
}

// referralPageRefused renders the list screen back points to with a
// refused row in place and message on top.
func referralPageRefused(e *core.RequestEvent, row referralRow, back, message string) error {
	page, err := referralsPageAt(e, back)
	if err != nil {
		return err
	}
	page.replace(row)
	page.Error = message
	return render(e, http.StatusUnprocessableEntity, "admin/referrals", page)
}

// referralBoardAfterMove redraws the board in place after a card moved
// column, with the moved card saying so.
func referralBoardAfterMove(e *core.RequestEvent, id, back, saved string) error {
	page, err := referralsPageAt(e, back)
	if err != nil {
		return err
	}
	for c := range page.Columns {
		for i := range page.Columns[c].Cards {
			if page.Columns[c].Cards[i].ID == id {
				page.Columns[c].Cards[i].Saved = saved
			}
		}
	}
	e.Response.Header().Set("HX-Retarget", "#referral-board")
	e.Response.Header().Set("HX-Reswap", "outerHTML")
	return renderPartial(e, http.StatusOK, "admin/referrals", "referral-board", page)
}

// referralReview settles a referral held for review: accept clears the
// flag, so it counts from now; reject marks it lost and keeps the flag, so
// it never counts.
func referralReview(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("referrals", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	back := referralBackFrom(f.Get("back"), referralsPath+"?view=flagged")
	referralSettle(e, f, rec)
	row, err := referralRowAt(newAdminPage(e, "referrals"), e.App, rec.Id, "flagged", back)
	if err != nil {
		return err
	}
	row.FlagReason = referralFlagReason(row.adminPage, referrals.WhyHeld(e.App, row.Row), row.RefereeEmail)
	if !f.Valid() {
		return referralReviewRefused(e, row, back, f.Error("action"))
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, back, "saved")
	}
	row.Saved = row.T("dash.referrals.accepted", "Name", row.RefereeName, "Referrer", row.ReferrerName)
	if f.Get("action") == "reject" {
		row.Saved = row.T("dash.referrals.rejected", "Name", row.RefereeName)
	}
	return renderPartial(e, http.StatusOK, "admin/referrals", "referral-reviewed", row)
}

// referralReviewRefused answers a refused review: the row again with the
// message beside its buttons, or the whole list without htmx.
func referralReviewRefused(e *core.RequestEvent, row referralRow, back, message string) error {
	row.Errors = map[string]string{"action": message}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/referrals", "referral-review", row)
	}
	return referralPageRefused(e, row, back, message)
}

// referralSettle applies the review form's decision; a refusal goes beside
// the action.
func referralSettle(e *core.RequestEvent, f form.Form, rec *core.Record) {
	var err error
	referrals.SetActor(rec, actor(e))
	switch {
	case !referrals.AwaitsReview(rec):
		err = referrals.ErrNotAwaitingReview
	case f.Get("action") == "accept":
		err = referrals.Accept(e.App, rec)
	case f.Get("action") == "reject":
		err = referrals.Reject(e.App, rec, referralRejectReasons[rec.GetString("flag")])
	default:
		f.Fail("action", adminSpeaker(e).T("dash.referrals.choose_action"))
	}
	switch {
	case errors.Is(err, referrals.ErrNotAwaitingReview):
		f.Fail("action", adminSpeaker(e).T("dash.referrals.not_awaiting"))
	case err != nil:
		referralSaveFailed(e, f, rec.Id, err)
		for _, message := range f.Errors {
			f.Fail("action", message)
		}
	}
}

// referralsPageAt reads the list screen a back URL points to.
func referralsPageAt(e *core.RequestEvent, back string) (referralsPage, error) {
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: referralsPath}
	}
	return loadReferralsPage(e, u.Query(), back)
}

// referralSaveFailed turns a refused save into messages beside the fields:
// the hook's transition message, and any other, goes beside the status.
func referralSaveFailed(e *core.RequestEvent, f form.Form, id string, err error) {
	if !f.FailFromSave(err, []string{"status", "pipeline_value", "won_value"}, "status") {
		e.App.Logger().Error("saving a referral from the dashboard failed", "referral", id, "error", err)
		f.Fail("status", adminSpeaker(e).T("dash.referrals.save_failed"))
	}
}

// referralAmount reads a money field: absent keeps the stored value, blank
// is nothing, anything else must be a number of at least 0; a refusal is
// said in the reader's language as dash.referrals.amount.<field>_<problem>.
func referralAmount(sp locale.Speaker, f form.Form, name string, stored float64) float64 {
	if !f.Values.Has(name) {
		return stored
	}
	raw := strings.NewReplacer(",", "", " ", "").Replace(f.Get(name))
	if raw == "" {
		return 0
	}
	v, err := strconv.ParseFloat(raw, 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		f.Fail(name, sp.T("dash.referrals.amount."+name+"_nan"))
	case v < 0:
		f.Fail(name, sp.T("dash.referrals.amount."+name+"_negative"))
	case v > 1e12:
		f.Fail(name, sp.T("dash.referrals.amount."+name+"_large"))
	}
	return v
}
