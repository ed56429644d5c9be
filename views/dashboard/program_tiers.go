package dashboard

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/rewards"
	"warmloop/views/form"
)

// progTierCounts are what a tier's threshold can count, in the reader's
// language: referrals made, or won.
func progTierCounts(sp locale.Speaker) []progOption {
	return []progOption{
		{Value: "referrals", Label: sp.T("dash.program.tier.counts_referrals")},
		{Value: "wins", Label: sp.T("dash.program.tier.counts_wins")},
	}
}

// progTierRow is one tier in the list.
type progTierRow struct {
	ID, Name, ReachedAt, Reward string
	Earned                      int
}

// progTierRows lists the tiers in the order a referrer reaches them: referrals
// first, then wins, each by threshold; with the reward each gives and how
// many referrers earned it.
func progTierRows(sp locale.Speaker, app core.App) ([]progTierRow, error) {
	recs, err := rewards.ListTiers(app)
	if err != nil {
		return nil, err
	}
	earned, err := rewards.CountRewardsByTier(app)
	if err != nil {
		return nil, err
	}
	names, err := rewards.IncentiveNames(app)
	if err != nil {
		return nil, err
	}
	rows := make([]progTierRow, len(recs))
	for i, r := range recs {
		reward := names[r.GetString("incentive")]
		if reward == "" {
			reward = sp.T("dash.program.tiers.recognition_only")
		}
		rows[i] = progTierRow{ID: r.Id, Name: r.GetString("name"), ReachedAt: progTierReachedAt(sp, r), Reward: reward, Earned: earned[r.Id]}
	}
	return rows, nil
}

// progTierReachedAt writes a tier's milestone in the reader's language:
// "1 referral", "3 wins".
func progTierReachedAt(sp locale.Speaker, r *core.Record) string {
	n := r.GetInt("threshold")
	if r.GetString("counts") == "wins" {
		return sp.N("dash.program.tiers.wins", n)
	}
	return sp.N("dash.program.tiers.referrals", n)
}

// progTierIncentiveOptions are the incentives a tier can give: the active ones,
// plus the one it gives now even if inactive, after "none".
func progTierIncentiveOptions(sp locale.Speaker, app core.App, selected string) ([]progOption, error) {
	recs, err := rewards.TierIncentiveChoices(app, selected)
	if err != nil {
		return nil, err
	}
	opts := []progOption{{Value: "", Label: sp.T("dash.program.tier.no_incentive")}}
	for _, r := range recs {
		label := r.GetString("name")
		if !r.GetBool("active") {
			label = sp.T("dash.program.inactive_name", "Name", label)
		}
		opts = append(opts, progOption{Value: r.Id, Label: label})
	}
	return progOptions(opts, selected), nil
}

// progTierPage is the form that adds or edits a tier.
type progTierPage struct {
	adminPage
	IsNew      bool
	ID, Name   string
	Form       form.Form
	Counts     []progOption
	Incentives []progOption
	Earned     int
	CanDelete  bool
	Refused    string
}

// progTierNewForm shows an empty tier form.
func progTierNewForm(e *core.RequestEvent) error {
	f := form.Form{Values: url.Values{"counts": {"referrals"}}, Errors: map[string]string{}}
	return progRenderTier(e, http.StatusOK, nil, f, "")
}

// progTierEditForm shows a tier's form, filled in.
func progTierEditForm(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("tiers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	return progRenderTier(e, http.StatusOK, r, progTierValues(r), "")
}

// progTierValues fills a form from a stored tier.
func progTierValues(r *core.Record) form.Form {
	return form.Form{Values: url.Values{
		"name": {r.GetString("name")}, "counts": {r.GetString("counts")},
		"threshold": {strconv.Itoa(r.GetInt("threshold"))}, "incentive": {r.GetString("incentive")},
	}, Errors: map[string]string{}}
}

// progRenderTier renders the tier form for r (nil when adding one), as
// stored: a refused change does not show as made.
func progRenderTier(e *core.RequestEvent, status int, r *core.Record, f form.Form, refused string) error {
	sp := adminSpeaker(e)
	incs, err := progTierIncentiveOptions(sp, e.App, f.Get("incentive"))
	if err != nil {
		return err
	}
	p := progTierPage{adminPage: newAdminPage(e, "program"), IsNew: r == nil, Form: f,
		Counts: progOptions(progTierCounts(sp), f.Get("counts")), Incentives: incs, Refused: refused, CanDelete: true}
	if r != nil {
		r = r.Original()
		if p.Earned, err = rewards.CountTierRewards(e.App, r.Id); err != nil {
			return err
		}
		p.ID, p.Name = r.Id, r.GetString("name")
		p.CanDelete = rewards.CheckTierDelete(p.Earned) == nil
	}
	return render(e, status, "admin/program_tier", p)
}

// progTierCreate adds a tier from the form.
func progTierCreate(e *core.RequestEvent) error {
	coll, err := e.App.FindCachedCollectionByNameOrId("tiers")
	if err != nil {
		return err
	}
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateTier(sp, e.App, f, "")
	r := core.NewRecord(coll)
	progSetTier(r, f)
	if progSaveSaying(e.App, sp, f, r, nil); !f.Valid() {
		return progRenderTier(e, http.StatusUnprocessableEntity, nil, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=tiers", "created")
}

// progTierUpdate saves an edited tier.
func progTierUpdate(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("tiers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	sp := adminSpeaker(e)
	f := form.New(e)
	progValidateTier(sp, e.App, f, r.Id)
	progSetTier(r, f)
	if progSaveSaying(e.App, sp, f, r, nil); !f.Valid() {
		return progRenderTier(e, http.StatusUnprocessableEntity, r, f, "")
	}
	return redirectNotice(e, "/dashboard/program?tab=tiers", "saved")
}

// progValidateTier checks a tier form; id is the tier being edited, "" for a new one.
// Two tiers cannot share a milestone (the schema keeps counts and threshold
// unique); the form names the tier already there.
func progValidateTier(sp locale.Speaker, app core.App, f form.Form, id string) {
	if f.Get("name") == "" {
		f.Fail("name", sp.T("dash.program.tier.rule.name"))
	}
	progMaxLen(sp, f, "name", 120)
	progOneOf(f, "counts", progTierCounts(sp), sp.T("dash.program.tier.rule.counts"))
	threshold := progInt(sp, f, "threshold", 1, 1000, true)
	if f.Error("threshold") == "" && f.Error("counts") == "" {
		if other, err := rewards.FindTierAt(app, f.Get("counts"), threshold, id); err == nil {
			f.Fail("threshold", sp.T("dash.program.tier.rule.taken", "Name", other.GetString("name"), "Reached", progTierReachedAt(sp, other)))
		}
	}
	if inc := f.Get("incentive"); inc != "" {
		if _, err := app.FindRecordById("incentives", inc); err != nil {
			f.Fail("incentive", sp.T("dash.program.tier.rule.incentive_gone"))
		}
	}
}

// progSetTier copies the form onto the record.
func progSetTier(r *core.Record, f form.Form) {
	threshold, _ := strconv.Atoi(f.Get("threshold"))
	r.Set("name", f.Get("name"))
	r.Set("counts", f.Get("counts"))
	r.Set("threshold", threshold)
	r.Set("incentive", f.Get("incentive"))
}

// progTierDelete deletes a tier; the hooks keep one somebody earned, since
// their rewards point at it, and the page says why.
func progTierDelete(e *core.RequestEvent) error {
	r, err := e.App.FindRecordById("tiers", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := e.App.Delete(r); err != nil {
		return progRenderTier(e, http.StatusConflict, r, progTierValues(r), progTierDeleteRefusal(e, r, err))
	}
	return redirectNotice(e, "/dashboard/program?tab=tiers", "deleted")
}

// progTierDeleteRefusal says why a tier was not deleted, in the reader's
// language: the referrers who earned it (the hooks' rule,
// rewards.CheckTierDelete), or what else went wrong.
func progTierDeleteRefusal(e *core.RequestEvent, r *core.Record, err error) string {
	sp := adminSpeaker(e)
	if n, cerr := rewards.CountTierRewards(e.App, r.Id); cerr == nil && rewards.CheckTierDelete(n) != nil {
		return sp.N("dash.program.tier.refused_delete", n)
	}
	return progRefusalSaying(sp, err, nil, "dash.program.delete_failed")
}
