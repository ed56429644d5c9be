package dashboard

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// rewardTabs are the queue's tabs in the order an admin works through them.
var rewardTabs = []struct{ Status, Label string }{
	{rewards.Earned, "Earned — to approve"},
	{rewards.Approved, "Approved — to fulfil"},
	{rewards.Fulfilled, "Fulfilled"},
	{rewards.Declined, "Declined"},
}

// rewardRow is one reward in the queue, with what its row shows beyond
// the stored fields.
type rewardRow struct {
	rewards.QueueRow

	Milestone string // "3 referrals made"
	Gift      string // a line of the incentive's description
	Decision  string // "Approved 3 Jan 2026 by maya@…"
	Back      string
	Error     string
	Typed     string // the fulfilment note typed when the move was refused
	Done      string // the confirmation that replaces a decided row
}

// rewardRowAt reads one reward as a queue row, its buttons returning to back.
func rewardRowAt(app core.App, id, back string) (rewardRow, error) {
	stored, err := rewards.FindQueueRow(app, id)
	row := rewardRow{QueueRow: stored}
	row.prepare(back, zoneOf(app))
	return row, err
}

// rewardRowsFor shows stored rows in the queue, their buttons returning to back.
func rewardRowsFor(rows []rewards.QueueRow, back string, loc *time.Location) []rewardRow {
	out := make([]rewardRow, len(rows))
	for i, r := range rows {
		out[i] = rewardRow{QueueRow: r}
		out[i].prepare(back, loc)
	}
	return out
}

// prepare fills what a reward row shows beyond its stored fields, its
// dates in the zone loc.
func (r *rewardRow) prepare(back string, loc *time.Location) {
	r.Back = back
	unit := map[string]string{"referrals": "referral", "wins": "win"}[r.TierCounts]
	if unit != "" {
		r.Milestone = fmt.Sprintf("%d %s", r.TierThreshold, unit)
		if r.TierThreshold != 1 {
			r.Milestone += "s"
		}
	}
	r.Gift = rewardGiftLine(r.IncentiveDescription)
	r.Decision = rewardDecision(*r, loc)
}

// rewardDecision says who decided a reward and when: "Approved 3 Jan 2026 by maya@…".
func rewardDecision(r rewardRow, loc *time.Location) string {
	var s string
	switch r.Status {
	case rewards.Approved:
		s = "Approved " + site.DateIn(r.ApprovedAt, loc)
	case rewards.Fulfilled:
		s = "Fulfilled " + site.DateIn(r.FulfilledAt, loc)
	case rewards.Declined:
		s = "Declined " + site.DateIn(r.DeclinedAt, loc)
	default:
		return "Waiting for approval"
	}
	s = strings.TrimSuffix(s, " –")
	if r.DecidedBy != "" {
		s += " by " + r.DecidedBy
	}
	return s
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
