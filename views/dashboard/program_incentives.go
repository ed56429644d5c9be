package dashboard

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
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
	recs, err := rewards.ListIncentives(app)
	if err != nil {
		return nil, err
	}
	uses, err := rewards.FindIncentiveUses(app)
	if err != nil {
		return nil, err
	}
	rows := make([]progIncentiveRow, len(recs))
	for i, r := range recs {
		use := uses[r.Id]
		rows[i] = progIncentiveRow{
			ID: r.Id, Name: r.GetString("name"), Kind: r.GetString("kind"),
			Summary: progSummary(r.GetString("description"), 140),
			Active:  r.GetBool("active"), Current: use.OnOffer, Position: r.GetInt("position"),
			Asks: use.Asks, Rewards: use.Rewards,
		}
	}
	return rows, nil
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

// progRenderIncentive renders the incentive form for r (nil when adding
// one), as stored: a refused change does not show as made.
func progRenderIncentive(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	p := progIncentivePage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Kinds: progOptions(progIncentiveKinds, f.Get("kind")), Refused: refused}
	if r != nil {
		r = r.Original()
		use, err := rewards.FindIncentiveUse(e.App, r.Id)
		if err != nil {
			return err
		}
		p.ID, p.Name, p.Active, p.Current = r.Id, r.GetString("name"), r.GetBool("active"), use.OnOffer
		p.Usage, p.CanDelete = use.String(), rewards.CheckIncentiveDelete(use) == nil
	}
	return render(e, status, "admin/program_incentive", p)
}

// progIncentiveCreate adds an incentive from the form, at the end of the catalog
// unless a position is given.
func progIncentiveCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("incentives")
	if err != nil {
		return err
	}
	f := form.New(e)
	progValidateIncentive(f)
	if f.Valid() && f.Get("position") == "" {
		next, err := rewards.NextIncentivePosition(e.App)
		if err != nil {
			return err
		}
		f.Values.Set("position", strconv.Itoa(next))
	}
	r := core.NewRecord(coll)
	progSetIncentive(r, f)
	if progSave(e.App, f, r); !f.Valid() {
		return progRenderIncentive(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "created")
}

// progIncentiveUpdate saves an edited incentive; the hooks keep the one on
// offer active.
func progIncentiveUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	progValidateIncentive(f)
	progSetIncentive(r, f)
	if progSave(e.App, f, r); !f.Valid() {
		return progRenderIncentive(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "saved")
}

// progValidateIncentive checks what the form can tell alone: a name, a
// known kind, lengths and a whole position.
func progValidateIncentive(f form.Form) {
	if f.Get("name") == "" {
		f.Fail("name", "Give the incentive a name referrers will understand, such as “A place on our Wall of Thanks”.")
	}
	progMaxLen(f, "name", 120)
	progOneOf(f, "kind", progIncentiveKinds, "Choose what kind of thank-you this is.")
	progMaxLen(f, "description", 20000)
	progInt(f, "position", 0, 9999, false)
}

// progSetIncentive copies the form onto the record.
func progSetIncentive(r *core.Record, f form.Form) {
	r.Set("name", f.Get("name"))
	r.Set("kind", f.Get("kind"))
	r.Set("description", f.Get("description"))
	r.Set("active", f.Checked("active"))
	pos, _ := strconv.Atoi(f.Get("position"))
	r.Set("position", pos)
}

// progIncentiveSetActive switches an incentive on or off (active=1 or 0);
// the hooks keep the one on offer active, and the page says so.
func progIncentiveSetActive(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	r.Set("active", form.New(e).Checked("active"))
	if err := e.App.Save(r); err != nil {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r.Original()), progRefusal(err, "It could not be changed"))
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "saved")
}

// progIncentiveDelete deletes an incentive; the hooks keep one that asks,
// rewards, tiers or the settings use, and the page says why.
func progIncentiveDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("incentives", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := e.App.Delete(r); err != nil {
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r), progRefusal(err, "It could not be deleted"))
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "deleted")
}
