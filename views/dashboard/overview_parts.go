package dashboard

import (
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/metrics"
	"warmloop/views/site"
)

// activityItem is one line of the feed: what happened, in the reader's
// language, how it looks and where it leads.
type activityItem struct {
	At               time.Time
	Kind, Text, Tone string
	Link, Ago        string
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
	page := activityPage{adminPage: newAdminPage(e, "overview")}
	events, err := metrics.Activity(e.App, 12)
	if err != nil {
		e.App.Logger().Error("reading the latest activity failed", "error", err)
		return renderPartial(e, http.StatusOK, "admin/activity", "activity-error", page)
	}
	now := time.Now()
	for _, ev := range events {
		item := activityItem{At: ev.At, Kind: activityKind(page.Speaker, ev.Kind), Text: activityText(page.Speaker, ev),
			Ago: activityAgo(page.Speaker, now.Sub(ev.At))}
		if tone, ok := activityTones[ev.Kind]; ok {
			item.Tone, item.Link = tone, "/dashboard/customers/"+ev.Customer
		}
		page.Items = append(page.Items, item)
	}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "admin/activity", "activity", page)
	}
	return render(e, http.StatusOK, "admin/activity", page)
}

// activityKind names the kind of an event for its pill.
func activityKind(sp locale.Speaker, kind string) string {
	if _, ok := activityTones[kind]; ok {
		return sp.T("dash.activity.kind." + kind)
	}
	return kind
}

// activityDecisions are the ask rule's decisions a moment's line tells;
// "" is a moment not decided yet.
var activityDecisions = []string{"", "asked", "below_threshold", "cooldown", "opted_out", "open_ask"}

// activityRewardStatuses are the reward statuses a reward's line tells.
var activityRewardStatuses = []string{"earned", "approved", "fulfilled", "declined"}

// activityText is an event's line in the reader's language, with the
// people's and tiers' names as values: "Ana Lima: NPS answer 9, asked for
// a referral", "Ana Lima introduced Jo Bloggs", "Jo Bloggs moved from
// Invited to Booked".
func activityText(sp locale.Speaker, ev metrics.Event) string {
	switch ev.Kind {
	case "moment":
		what := customerLabel(sp, ev.What)
		if ev.Scored {
			what = sp.T("dash.activity.scored", "Kind", what, "Score", sp.Number(ev.Score))
		}
		decision := ev.To
		if decision == "" {
			decision = "pending"
		} else if !slices.Contains(activityDecisions, decision) {
			return sp.T("dash.activity.moment.unknown", "Name", ev.Name, "Kind", what, "Decision", decision)
		}
		return sp.T("dash.activity.moment."+decision, "Name", ev.Name, "Kind", what)
	case "referral":
		if ev.From == "" {
			return sp.T("dash.activity.referred", "Name", ev.Name, "Referee", ev.What)
		}
		return sp.T("dash.activity.moved", "Referee", ev.What, "Name", ev.Name,
			"From", referralStatusLabel(sp, ev.From), "To", referralStatusLabel(sp, ev.To))
	case "reward":
		if slices.Contains(activityRewardStatuses, ev.To) {
			return sp.T("dash.activity.reward."+ev.To, "Name", ev.Name, "Tier", ev.What)
		}
		return sp.T("dash.activity.reward.unknown", "Name", ev.Name, "Tier", ev.What, "Status", ev.To)
	}
	return ev.Name
}

// activityAgo writes how long ago something happened, in the reader's
// language: "just now", "5 minutes ago", "3 hours ago", "2 days ago" (the
// referrals' ages, with minutes for the last hour).
func activityAgo(sp locale.Speaker, d time.Duration) string {
	switch {
	case d < time.Minute:
		return sp.T("dash.referrals.age.now")
	case d < time.Hour:
		return sp.N("dash.activity.minutes_ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return sp.N("dash.referrals.age.hours", int(d.Hours()))
	default:
		return sp.N("dash.referrals.age.days", int(d.Hours()/24))
	}
}
