package metrics

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Event is one thing that happened in the program, for the live feed.
type Event struct {
	Kind     string // "moment", "referral" (made or moved) or "reward"
	Text     string // who and what: "Ana · nps 9 · asked"
	Customer string // the customer it concerns (the referrer for referrals and rewards)
	At       time.Time
}

// activitySQL merges the newest of each kind of event; each part reads an
// index newest first, so the feed costs the same on a large program.
const activitySQL = `SELECT * FROM (
	SELECT * FROM (SELECT 'moment' AS kind, c.name || ' · ' || replace(m.kind, '_', ' ') || CASE WHEN m.kind = 'nps' THEN ' ' || m.score ELSE '' END || ' · ' || replace(m.decision, '_', ' ') AS text,
		m.customer AS ref, m.occurred_at AS at FROM moments m JOIN customers c ON c.id = m.customer ORDER BY m.occurred_at DESC LIMIT {:n})
	UNION ALL
	SELECT * FROM (SELECT 'referral' AS kind, r.referee_name || ' · ' || CASE WHEN e.from_status = '' THEN 'referred by ' || c.name ELSE e.from_status || ' → ' || e.to_status END AS text,
		r.referrer AS ref, e.at AS at FROM referral_events e JOIN referrals r ON r.id = e.referral JOIN customers c ON c.id = r.referrer
		WHERE e.from_status != e.to_status ORDER BY e.at DESC LIMIT {:n})
	UNION ALL
	SELECT * FROM (SELECT 'reward' AS kind, c.name || ' · ' || t.name || ' · ' || w.status AS text, w.referrer AS ref, w.updated AS at
		FROM rewards w JOIN customers c ON c.id = w.referrer JOIN tiers t ON t.id = w.tier ORDER BY w.updated DESC LIMIT {:n})
) ORDER BY at DESC LIMIT {:n}`

// Activity lists the n latest events, newest first: moments, referrals
// made and moved through the pipeline, rewards earned or changed.
func Activity(app core.App, n int) ([]Event, error) {
	var rows []struct {
		Kind string `db:"kind"`
		Text string `db:"text"`
		Ref  string `db:"ref"`
		At   string `db:"at"`
	}
	if err := app.DB().NewQuery(activitySQL).Bind(dbx.Params{"n": n}).All(&rows); err != nil {
		return nil, err
	}
	events := make([]Event, len(rows))
	for i, r := range rows {
		events[i] = Event{Kind: r.Kind, Text: r.Text, Customer: r.Ref}
		events[i].At, _ = time.Parse("2006-01-02 15:04:05.000Z", r.At)
	}
	return events, nil
}
