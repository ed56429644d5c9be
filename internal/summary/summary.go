// Package summary is the weekly summary: the past seven days' figures
// (asks, yield, referrals, pipeline generated and won, from
// internal/metrics) and the rewards waiting for approval, sent every Monday
// at 08:00 in the program's time zone (the settings' timezone) as a note in the team's chat and an
// email to each owner. A week is summarised once: the settings record keeps
// the ISO week last queued (summary_week), claimed in the transaction that
// queues the week's messages, so a restart, a second server start or the
// job and the command together never send a week twice.
package summary

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/mail"
	"warmloop/internal/metrics"
	"warmloop/internal/program"
	"warmloop/internal/rewards"
)

// Span is how far back a summary looks.
const Span = 7 * 24 * time.Hour

// SendHour is the hour, on Monday in the program's time zone, the summary
// of the week just begun is due.
const SendHour = 8

// Figures are what a summary reports for [From, To): the overview's
// figures, and the rewards waiting for approval now.
type Figures struct {
	metrics.Overview
	RewardsWaiting int
}

// Compute reads the figures of the seven days before now, through the
// same functions the dashboard's overview and the rewards queue use.
func Compute(app core.App, now time.Time) (Figures, error) {
	o, err := metrics.Compute(app, now.Add(-Span), now)
	if err != nil {
		return Figures{}, err
	}
	counts, err := rewards.CountByStatus(app)
	if err != nil {
		return Figures{}, err
	}
	return Figures{Overview: o, RewardsWaiting: counts[rewards.Earned]}, nil
}

// Week names the ISO week of t, such as "2026-W49".
func Week(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// DueAt is when the summary of t's week is due: that week's Monday at
// SendHour, in t's time zone.
func DueAt(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	d := t.AddDate(0, 0, -back)
	return time.Date(d.Year(), d.Month(), d.Day(), SendHour, 0, 0, 0, t.Location())
}

// Send queues the summary of the seven days before now, unless now's week
// was summarised already; it reports whether it queued one. The week is
// claimed, and the chat note and every owner's email queued, in one
// transaction.
func Send(app core.App, now time.Time) (bool, error) { return queue(app, now, false) }

// InZone is now in the program's time zone, whose weeks the summaries
// follow: a week begins on Monday there, and its dates are written there.
func InZone(app core.App, now time.Time) time.Time {
	if s, err := program.Load(app); err == nil {
		return now.In(s.Location())
	}
	return now
}

// Due sends the summary when it is due at now: on Monday at SendHour in
// the program's zone, or later in a week the server missed (CatchUp). The
// scheduler calls it every hour, so a change of zone moves the next
// summary to the new zone's Monday morning.
func Due(app core.App, now time.Time) (bool, error) {
	local := InZone(app, now)
	if local.Weekday() == time.Monday && local.Hour() == SendHour {
		return Send(app, local)
	}
	return CatchUp(app, local)
}

// SendAgain queues the summary of the seven days before now even when
// now's week was summarised already (`warmloop summary send --again`), and
// records the week as summarised.
func SendAgain(app core.App, now time.Time) error {
	_, err := queue(app, now, true)
	return err
}

// queue claims now's week and queues its summary; a week claimed already
// sends nothing unless again.
func queue(app core.App, now time.Time, again bool) (bool, error) {
	now = InZone(app, now)
	f, err := Compute(app, now)
	if err != nil {
		return false, err
	}
	owners, err := Recipients(app)
	if err != nil {
		return false, err
	}
	sent := false
	err = app.RunInTransaction(func(tx core.App) error {
		claimed, err := claimWeek(tx, Week(now))
		if err != nil || !claimed && !again {
			return err
		}
		s, err := program.Load(tx)
		if err != nil {
			return err
		}
		values := Values(f, s, program.BaseURL(tx), now)
		for _, to := range owners {
			if err := mail.QueueSummary(tx, to, values); err != nil {
				return err
			}
		}
		sent = true
		return chat.Queue(tx, s, chat.EventSummary, nil, Note(values))
	})
	return sent, err
}

// CatchUp sends this week's summary when the server was down at its time:
// once a program has had a summary, a start after Monday's hour with this
// week not yet summarised sends it. A program that never had one waits for
// its first Monday.
func CatchUp(app core.App, now time.Time) (bool, error) {
	now = InZone(app, now)
	last, err := lastWeek(app)
	if err != nil || last == "" || last == Week(now) || now.Before(DueAt(now)) {
		return false, err
	}
	return Send(app, now)
}

// Values are the summary's figures written as the weekly_summary page's
// variables: counts with thousands separated, sums in the program's
// currency, the yield as a percentage,
// the days covered, and the links into the dashboard.
func Values(f Figures, s program.Settings, base string, now time.Time) map[string]string {
	day := func(t time.Time) string { return t.In(now.Location()).Format("2 Jan 2006") }
	count := func(n int) string { return chat.Amount(float64(n)) }
	return map[string]string{
		"company_name":       s.CompanyName,
		"week_start":         day(now.Add(-Span)),
		"week_end":           day(now.Add(-time.Nanosecond)),
		"asks_sent":          count(f.AsksSent),
		"customers_asked":    count(f.CustomersAsked),
		"yield_rate":         fmt.Sprintf("%.1f%%", 100*f.YieldRate()),
		"referrals":          count(f.Referrals),
		"pipeline_generated": s.Money(f.PipelineGenerated),
		"pipeline_won":       s.Money(f.PipelineWon),
		"rewards_waiting":    count(f.RewardsWaiting),
		"link":               base + "/dashboard",
		"rewards_link":       base + "/dashboard/rewards?status=earned",
	}
}

// Note is the summary's chat note, from its values: every figure is
// Warmloop's own, the company's name the only typed text.
func Note(v map[string]string) chat.Message {
	return chat.Message{
		Lines: []chat.Line{
			{chat.Typed(v["company_name"]), chat.Say(" referrals, " + v["week_start"] + " to " + v["week_end"])},
			{chat.Say("Asks sent: " + v["asks_sent"] + " to " + v["customers_asked"] + " customers · Yield: " + v["yield_rate"])},
			{chat.Say("Referrals: " + v["referrals"] + " · Pipeline generated: " + v["pipeline_generated"] + " · Pipeline won: " + v["pipeline_won"])},
			{chat.Say("Rewards waiting for approval: " + v["rewards_waiting"])},
		},
		Link: v["link"], LinkText: "Open the dashboard",
	}
}
