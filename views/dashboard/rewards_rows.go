package dashboard

import (
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/rewards"
)

// rewardTabs are the queue's tabs in the order an admin works through
// them; the catalog names each as dash.rewards.tab.<status> and its pill
// as dash.rewards.status.<status>.
var rewardTabs = []string{rewards.Earned, rewards.Approved, rewards.Fulfilled, rewards.Declined}

// rewardRow is one reward in the queue, with what its row shows beyond
// the stored fields.
type rewardRow struct {
	rewards.QueueRow
	locale.Speaker

	Milestone   string // "3 referrals made"
	Gift        string // a line of the incentive's description
	Decision    string // "Approved 3 Jan 2026 by maya@…"
	Earned      string // the day it was earned, in the reader's language
	StatusLabel string
	Back        string
	Error       string
	Typed       string // the fulfilment note typed when the move was refused
	Done        string // the confirmation that replaces a decided row
}

// rewardRowAt reads one reward as a queue row, its buttons returning to back.
func rewardRowAt(app core.App, sp locale.Speaker, id, back string) (rewardRow, error) {
	stored, err := rewards.FindQueueRow(app, id)
	row := rewardRow{QueueRow: stored, Speaker: sp}
	row.prepare(back, zoneOf(app))
	return row, err
}

// rewardRowsFor shows stored rows in the queue, their buttons returning to back.
func rewardRowsFor(sp locale.Speaker, rows []rewards.QueueRow, back string, loc *time.Location) []rewardRow {
	out := make([]rewardRow, len(rows))
	for i, r := range rows {
		out[i] = rewardRow{QueueRow: r, Speaker: sp}
		out[i].prepare(back, loc)
	}
	return out
}

// prepare fills what a reward row shows beyond its stored fields, its
// dates in the zone loc.
func (r *rewardRow) prepare(back string, loc *time.Location) {
	r.Back = back
	if r.TierCounts == "referrals" || r.TierCounts == "wins" {
		r.Milestone = r.N("dash.rewards.milestone."+r.TierCounts, r.TierThreshold)
	}
	r.Earned = rewardDay(r.Speaker, r.Created.Time().In(loc))
	r.StatusLabel = r.T("dash.rewards.status." + r.Status)
	r.Gift = rewardGiftLine(r.IncentiveDescription)
	r.Decision = rewardDecision(*r, loc)
}

// rewardDecision says who decided a reward and when: "Approved 3 Jan 2026 by maya@…".
func rewardDecision(r rewardRow, loc *time.Location) string {
	var at time.Time
	switch r.Status {
	case rewards.Approved:
		at = r.ApprovedAt.Time().In(loc)
	case rewards.Fulfilled:
		at = r.FulfilledAt.Time().In(loc)
	case rewards.Declined:
		at = r.DeclinedAt.Time().In(loc)
	default:
		return r.T("dash.rewards.waiting")
	}
	key := "dash.rewards.decided." + r.Status
	switch {
	case at.IsZero() && r.DecidedBy == "":
		return r.T(key)
	case at.IsZero():
		return r.T(key+"_by", "Who", r.DecidedBy)
	case r.DecidedBy == "":
		return r.T(key+"_on", "Day", r.Date(at))
	}
	return r.T(key+"_on_by", "Day", r.Date(at), "Who", r.DecidedBy)
}

// rewardDay writes a day in the reader's language, "–" when unset.
func rewardDay(sp locale.Speaker, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return sp.Date(t)
}

// rewardGiftLine is the first line of text of an incentive's markdown description,
// without its markup, short enough for a table cell.
func rewardGiftLine(md string) string {
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue // a heading names the section, not the gift
		}
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), ">*-+ "))
		line = strings.NewReplacer("**", "", "__", "", "`", "").Replace(line)
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > 140 {
			line = strings.TrimSpace(string(r[:139])) + "…"
		}
		return line
	}
	return ""
}
