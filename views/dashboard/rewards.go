package dashboard

import (
	"errors"
	"net/http"
	"net/url"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/rewards"
	"warmloop/views/form"
	"warmloop/views/site"
)

// rewardsPath is where the rewards queue lives.
const rewardsPath = "/dashboard/rewards"

// rewardsPage is the queue: one tab per status, its rewards a page at a time.
type rewardsPage struct {
	adminPage
	Status string
	Tabs   []rewardTab
	OOB    bool // the tabs are swapped out of band after a decision
	Rows   []rewardRow
	Pager  form.Pager
	Error  string
}

// rewardTab is one status of the queue with its count.
type rewardTab struct {
	Status, Label string
	Count         int
	Current       bool
}

// rewardDone is what replaces a decided row: the confirmation and the
// tabs with their new counts.
type rewardDone struct {
	Row  rewardRow
	Tabs rewardsPage
}

// rewardsList shows one tab of the queue; Earned (to approve) by default.
func rewardsList(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	page, err := loadRewardsPage(e, q, rewardBackFor(q))
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "admin/rewards", page)
}

// loadRewardsPage reads the tab a list URL's query asks for; back is that
// URL, where each row's buttons return.
func loadRewardsPage(e *core.RequestEvent, q url.Values, back string) (rewardsPage, error) {
	page := rewardsPage{adminPage: newAdminPage(e, "rewards"), Status: rewards.Earned}
	counts, err := rewards.CountByStatus(e.App)
	if err != nil {
		return page, err
	}
	for _, status := range rewardTabs {
		if status == q.Get("status") {
			page.Status = status
		}
	}
	page.Tabs = rewardTabsFor(page.Speaker, counts, page.Status)
	page.Pager = form.PagerAt(rewardsPath, q, counts[page.Status], 25)
	rows, err := rewards.FindQueue(e.App, page.Status, page.Pager.PerPage, page.Pager.Offset())
	page.Rows = rewardRowsFor(page.Speaker, rows, back, zoneOf(e.App))
	return page, err
}

// rewardTabsFor builds the tabs with their counts, current marked.
func rewardTabsFor(sp locale.Speaker, counts map[string]int, current string) []rewardTab {
	var tabs []rewardTab
	for _, status := range rewardTabs {
		tabs = append(tabs, rewardTab{Status: status, Label: sp.T("dash.rewards.tab." + status), Count: counts[status], Current: status == current})
	}
	return tabs
}

// rewardDecide moves a reward to a status on behalf of the signed-in admin;
// marking it fulfilled takes the note the email carries.
// The rewards hook holds the lifecycle (an illegal move is refused and
// nothing is written), stamps when, and emails the referrer on fulfilment.
func rewardDecide(to, notice string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		rec, err := e.App.FindRecordById("rewards", e.Request.PathValue("id"))
		if err != nil {
			return adminNotFound(e)
		}
		f := form.New(e)
		from := rec.GetString("status")
		back := rewardBackFrom(f.Get("back"), rewardsPath+"?status="+from)
		if to == rewards.Fulfilled {
			err = rewards.Fulfil(e.App, rec, e.Auth.Email(), f.Get("note"))
		} else {
			err = rewards.Decide(e.App, rec, to, e.Auth.Email())
		}
		if err != nil {
			return rewardRefused(e, rec.Id, back, rewardRefusal(e, rec.Id, to, err))
		}
		if !site.IsHTMX(e) {
			return redirectNotice(e, back, notice)
		}
		return rewardDecided(e, rec.Id, back, to)
	}
}

// rewardRefused answers a refused decision: the row again with the message
// beside its buttons, or the whole tab without htmx.
func rewardRefused(e *core.RequestEvent, id, back, message string) error {
	if site.IsHTMX(e) {
		row, err := rewardRowAt(e.App, adminSpeaker(e), id, back)
		if err != nil {
			return err
		}
		row.Error, row.Typed = message, form.New(e).Get("note")
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/rewards", "reward-row", row)
	}
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: rewardsPath}
	}
	page, err := loadRewardsPage(e, u.Query(), back)
	if err != nil {
		return err
	}
	page.Error = message
	for i := range page.Rows {
		if page.Rows[i].ID == id {
			page.Rows[i].Error, page.Rows[i].Typed = message, form.New(e).Get("note")
		}
	}
	return render(e, http.StatusUnprocessableEntity, "admin/rewards", page)
}

// rewardDecided swaps a decided row for a confirmation, and the tabs for
// their new counts.
func rewardDecided(e *core.RequestEvent, id, back, to string) error {
	sp := adminSpeaker(e)
	row, err := rewardRowAt(e.App, sp, id, back)
	if err != nil {
		return err
	}
	row.Done = sp.T("dash.rewards.done."+to, "Tier", row.TierName, "Name", row.ReferrerName)
	counts, err := rewards.CountByStatus(e.App)
	if err != nil {
		return err
	}
	u, _ := url.Parse(back)
	current := rewards.Earned
	if u != nil && u.Query().Get("status") != "" {
		current = u.Query().Get("status")
	}
	done := rewardDone{Row: row, Tabs: rewardsPage{adminPage: newAdminPage(e, "rewards"), Tabs: rewardTabsFor(sp, counts, current), OOB: true}}
	return renderPartial(e, http.StatusOK, "admin/rewards", "reward-done", done)
}

// rewardRefusal is the message for a refused decision: the lifecycle's own
// words when the hook refused the move.
func rewardRefusal(e *core.RequestEvent, id, to string, err error) string {
	if errors.Is(err, rewards.ErrAlreadyThere) {
		return adminSpeaker(e).T("dash.rewards.already." + to)
	}
	var ve validation.Errors
	if errors.As(err, &ve) {
		for _, fe := range ve {
			return form.Sentence(fe.Error())
		}
	}
	e.App.Logger().Error("deciding a reward from the dashboard failed", "reward", id, "error", err)
	return adminSpeaker(e).T("dash.rewards.failed")
}

// rewardBackFor is the list URL a row's buttons return to: the current one, without its notice.
func rewardBackFor(q url.Values) string {
	keep := url.Values{}
	for k, v := range q {
		if k != "notice" {
			keep[k] = v
		}
	}
	if len(keep) == 0 {
		return rewardsPath
	}
	return rewardsPath + "?" + keep.Encode()
}

// rewardBackFrom accepts a posted return URL only when it is the rewards queue.
func rewardBackFrom(raw, fallback string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != rewardsPath {
		return fallback
	}
	return rewardBackFor(u.Query())
}
