package dashboard

import (
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/metrics"
	"warmloop/views/site"
)

// activityItem is one line of the feed: an event, how it looks, where it leads.
type activityItem struct {
	metrics.Event
	Tone string
	Link string
	Ago  string
}

// activityPage is the feed, as a fragment or a page of its own.
type activityPage struct {
	adminPage
	Items []activityItem
}

// activityTones colour each kind of event.
var activityTones = map[string]string{"moment": "info", "referral": "ok", "reward": "warn"}

// activity lists what happened last: moments, pipeline moves, rewards.
func activity(e *core.RequestEvent) error {
	events, err := metrics.Activity(e.App, 12)
	if err != nil {
		e.App.Logger().Error("reading the latest activity failed", "error", err)
		return renderPartial(e, http.StatusOK, "admin/activity", "activity-error", nil)
	}
	now := time.Now()
	items := make([]activityItem, len(events))
	for i, ev := range events {
		items[i] = activityItem{Event: ev, Ago: ago(now.Sub(ev.At))}
		if tone, ok := activityTones[ev.Kind]; ok {
			items[i].Tone, items[i].Link = tone, "/dashboard/customers/"+ev.Customer
		}
	}
	page := activityPage{adminPage: newAdminPage(e, "overview"), Items: items}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "admin/activity", "activity", page)
	}
	return render(e, http.StatusOK, "admin/activity", page)
}

// ago writes how long ago something happened: "just now", "5 min ago", "3 h ago", "2 days ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
}
