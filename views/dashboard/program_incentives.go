package dashboard

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/views/form"
)

// progIncentiveKinds are the kinds of the catalog, recognition first and cash last.
var progIncentiveKinds = []progOption{
	{Value: "recognition", Label: "Recognition: a thank-you, a place on the Wall of Thanks"},
	{Value: "access", Label: "Exclusive access: early features, roadmap sessions"},
	{Value: "swag", Label: "Swag: a gift box"},
	{Value: "experience", Label: "Experience: a dinner, an event ticket"},
	{Value: "charity", Label: "Charity: a donation in their name"},
	{Value: "monetary", Label: "Monetary: credit or cash (last resort)"},
}

// progIncentiveRow is one incentive in the catalog list.
type progIncentiveRow struct {
	ID, Name, Kind, Summary string
	Active, Current         bool
	Position                int
	Asks, Rewards           int
}

// progIncentiveRows lists the catalog in its order, with how often each was
// offered in an ask and paid as a reward.
func progIncentiveRows(app core.App) ([]progIncentiveRow, error) {
	recs, err := app.FindRecordsByFilter("incentives", "", "position,name", 0, 0)
	if err != nil {
		return nil, err
	}
	asks, err := progGroupCounts(app, "SELECT incentive AS key, COUNT(*) AS n FROM asks WHERE incentive != '' GROUP BY incentive")
	if err != nil {
		return nil, err
	}
	rewards, err := progGroupCounts(app, "SELECT incentive AS key, COUNT(*) AS n FROM rewards WHERE incentive != '' GROUP BY incentive")
	if err != nil {
		return nil, err
	}
	current := progIncentiveOnOffer(app)
	rows := make([]progIncentiveRow, len(recs))
	for i, r := range recs {
		rows[i] = progIncentiveRow{
			ID: r.Id, Name: r.GetString("name"), Kind: r.GetString("kind"),
			Summary: progSummary(r.GetString("description"), 140),
			Active:  r.GetBool("active"), Current: r.Id == current, Position: r.GetInt("position"),
			Asks: asks[r.Id], Rewards: rewards[r.Id],
		}
	}
	return rows, nil
}

// progIncentiveOnOffer is the id of the incentive the settings name as on offer, or "".
func progIncentiveOnOffer(app core.App) string {
	s, err := program.Load(app)
	if err != nil {
		return ""
	}
	return s.CurrentIncentive
}

// progSummary shortens markdown to its first limit characters of plain text.
func progSummary(md string, limit int) string {
	s := strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "#", "", "`", "").Replace(md)), " ")
	if r := []rune(s); len(r) > limit {
		return strings.TrimSpace(string(r[:limit])) + "…"
	}
	return s
}

// progIncentivePage is the form that adds or edits an incentive.
type progIncentivePage struct {
	adminPage
	IsNew     bool
	ID, Name  string
	Form      form.Form
	Kinds     []progOption
	Active    bool
	Current   bool
	Usage     string
	CanDelete bool
	// Refused says why a delete or a deactivation was refused.
	Refused string
}

// progIncentiveNewForm shows an empty incentive form: recognition, active.
func progIncentiveNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: url.Values{"kind": {"recognition"}, "active": {"on"}}, Errors: map[string]string{}}
	return progRenderIncentive(e, http.StatusOK, nil, f, "")
}

// progIncentiveEditForm shows an incentive's form, filled in.
func progIncentiveEditForm(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	return progRenderIncentive(e, http.StatusOK, r, progIncentiveValues(r), "")
}

// progIncentiveValues fills a form from a stored incentive.
func progIncentiveValues(r *core.Record) form.Form {
	v := url.Values{
		"name": {r.GetString("name")}, "kind": {r.GetString("kind")},
		"description": {r.GetString("description")}, "position": {strconv.Itoa(r.GetInt("position"))},
	}
	if r.GetBool("active") {
		v.Set("active", "on")
	}
	return form.Form{Values: v, Errors: map[string]string{}}
}

// progRenderIncentive renders the incentive form for r (nil when adding one).
func progRenderIncentive(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	p := progIncentivePage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Kinds: progOptions(progIncentiveKinds, f.Get("kind")), Refused: refused}
	if r != nil {
		p.ID, p.Name, p.Active = r.Id, r.GetString("name"), r.GetBool("active")
		p.Current = r.Id == progIncentiveOnOffer(e.App)
		p.Usage, p.CanDelete = progIncentiveUsage(e.App, r.Id)
	}
	return render(e, status, "admin/program_incentive", p)
}

// progIncentiveUsage says what refers to an incentive, and whether nothing does,
// so it can be deleted without losing history.
func progIncentiveUsage(app core.App, id string) (string, bool) {
	params := dbx.Params{"id": id}
	var parts []string
	if n := progCount(app, "SELECT COUNT(*) FROM asks WHERE incentive = {:id}", params); n > 0 {
		parts = append(parts, progPlural(n, "ask", "asks")+" offered it")
	}
	if n := progCount(app, "SELECT COUNT(*) FROM rewards WHERE incentive = {:id}", params); n > 0 {
		parts = append(parts, progPlural(n, "reward pays", "rewards pay")+" it")
	}
	if n := progCount(app, "SELECT COUNT(*) FROM tiers WHERE incentive = {:id}", params); n > 0 {
		parts = append(parts, progPlural(n, "tier gives", "tiers give")+" it")
	}
	if id == progIncentiveOnOffer(app) {
		parts = append(parts, "it is the incentive on offer now")
	}
	return strings.Join(parts, "; "), len(parts) == 0
}

// progIncentiveCreate adds an incentive from the form, at the end of the catalog
// unless a position is given.
func progIncentiveCreate(e *core.RequestEvent) error {
	f := form.New(e)
	progValidateIncentive(e.App, f, nil)
	if !f.Valid() {
		return progRenderIncentive(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	coll, err := e.App.FindCachedCollectionByNameOrId("incentives")
	if err != nil {
		return err
	}
	r := core.NewRecord(coll)
	if f.Get("position") == "" {
		f.Values.Set("position", strconv.Itoa(progCount(e.App, "SELECT COALESCE(MAX(position), 0) + 1 FROM incentives", nil)))
	}
	progSetIncentive(r, f)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		return progRenderIncentive(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "created")
}

// progIncentiveUpdate saves an edited incentive.
func progIncentiveUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	progValidateIncentive(e.App, f, r)
	if !f.Valid() {
		return progRenderIncentive(e, http.StatusUnprocessableEntity, r, f, "")
	}
	progSetIncentive(r, f)
	if err := e.App.Save(r); err != nil {
		progSaveError(f, err)
		return progRenderIncentive(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "saved")
}

// progValidateIncentive checks an incentive form; r is the stored one when editing.
func progValidateIncentive(app core.App, f form.Form, r *core.Record) {
	if f.Get("name") == "" {
		f.Fail("name", "Give the incentive a name referrers will understand, such as “A place on our Wall of Thanks”.")
	}
	progMaxLen(f, "name", 120)
	progOneOf(f, "kind", progIncentiveKinds, "Choose what kind of thank-you this is.")
	progMaxLen(f, "description", 20000)
	progInt(f, "position", 0, 9999, false)
	if r != nil && !f.Checked("active") && r.Id == progIncentiveOnOffer(app) {
		f.Fail("active", "This is the incentive on offer now. Choose another one in Settings before you deactivate it.")
	}
}

// progSetIncentive copies a valid form onto the record.
func progSetIncentive(r *core.Record, f form.Form) {
	r.Set("name", f.Get("name"))
	r.Set("kind", f.Get("kind"))
	r.Set("description", f.Get("description"))
	r.Set("active", f.Checked("active"))
	pos, _ := strconv.Atoi(f.Get("position"))
	r.Set("position", pos)
}

// progIncentiveSetActive switches an incentive on or off (active=1 or 0); the
// incentive on offer cannot be switched off.
func progIncentiveSetActive(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	active := form.New(e).Checked("active")
	if !active && r.Id == progIncentiveOnOffer(e.App) {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r),
			"This is the incentive on offer now, so it stays active. Choose another one in Settings first, then deactivate this one.")
	}
	r.Set("active", active)
	if err := e.App.Save(r); err != nil {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r), "It could not be changed: "+sentence(err.Error()))
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "saved")
}

// progIncentiveDelete deletes an incentive nothing refers to; one that asks,
// rewards, tiers or the settings use is kept, and the page says why.
func progIncentiveDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if usage, ok := progIncentiveUsage(e.App, r.Id); !ok {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r),
			"This incentive cannot be deleted: "+usage+". Its history would lose its name in the figures by incentive. Deactivate it instead: it stays in the history and is no longer offered.")
	}
	if err := e.App.Delete(r); err != nil {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r), "It could not be deleted: "+sentence(err.Error()))
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "deleted")
}
