package metrics

import (
	"database/sql"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Event is one thing that happened in the program, for the live feed, as
// values: the dashboard writes its line in the reader's language.
type Event struct {
	Kind     string // "moment", "referral" (made or moved) or "reward"
	Customer string // the customer it concerns (the referrer for referrals and rewards)
	At       time.Time
	// Name is that customer's name.
	Name string
	// What is a moment's kind, a referral's referee name or a reward's tier name.
	What string
	// Score is an NPS moment's score; Scored is false for other moments.
	Score  int
	Scored bool
	// From is a referral's status before the move, "" when it was just made.
	From string
	// To is what the event ended at: a moment's decision ("" while
	// undecided), a referral's new status, a reward's status.
	To string
}

// activitySQL merges the newest of each kind of event; each part reads an
// index newest first, so the feed costs the same on a large program.
const activitySQL = `SELECT * FROM (
	SELECT * FROM (SELECT 'moment' AS kind, c.name AS name, m.kind AS what, CASE WHEN m.kind = 'nps' THEN m.score END AS score,
		'' AS from_status, m.decision AS to_status, m.customer AS ref, m.occurred_at AS at
		FROM moments m JOIN customers c ON c.id = m.customer ORDER BY m.occurred_at DESC LIMIT {:n})
	UNION ALL
	SELECT * FROM (SELECT 'referral' AS kind, c.name AS name, r.referee_name AS what, NULL AS score,
		e.from_status AS from_status, e.to_status AS to_status, r.referrer AS ref, e.at AS at
		FROM referral_events e JOIN referrals r ON r.id = e.referral JOIN customers c ON c.id = r.referrer
		WHERE e.from_status != e.to_status ORDER BY e.at DESC LIMIT {:n})
	UNION ALL
	SELECT * FROM (SELECT 'reward' AS kind, c.name AS name, t.name AS what, NULL AS score,
		'' AS from_status, w.status AS to_status, w.referrer AS ref, w.updated AS at
		FROM rewards w JOIN customers c ON c.id = w.referrer JOIN tiers t ON t.id = w.tier ORDER BY w.updated DESC LIMIT {:n})
) ORDER BY at DESC LIMIT {:n}`

// Activity lists the n latest events, newest first: moments, referrals
// made and moved through the pipeline, rewards earned or changed.
func Activity(app core.App, n int) ([]Event, error) {
	var rows []struct {
		Kind  string        `db:"kind"`
		Name  string        `db:"name"`
		What  string        `db:"what"`
		Score sql.NullInt64 `db:"score"`
		From  string        `db:"from_status"`
		To    string        `db:"to_status"`
		Ref   string        `db:"ref"`
		At    string        `db:"at"`
	}
	if err := app.DB().NewQuery(activitySQL).Bind(dbx.Params{"n": n}).All(&rows); err != nil {
		return nil, err
	}
	events := make([]Event, len(rows))
	for i, r := range rows {
		events[i] = Event{Kind: r.Kind, Customer: r.Ref, Name: r.Name, What: r.What,
			Score: int(r.Score.Int64), Scored: r.Score.Valid, From: r.From, To: r.To}
		events[i].At, _ = time.Parse("2006-01-02 15:04:05.000Z", r.At)
	}
	return events, nil
}
