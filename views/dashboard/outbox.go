package dashboard

import (
	"cmp"
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/views/form"
	"warmloop/views/site"
)

// outboxTabs are the outbox's tabs, in order: each shows one box, named
// dash.outbox.tab.<box>, and says what it means when empty as
// dash.outbox.empty.<box>.
var outboxTabs = []struct{ Key outbox.Box }{{outbox.Waiting}, {outbox.Failed}, {outbox.Sent}}

// outboxTab is a tab with its count, for the navigation.
type outboxTab struct {
	Key, Label, URL string
	Count           int
	Current         bool
}

// outboxRow is one message in the list, with why a retry was refused.
type outboxRow struct {
	outbox.Row
	Refused string // shown in the row
}

// outboxRowView is one row with the tab it is shown in.
type outboxRowView struct {
	// adminPage lends the row the reader's language and the program's zone.
	adminPage
	Row outboxRow
	Tab string
}

// outboxScreen is the outbox list.
type outboxScreen struct {
	adminPage
	Tab         string
	Tabs        []outboxTab
	Rows        []outboxRowView
	Pager       form.Pager
	Empty       string // what an empty tab means and what to do
	SMTPEnabled bool
	Retryable   int // failed rows a retry would send again
}

// listOutbox shows the messages of one tab, a page at a time.
func listOutbox(e *core.RequestEvent) error {
	i := outboxTabIndex(e.Request.URL.Query().Get("tab"))
	box := outboxTabs[i].Key
	tab := string(box)
	page := newAdminPage(e, "outbox")
	tabs, err := outboxCounts(e.App, page, tab)
	if err != nil {
		return outboxUnreadable(e)
	}
	p := form.NewPager(e, tabs[i].Count, 25)
	rows, err := outbox.FindRows(e.App, box, p.PerPage, p.Offset())
	if err != nil {
		return outboxUnreadable(e)
	}
	s := outboxScreen{
		adminPage: page, Tab: tab, Tabs: tabs, Pager: p,
		SMTPEnabled: e.App.Settings().SMTP.Enabled, Empty: page.T("dash.outbox.empty." + tab),
	}
	for _, r := range rows {
		s.Rows = append(s.Rows, outboxRowView{adminPage: page, Row: outboxRow{Row: r}, Tab: tab})
	}
	if box == outbox.Failed {
		if ids, err := outbox.RetryableIDs(e.App); err == nil {
			s.Retryable = len(ids)
		}
	}
	return render(e, http.StatusOK, "admin/outbox", s)
}

// outboxUnreadable answers when the outbox could not be read.
func outboxUnreadable(e *core.RequestEvent) error {
	sp := adminSpeaker(e)
	return adminError(e, http.StatusInternalServerError, sp.T("dash.outbox.unreadable"), sp.T("dash.outbox.unreadable_help"))
}

// outboxTabIndex is the tab a key names; the pending tab by default.
func outboxTabIndex(key string) int {
	for i, t := range outboxTabs {
		if string(t.Key) == key {
			return i
		}
	}
	return 0
}

// outboxCounts counts the rows of every tab in one query.
func outboxCounts(app core.App, page adminPage, current string) ([]outboxTab, error) {
	counts, err := outbox.CountBoxes(app, "")
	if err != nil {
		return nil, err
	}
	tabs := make([]outboxTab, len(outboxTabs))
	for i, t := range outboxTabs {
		key := string(t.Key)
		tabs[i] = outboxTab{Key: key, Label: page.T("dash.outbox.tab." + key), URL: "/dashboard/outbox?tab=" + key, Current: key == current, Count: counts[t.Key]}
	}
	return tabs, nil
}

// outboxRetryRefusal says in the reader's words why a row cannot be retried.
func outboxRetryRefusal(sp locale.Speaker, r outbox.Row, err error) string {
	if errors.Is(err, outbox.ErrCancelled) {
		return sp.T("dash.outbox.refused_cancelled")
	}
	return sp.T("dash.outbox.refused_status", "Status", cmp.Or(catalogLabel(sp, "dash.outbox.status.", r.Status, outboxStatuses), r.Status))
}

// outboxStatuses are an outbox row's statuses the catalog names as dash.outbox.status.<status>.
var outboxStatuses = []string{"pending", "sending", "sent", "failed"}

// retryOutboxRow puts one failed row back in the queue, due now. An htmx
// request gets the row removed and the tab counts refreshed.
func retryOutboxRow(e *core.RequestEvent) error {
	row, err := outbox.FindRow(e.App, e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	page := newAdminPage(e, "outbox")
	if err := outbox.CheckRetry(row); err != nil {
		why := outboxRetryRefusal(page.Speaker, row, err)
		if site.IsHTMX(e) {
			view := outboxRowView{adminPage: page, Row: outboxRow{Row: row, Refused: why}, Tab: "failed"}
			return renderPartial(e, http.StatusOK, "admin/outbox", "row", view)
		}
		return adminError(e, http.StatusConflict, page.T("dash.outbox.cannot_retry"), why)
	}
	if err := outbox.Retry(e.App, row.ID); err != nil {
		e.App.Logger().Error("retrying an outbox row failed", "id", row.ID, "error", err)
		return adminError(e, http.StatusInternalServerError, page.T("dash.outbox.retry_failed"), page.T("dash.outbox.try_again"))
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, "/dashboard/outbox?tab=failed", "retried")
	}
	tabs, err := outboxCounts(e.App, page, "failed")
	if err != nil {
		tabs = nil
	}
	return renderPartial(e, http.StatusOK, "admin/outbox", "retried", outboxScreen{adminPage: page, Tabs: tabs})
}

// retryAllFailed puts every failed row that may be sent again back in the
// queue, in one transaction.
func retryAllFailed(e *core.RequestEvent) error {
	n, err := outbox.RetryAll(e.App)
	if err != nil {
		e.App.Logger().Error("retrying the failed outbox rows failed", "error", err)
		sp := adminSpeaker(e)
		return adminError(e, http.StatusInternalServerError, sp.T("dash.outbox.retry_all_failed"), sp.T("dash.outbox.retry_all_failed_help"))
	}
	if n == 0 {
		return e.Redirect(http.StatusSeeOther, "/dashboard/outbox?tab=failed")
	}
	return redirectNotice(e, "/dashboard/outbox?tab=failed", "retried")
}
