package dashboard

import (
	"fmt"
	"net/http"
	"time"
	"warmloop/views/site"

	"github.com/pocketbase/pocketbase/core"
)

// activityItem is one line of the feed.
type activityItem struct {
	Kind string    `db:"kind"`
	Text string    `db:"text"`
	Ref  string    `db:"ref"`
	Raw  string    `db:"at"`
	At   time.Time `db:"-"`
	Tone string    `db:"-"`
	Link string    `db:"-"`
	Ago  string    `db:"-"`
}

// activityPage is the feed, as a fragment or a page of its own.
type activityPage struct {
	adminPage
	Items []activityItem
}

// activitySQL merges the newest of each kind of event; each part reads an
// index newest first, so the feed costs the same on a large program.
const activitySQL = `SELECT * FROM (
	SELECT * FROM (SELECT 'moment' AS kind, c.name || ' · ' || replace(m.kind, '_', ' ') || CASE WHEN m.kind = 'nps' THEN ' ' || m.score ELSE '' END || ' · ' || replace(m.decision, '_', ' ') AS text,
		m.customer AS ref, m.occurred_at AS at FROM moments m JOIN customers c ON c.id = m.customer ORDER BY m.occurred_at DESC LIMIT 12)
	UNION ALL
	SELECT * FROM (SELECT 'referral' AS kind, r.referee_name || ' · ' || CASE WHEN e.from_status = '' THEN 'referred by ' || c.name ELSE e.from_status || ' → ' || e.to_status END AS text,
		r.referrer AS ref, e.at AS at FROM referral_events e JOIN referrals r ON r.id = e.referral JOIN customers c ON c.id = r.referrer
		WHERE e.from_status != e.to_status ORDER BY e.at DESC LIMIT 12)
	UNION ALL
	SELECT * FROM (SELECT 'reward' AS kind, c.name || ' · ' || t.name || ' · ' || w.status AS text, w.referrer AS ref, w.updated AS at
		FROM rewards w JOIN customers c ON c.id = w.referrer JOIN tiers t ON t.id = w.tier ORDER BY w.updated DESC LIMIT 12)
) ORDER BY at DESC LIMIT 12`

// activity lists what happened last: moments, pipeline moves, rewards.
func activity(e *core.RequestEvent) error {
	var items []activityItem
	if err := e.App.DB().NewQuery(activitySQL).All(&items); err != nil {
		e.App.Logger().Error("reading the latest activity failed", "error", err)
		return renderPartial(e, http.StatusOK, "admin/activity", "activity-error", nil)
	}
	now := time.Now()
	for i := range items {
		it := &items[i]
		it.At, _ = time.Parse("2006-01-02 15:04:05.000Z", it.Raw)
		it.Ago = ago(now.Sub(it.At))
		switch it.Kind {
		case "moment":
			it.Tone, it.Link = "info", "/dashboard/customers/"+it.Ref
		case "referral":
			it.Tone, it.Link = "ok", "/dashboard/customers/"+it.Ref
		case "reward":
			it.Tone, it.Link = "warn", "/dashboard/customers/"+it.Ref
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
