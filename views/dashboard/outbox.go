package dashboard

import (
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/listing"
	"warmloop/internal/outbox"
	"warmloop/views/form"
	"warmloop/views/site"
)

// outboxTabs are the outbox's tabs, in order, each with the statuses it
// shows and how its rows are ordered.
var outboxTabs = []struct {
	Key, Label string
	statuses   []any
	order      []string
}{
	{"pending", "Pending", []any{"pending", "sending"}, []string{"next_attempt_at ASC", "rowid ASC"}},
	{"failed", "Failed", []any{"failed"}, []string{"updated DESC", "rowid DESC"}},
	{"sent", "Sent", []any{"sent"}, []string{"rowid DESC"}},
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

// outboxRow is one message in the list.
type outboxRow struct {
	ID, Kind, To, Subject, Status, LastError string
	Attempts                                 int
	NextAttempt, SentAt, Created             types.DateTime
	Cancelled                                bool   // withdrawn on purpose: never sent again
	Refused                                  string // why a retry was refused, shown in the row
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
	tab := e.Request.URL.Query().Get("tab")
	i := outboxTabIndex(tab)
	tab = outboxTabs[i].Key
	tabs, err := outboxCounts(e.App, tab)
	if err != nil {
		return adminError(e, http.StatusInternalServerError, "The outbox could not be read", "Please reload the page in a moment.")
	}
	p := form.NewPager(e, tabs[i].Count, 25)
	var recs []*core.Record
	err = e.App.RecordQuery("outbox").
		AndWhere(dbx.In("status", outboxTabs[i].statuses...)).
		OrderBy(outboxTabs[i].order...).Limit(int64(p.PerPage)).Offset(int64(p.Offset())).
		All(&recs)
	if err != nil {
		return adminError(e, http.StatusInternalServerError, "The outbox could not be read", "Please reload the page in a moment.")
	}
	s := outboxScreen{
		adminPage: newAdminPage(e, "outbox"), Tab: tab, Tabs: tabs, Pager: p,
		SMTPEnabled: e.App.Settings().SMTP.Enabled,
	}
	for _, r := range recs {
		s.Rows = append(s.Rows, outboxRowView{Row: outboxRowOf(r), Tab: tab})
	}
	s.Empty = outboxEmpty[tab]
	if tab == "failed" {
		ids, err := retryableOutboxIDs(e.App)
		if err == nil {
			s.Retryable = len(ids)
		}
	}
	return render(e, http.StatusOK, "admin/outbox", s)
}

// outboxTabIndex is the tab a key names; the pending tab by default.
func outboxTabIndex(key string) int {
	for i, t := range outboxTabs {
		if t.Key == key {
			return i
		}
	}
	return 0
}

// outboxCounts counts the rows of every tab in one query.
func outboxCounts(app core.App, current string) ([]outboxTab, error) {
	counts, err := listing.CountByStatus(app, "outbox")
	if err != nil {
		return nil, err
	}
	tabs := make([]outboxTab, len(outboxTabs))
	for i, t := range outboxTabs {
		tabs[i] = outboxTab{Key: t.Key, Label: t.Label, URL: "/dashboard/outbox?tab=" + t.Key, Current: t.Key == current}
		for _, s := range t.statuses {
			tabs[i].Count += counts[s.(string)]
		}
	}
	return tabs, nil
}

// outboxRowOf reads a row for the list.
func outboxRowOf(r *core.Record) outboxRow {
	return outboxRow{
		ID: r.Id, Kind: r.GetString("kind"), To: r.GetString("to"), Subject: r.GetString("subject"),
		Status: r.GetString("status"), LastError: r.GetString("last_error"), Attempts: r.GetInt("attempts"),
		NextAttempt: r.GetDateTime("next_attempt_at"), SentAt: r.GetDateTime("sent_at"), Created: r.GetDateTime("created"),
		Cancelled: outboxCancelled(r),
	}
}

// outboxCancelled reports a row Warmloop withdrew on purpose (the person
// declined to be contacted): retrying it would write to someone who asked
// not to be written to.
func outboxCancelled(r *core.Record) bool {
	return strings.HasPrefix(r.GetString("last_error"), "cancelled")
}

// outboxRetryRefusal says why a row cannot be retried, "" when it can.
func outboxRetryRefusal(r *core.Record) string {
	switch {
	case r.GetString("status") != "failed":
		return "Only a failed message can be retried: this one is " + r.GetString("status") + "."
	case outboxCancelled(r):
		return "This message was cancelled because the person asked not to be contacted; it will not be sent."
	}
	return ""
}

// retryOutboxRow puts one failed row back in the queue, due now. An htmx
// request gets the row removed and the tab counts refreshed.
func retryOutboxRow(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("outbox", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	if why := outboxRetryRefusal(rec); why != "" {
		if site.IsHTMX(e) {
			row := outboxRowOf(rec)
			row.Refused = why
			return renderPartial(e, http.StatusOK, "admin/outbox", "row", outboxRowView{Row: row, Tab: "failed"})
		}
		return adminError(e, http.StatusConflict, "This message cannot be retried", why)
	}
	if err := outbox.Retry(e.App, rec.Id); err != nil {
		e.App.Logger().Error("retrying an outbox row failed", "id", rec.Id, "error", err)
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

// outboxRowView is one row with the tab it is shown in.
type outboxRowView struct {
	Row outboxRow
	Tab string
}

// retryableOutboxIDs lists the failed rows a retry would send again.
func retryableOutboxIDs(app core.App) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery("SELECT id FROM outbox WHERE status = 'failed' AND last_error NOT LIKE 'cancelled%'").Column(&ids)
	return ids, err
}

// retryAllFailed puts every failed row that may be sent again back in the
// queue, in one transaction.
func retryAllFailed(e *core.RequestEvent) error {
	ids, err := retryableOutboxIDs(e.App)
	if err == nil && len(ids) > 0 {
		err = e.App.RunInTransaction(func(tx core.App) error {
			for _, id := range ids {
				if err := outbox.Retry(tx, id); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		e.App.Logger().Error("retrying the failed outbox rows failed", "error", err)
		return adminError(e, http.StatusInternalServerError, "The messages could not be retried", "Nothing was changed. Please try again in a moment.")
	}
	if len(ids) == 0 {
		return e.Redirect(http.StatusSeeOther, "/dashboard/outbox?tab=failed")
	}
	return redirectNotice(e, "/dashboard/outbox?tab=failed", "retried")
}
