package dashboard

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

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
	if page.FlaggedCount, err = countReferrals(e.App, referralFilter{Flagged: true}); err != nil {
		return page, err
	}
	counts, err := countReferralsByStatus(e.App)
	if err != nil {
		return page, err
	}
	for _, n := range counts {
		page.AnyReferral = page.AnyReferral || n > 0
	}
	now := time.Now()
	if page.View == "board" {
		for _, s := range referralStatuses {
			col := referralColumn{Status: s, Label: referralStatusLabels[s], Count: counts[s]}
			if col.Cards, err = findReferralRows(e.App, referralFilter{Status: s}, referralBoardLimit, 0); err != nil {
				return page, err
			}
			for i := range col.Cards {
				col.Cards[i].prepare("board", back, now)
			}
			col.More = col.Count - len(col.Cards)
			col.MoreURL = referralsPath + "?view=table&status=" + s
			page.Columns = append(page.Columns, col)
		}
		return page, nil
	}
	f := referralFilterFrom(q)
	page.Q, page.Status = f.Q, f.Status
	page.StatusChoice = []referralOption{{Value: "", Label: "Any status", Selected: f.Status == ""}}
	for _, s := range referralStatuses {
		page.StatusChoice = append(page.StatusChoice, referralOption{Value: s, Label: referralStatusLabels[s], Selected: s == f.Status})
	}
	export := url.Values{"q": {f.Q}, "status": {f.Status}}
	if f.Flagged {
		export.Set("view", "flagged")
	}
	page.ExportURL = referralsPath + "/export.csv?" + export.Encode()
	if page.Total, err = countReferrals(e.App, f); err != nil {
		return page, err
	}
	page.Pager = form.PagerAt(referralsPath, q, page.Total, 25)
	if page.Rows, err = findReferralRows(e.App, f, page.Pager.PerPage, page.Pager.Offset()); err != nil {
		return page, err
	}
	for i := range page.Rows {
		page.Rows[i].prepare(page.View, back, now)
		if page.View == "flagged" {
			page.Rows[i].FlagReason = referralFlagReason(e.App, page.Rows[i])
		}
	}
	return page, nil
}

// referralUpdate changes a referral's status and values from its inline
// form. The referrals hook decides whether the move is legal, logs it and
// sets off its side effects; a refused change comes back beside its field.
func referralUpdate(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("referrals", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	view := f.Get("view")
	if view != "table" {
		view = "board"
	}
	back := referralBackFrom(f.Get("back"), referralsPath+"?view="+view)
	from := rec.GetString("status")
	to := f.Get("status")
	if to == "" {
		to = from
	}
	pipelineValue := referralAmount(f, "pipeline_value", "Pipeline value", rec.GetFloat("pipeline_value"))
	wonValue := referralAmount(f, "won_value", "Won value", rec.GetFloat("won_value"))
	if f.Valid() {
		rec.Set("status", to)
		rec.Set("pipeline_value", pipelineValue)
		rec.Set("won_value", wonValue)
		if err := e.App.Save(rec); err != nil {
			referralSaveFailed(e, f, rec.Id, err)
		}
	}
	if !f.Valid() {
		return referralRefused(e, f, rec.Id, from, view, back)
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, back, "saved")
	}
	saved := "Saved."
	if to != from {
		saved = "Moved to " + strings.ToLower(referralStatusLabels[to]) + "."
	}
	if view == "board" && to != from {
		// The card belongs in another column now: redraw the board.
		return referralBoardAfterMove(e, rec.Id, back, saved)
	}
	row, err := findReferralRow(e.App, rec.Id)
	if err != nil {
		return err
	}
	row.prepare(view, back, time.Now())
	row.Saved = saved
	return renderPartial(e, http.StatusOK, "admin/referrals", referralFragment(view), row)
}

// referralRefused answers a refused change: the row or card again, with
// what was typed and each error beside its field, and nothing saved.
func referralRefused(e *core.RequestEvent, f form.Form, id, from, view, back string) error {
	row, err := findReferralRow(e.App, id)
	if err != nil {
		return err
	}
	row.prepare(view, back, time.Now())
	row.Errors = f.Errors
	row.Options = referralOptions(from, f.Get("status"))
	if _, known := referralStatusLabels[f.Get("status")]; known && referrals.CheckMove(from, f.Get("status")) != nil {
		row.Options = append(row.Options, referralOption{Value: f.Get("status"), Label: referralStatusLabels[f.Get("status")], Selected: true})
	}
	if f.Values.Has("pipeline_value") {
		row.PipelineInput = f.Get("pipeline_value")
	}
	if f.Values.Has("won_value") {
		row.WonInput = f.Get("won_value")
	}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/referrals", referralFragment(view), row)
	}
	page, err := referralsPageAt(e, back)
	if err != nil {
		return err
	}
	page.replace(row)
	page.Error = "That change was not saved: see the message beside the referral."
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
// flag, so it counts from now (the hook recomputes the referrer's rewards);
// reject marks it lost and keeps the flag, so it never counts.
func referralReview(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("referrals", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	back := referralBackFrom(f.Get("back"), referralsPath+"?view=flagged")
	from := rec.GetString("status")
	switch {
	case rec.GetString("flag") == "" || from == referrals.Lost:
		f.Fail("action", "This referral is no longer waiting for review: reload the list.")
	case f.Get("action") == "accept":
		rec.Set("flag", "")
	case f.Get("action") == "reject":
		rec.Set("status", referrals.Lost)
		rec.Set("lost_reason", "Rejected in review: "+strings.ToLower(referralFlagLabels[rec.GetString("flag")]))
	default:
		f.Fail("action", "Choose accept or reject.")
	}
	if f.Valid() {
		if err := e.App.Save(rec); err != nil {
			referralSaveFailed(e, f, rec.Id, err)
			for _, message := range f.Errors {
				f.Fail("action", message)
			}
		}
	}
	row, err := findReferralRow(e.App, rec.Id)
	if err != nil {
		return err
	}
	row.prepare("flagged", back, time.Now())
	row.FlagReason = referralFlagReason(e.App, row)
	if !f.Valid() {
		row.Errors = map[string]string{"action": f.Error("action")}
		if site.IsHTMX(e) {
			return renderPartial(e, http.StatusUnprocessableEntity, "admin/referrals", "referral-review", row)
		}
		page, err := referralsPageAt(e, back)
		if err != nil {
			return err
		}
		page.replace(row)
		page.Error = row.Errors["action"]
		return render(e, http.StatusUnprocessableEntity, "admin/referrals", page)
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, back, "saved")
	}
	row.Saved = "Accepted: " + row.RefereeName + " now counts toward " + row.ReferrerName + "'s rewards."
	if f.Get("action") == "reject" {
		row.Saved = "Rejected: " + row.RefereeName + " is marked lost and never counts toward rewards."
	}
	return renderPartial(e, http.StatusOK, "admin/referrals", "referral-reviewed", row)
}

// referralsPageAt reads the list screen a back URL points to.
func referralsPageAt(e *core.RequestEvent, back string) (referralsPage, error) {
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: referralsPath}
	}
	return loadReferralsPage(e, u.Query(), back)
}

// replace puts a row, as just refused, in place of the same referral on the screen.
func (p *referralsPage) replace(row referralRow) {
	for i := range p.Rows {
		if p.Rows[i].ID == row.ID {
			row.View = p.Rows[i].View
			p.Rows[i] = row
		}
	}
	for c := range p.Columns {
		for i := range p.Columns[c].Cards {
			if p.Columns[c].Cards[i].ID == row.ID {
				row.View = "board"
				p.Columns[c].Cards[i] = row
			}
		}
	}
}

// referralSaveFailed turns a refused save into messages beside the fields:
// the hook's transition message goes beside the status.
func referralSaveFailed(e *core.RequestEvent, f form.Form, id string, err error) {
	var ve validation.Errors
	if !errors.As(err, &ve) {
		e.App.Logger().Error("saving a referral from the dashboard failed", "referral", id, "error", err)
		f.Fail("status", "The change could not be saved. Please try again.")
		return
	}
	for field, fe := range ve {
		name := field
		if name != "pipeline_value" && name != "won_value" {
			name = "status"
		}
		f.Fail(name, sentence(fe.Error()))
	}
}

// referralAmount reads a money field: absent keeps the stored value, blank
// is nothing, anything else must be a number of at least 0.
func referralAmount(f form.Form, name, label string, stored float64) float64 {
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
		f.Fail(name, label+" must be a number, like 12000.")
	case v < 0:
		f.Fail(name, label+" cannot be negative.")
	case v > 1e12:
		f.Fail(name, label+" is too large.")
	}
	return v
}

// referralFragment names the fragment a view swaps for one referral.
func referralFragment(view string) string {
	if view == "table" {
		return "referral-row"
	}
	return "referral-card"
}

// referralBackFor is the list URL a row's form returns to: the current one, without its notice.
func referralBackFor(q url.Values) string {
	keep := url.Values{}
	for k, v := range q {
		if k != "notice" {
			keep[k] = v
		}
	}
	if len(keep) == 0 {
		return referralsPath
	}
	return referralsPath + "?" + keep.Encode()
}

// referralBackFrom accepts a posted return URL only when it is a referrals list.
func referralBackFrom(raw, fallback string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != referralsPath {
		return fallback
	}
	return referralBackFor(u.Query())
}
