package dashboard

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

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

// rewardRow is one reward in the queue, with its referrer, tier and what it gives.
type rewardRow struct {
	ID                   string         `db:"id"`
	Status               string         `db:"status"`
	DecidedBy            string         `db:"decided_by"`
	Note                 string         `db:"note"`
	Created              types.DateTime `db:"created"`
	ApprovedAt           types.DateTime `db:"approved_at"`
	FulfilledAt          types.DateTime `db:"fulfilled_at"`
	DeclinedAt           types.DateTime `db:"declined_at"`
	ReferrerID           string         `db:"referrer_id"`
	ReferrerName         string         `db:"referrer_name"`
	ReferrerEmail        string         `db:"referrer_email"`
	TierName             string         `db:"tier_name"`
	TierThreshold        int            `db:"tier_threshold"`
	TierCounts           string         `db:"tier_counts"`
	IncentiveName        string         `db:"incentive_name"`
	IncentiveKind        string         `db:"incentive_kind"`
	IncentiveDescription string         `db:"incentive_description"`
	RefereeName          string         `db:"referee_name"`

	// Filled in Go for the view.
	Milestone string // "3 referrals made"
	Gift      string // a line of the incentive's description
	Decision  string // "Approved 3 Jan 2026 by maya@…"
	Back      string
	Error     string
	Done      string // the confirmation that replaces a decided row
}

// rewardSelect is the query for reward rows with everything a row shows.
func rewardSelect(app core.App) *dbx.SelectQuery {
	return app.DB().Select("w.id", "w.status", "w.decided_by", "w.note", "w.created", "w.approved_at", "w.fulfilled_at", "w.declined_at",
		"w.referrer AS referrer_id", "COALESCE(c.name, '') AS referrer_name", "COALESCE(c.email, '') AS referrer_email",
		"COALESCE(t.name, '') AS tier_name", "COALESCE(t.threshold, 0) AS tier_threshold", "COALESCE(t.counts, '') AS tier_counts",
		"COALESCE(i.name, '') AS incentive_name", "COALESCE(i.kind, '') AS incentive_kind", "COALESCE(i.description, '') AS incentive_description",
		"COALESCE(r.referee_name, '') AS referee_name").
		From("rewards w").
		LeftJoin("customers c", dbx.NewExp("c.id = w.referrer")).
		LeftJoin("tiers t", dbx.NewExp("t.id = w.tier")).
		LeftJoin("incentives i", dbx.NewExp("i.id = (CASE WHEN w.incentive != '' THEN w.incentive ELSE t.incentive END)")).
		LeftJoin("referrals r", dbx.NewExp("r.id = w.referral"))
}

// findRewardRows lists one page of the rewards in a status: the queues
// oldest first (first come, first served), the decided ones newest first.
func findRewardRows(app core.App, status string, limit, offset int) ([]rewardRow, error) {
	order := "w.created DESC"
	if status == rewards.Earned || status == rewards.Approved {
		order = "w.created ASC"
	}
	var rows []rewardRow
	err := rewardSelect(app).Where(dbx.HashExp{"w.status": status}).OrderBy(order, "w.id").
		Limit(int64(limit)).Offset(int64(offset)).All(&rows)
	return rows, err
}

// findRewardRow reads one reward as a row.
func findRewardRow(app core.App, id string) (rewardRow, error) {
	var row rewardRow
	err := rewardSelect(app).Where(dbx.HashExp{"w.id": id}).One(&row)
	return row, err
}

// countRewardsByStatus counts every reward by status, for the tabs.
func countRewardsByStatus(app core.App) (map[string]int, error) {
	return countByStatus(app, "rewards")
}

// prepare fills what a reward row shows beyond its stored fields.
func (r *rewardRow) prepare(back string) {
	r.Back = back
	unit := map[string]string{"referrals": "referral", "wins": "win"}[r.TierCounts]
	if unit != "" {
		r.Milestone = fmt.Sprintf("%d %s", r.TierThreshold, unit)
		if r.TierThreshold != 1 {
			r.Milestone += "s"
		}
	}
	r.Gift = rewardGiftLine(r.IncentiveDescription)
	r.Decision = rewardDecision(*r)
}

// rewardDecision says who decided a reward and when: "Approved 3 Jan 2026 by maya@…".
func rewardDecision(r rewardRow) string {
	var s string
	switch r.Status {
	case rewards.Approved:
		s = "Approved " + site.DateOf(r.ApprovedAt)
	case rewards.Fulfilled:
		s = "Fulfilled " + site.DateOf(r.FulfilledAt)
	case rewards.Declined:
		s = "Declined " + site.DateOf(r.DeclinedAt)
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
