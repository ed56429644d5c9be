package dashboard

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/views/form"
	"warmloop/views/site"
)

// outboxTabs are the outbox's tabs, in order: each shows one box.
var outboxTabs = []struct {
	Key   outbox.Box
	Label string
}{
	{outbox.Waiting, "Pending"},
	{outbox.Failed, "Failed"},
	{outbox.Sent, "Sent"},
}

// outboxEmpty says what an empty tab means.
var outboxEmpty = map[string]string{
	"pending": "Nothing is waiting. Emails and webhooks appear here the moment Warmloop queues them, and leave once they are delivered.",
	"failed":  "No failed messages. A message lands here when it still fails after 8 attempts; fix the cause, then retry it.",
	"sent":    "Nothing sent yet. Delivered emails and webhooks are kept here as a record.",
}

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
	tabs, err := outboxCounts(e.App, tab)
	if err != nil {
		return outboxUnreadable(e)
	}
	p := form.NewPager(e, tabs[i].Count, 25)
	rows, err := outbox.FindRows(e.App, box, p.PerPage, p.Offset())
	if err != nil {
		return outboxUnreadable(e)
	}
	s := outboxScreen{
		adminPage: newAdminPage(e, "outbox"), Tab: tab, Tabs: tabs, Pager: p,
		SMTPEnabled: e.App.Settings().SMTP.Enabled, Empty: outboxEmpty[tab],
	}
	for _, r := range rows {
		s.Rows = append(s.Rows, outboxRowView{Row: outboxRow{Row: r}, Tab: tab})
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
	return adminError(e, http.StatusInternalServerError, "The outbox could not be read", "Please reload the page in a moment.")
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
func outboxCounts(app core.App, current string) ([]outboxTab, error) {
	counts, err := outbox.CountBoxes(app, "")
	if err != nil {
		return nil, err
	}
	tabs := make([]outboxTab, len(outboxTabs))
	for i, t := range outboxTabs {
		key := string(t.Key)
		tabs[i] = outboxTab{Key: key, Label: t.Label, URL: "/dashboard/outbox?tab=" + key, Current: key == current, Count: counts[t.Key]}
	}
	return tabs, nil
}

// outboxRetryRefusal says in words why a row cannot be retried.
func outboxRetryRefusal(r outbox.Row, err error) string {
	if errors.Is(err, outbox.ErrCancelled) {
		return "This message was cancelled because the person asked not to be contacted; it will not be sent."
	}
	return "Only a failed message can be retried: this one is " + r.Status + "."
}

// retryOutboxRow puts one failed row back in the queue, due now. An htmx
// request gets the row removed and the tab counts refreshed.
func retryOutboxRow(e *core.RequestEvent) error {
	row, err := outbox.FindRow(e.App, e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if err := outbox.CheckRetry(row); err != nil {
		why := outboxRetryRefusal(row, err)
		if site.IsHTMX(e) {
			view := outboxRowView{Row: outboxRow{Row: row, Refused: why}, Tab: "failed"}
			return renderPartial(e, http.StatusOK, "admin/outbox", "row", view)
		}
		return adminError(e, http.StatusConflict, "This message cannot be retried", why)
	}
	if err := outbox.Retry(e.App, row.ID); err != nil {
		e.App.Logger().Error("retrying an outbox row failed", "id", row.ID, "error", err)
		return adminError(e, http.StatusInternalServerError, "The message could not be retried", "Please try again in a moment.")
	}
	if !site.IsHTMX(e) {
		return redirectNotice(e, "/dashboard/outbox?tab=failed", "retried")
	}
	tabs, err := outboxCounts(e.App, "failed")
	if err != nil {
		tabs = nil
	}
	return renderPartial(e, http.StatusOK, "admin/outbox", "retried", tabs)
}

// retryAllFailed puts every failed row that may be sent again back in the
// queue, in one transaction.
func retryAllFailed(e *core.RequestEvent) error {
	n, err := outbox.RetryAll(e.App)
	if err != nil {
		e.App.Logger().Error("retrying the failed outbox rows failed", "error", err)
		return adminError(e, http.StatusInternalServerError, "The messages could not be retried", "Nothing was changed. Please try again in a moment.")
	}
	if n == 0 {
		return e.Redirect(http.StatusSeeOther, "/dashboard/outbox?tab=failed")
	}
	return redirectNotice(e, "/dashboard/outbox?tab=failed", "retried")
}
