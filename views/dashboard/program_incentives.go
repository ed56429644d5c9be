package dashboard

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/rewards"
	"warmloop/views/form"
)

// progIncentiveKinds are the kinds of the catalog, recognition first and cash last.
var progIncentiveKinds = []string{"recognition", "access", "swag", "experience", "charity", "monetary"}

// progKindWords names an incentive kind in the reader's language: short, for
// the list, and with examples, for the form's select.
func progKindWords(sp locale.Speaker, kind string) (name, option string) {
	switch kind {
	case "recognition":
		return sp.T("dash.program.kind.recognition"), sp.T("dash.program.kind_option.recognition")
	case "access":
		return sp.T("dash.program.kind.access"), sp.T("dash.program.kind_option.access")
	case "swag":
		return sp.T("dash.program.kind.swag"), sp.T("dash.program.kind_option.swag")
	case "experience":
		return sp.T("dash.program.kind.experience"), sp.T("dash.program.kind_option.experience")
	case "charity":
		return sp.T("dash.program.kind.charity"), sp.T("dash.program.kind_option.charity")
	case "monetary":
		return sp.T("dash.program.kind.monetary"), sp.T("dash.program.kind_option.monetary")
	}
	return kind, kind
}

// progKindOptions are the kinds as the form's select offers them.
func progKindOptions(sp locale.Speaker) []progOption {
	opts := make([]progOption, len(progIncentiveKinds))
	for i, k := range progIncentiveKinds {
		_, label := progKindWords(sp, k)
		opts[i] = progOption{Value: k, Label: label}
	}
	return opts
}

// progIncentiveRow is one incentive in the catalog list.
type progIncentiveRow struct {
	ID, Name, Kind, KindName, Summary string
	Active, Current                   bool
	Position                          int
	Asks, Rewards                     int
}

// progIncentiveRows lists the catalog in its order, with how often each was
// offered in an ask and paid as a reward.
func progIncentiveRows(sp locale.Speaker, app core.App) ([]progIncentiveRow, error) {
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
		kindName, _ := progKindWords(sp, r.GetString("kind"))
		rows[i] = progIncentiveRow{KindName: kindName,
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
	p := progIncentivePage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f, Refused: refused}
	p.Kinds = progOptions(progKindOptions(p.Speaker), f.Get("kind"))
	if r != nil {
		r = r.Original()
		use, err := rewards.FindIncentiveUse(e.App, r.Id)
		if err != nil {
			return err
		}
		p.ID, p.Name, p.Active, p.Current = r.Id, r.GetString("name"), r.GetBool("active"), use.OnOffer
		p.Usage, p.CanDelete = progIncentiveUsage(p.Speaker, use), rewards.CheckIncentiveDelete(use) == nil
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
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateIncentive(sp, f)
	if f.Valid() && f.Get("position") == "" {
		next, err := rewards.NextIncentivePosition(e.App)
		if err != nil {
			return err
		}
		f.Values.Set("position", strconv.Itoa(next))
	}
	r := core.NewRecord(coll)
	progSetIncentive(r, f)
	if progSaveSaying(e.App, sp, f, r, progIncentiveWords(sp)); !f.Valid() {
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
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateIncentive(sp, f)
	progSetIncentive(r, f)
	if progSaveSaying(e.App, sp, f, r, progIncentiveWords(sp)); !f.Valid() {
		return progRenderIncentive(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "saved")
}

// progValidateIncentive checks what the form can tell alone: a name, a
// known kind, lengths and a whole position.
func progValidateIncentive(sp locale.Speaker, f form.Form) {
	if f.Get("name") == "" {
		f.Fail("name", sp.T("dash.program.incentive.rule.name"))
	}
	progMaxLen(sp, f, "name", 120)
	progOneOf(f, "kind", progKindOptions(sp), sp.T("dash.program.incentive.rule.kind"))
	progMaxLen(sp, f, "description", 20000)
	progInt(sp, f, "position", 0, 9999, false)
}

// progIncentiveWords are the incentive rules' refusals in the reader's
// language: the one on offer stays active.
func progIncentiveWords(sp locale.Speaker) progRuleWords {
	return func(field, code string) (string, bool) {
		if field == "active" && code == "on_offer" {
			return sp.T("dash.program.incentive.rule.on_offer"), true
		}
		return "", false
	}
}

// progIncentiveUsage says what uses an incentive, in the reader's language:
// "3 asks offered it; 1 tier gives it".
func progIncentiveUsage(sp locale.Speaker, u rewards.IncentiveUse) string {
	var parts []string
	if u.Asks > 0 {
		parts = append(parts, sp.N("dash.program.incentive.use_asks", u.Asks))
	}
	if u.Rewards > 0 {
		parts = append(parts, sp.N("dash.program.incentive.use_rewards", u.Rewards))
	}
	if u.Tiers > 0 {
		parts = append(parts, sp.N("dash.program.incentive.use_tiers", u.Tiers))
	}
	if u.OnOffer {
		parts = append(parts, sp.T("dash.program.incentive.use_on_offer"))
	}
	return strings.Join(parts, "; ")
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
		sp := adminSpeaker(e)
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r.Original()),
			progRefusalSaying(sp, err, progIncentiveWords(sp), "dash.program.change_failed"))
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
		return progRenderIncentive(e, http.StatusConflict, r, progIncentiveValues(r), progIncentiveDeleteRefusal(e, r, err))
	}
	return redirectNotice(e, "/dashboard/program?tab=incentives", "deleted")
}

// progIncentiveDeleteRefusal says why an incentive was not deleted, in the
// reader's language: what uses it (the hooks' rule, rewards.CheckIncentiveDelete),
// or what else went wrong.
func progIncentiveDeleteRefusal(e *core.RequestEvent, r *core.Record, err error) string {
	sp := adminSpeaker(e)
	if use, uerr := rewards.FindIncentiveUse(e.App, r.Id); uerr == nil && rewards.CheckIncentiveDelete(use) != nil {
		return sp.T("dash.program.incentive.refused_delete", "Usage", progIncentiveUsage(sp, use))
	}
	return progRefusalSaying(sp, err, nil, "dash.program.delete_failed")
}
