// Package cadence keeps asking customers who have had a happy moment, touch
// after touch, until they refer, opt out or reach the touch limit. The rule
// is plain Go; Pass applies it to the customers who are due.
package cadence

import "time"

// Rule is the cadence part of the program settings.
type Rule struct {
	Interval   time.Duration // between touches (the preset, or custom days)
	TouchLimit int           // touches per cycle; then the customer rests
	Rest       time.Duration // pause after a referral before asks resume
}

// Step is what the cadence does for one due customer.
type Step struct {
	Ask       bool      // send a touch now
	Touch     int       // the touch number sent (when Ask), or kept
	NextAskAt time.Time // zero: out of the cadence until the next happy moment
}

// Due applies the rule to a customer whose next_ask_at has come, with touch
// asks already sent in the current cycle.
func (r Rule) Due(touch int, optedOut bool, now time.Time) Step {
	if optedOut || touch >= r.TouchLimit {
		// Opted out, or the cycle is spent: rest until a happy moment.
		return Step{Touch: touch}
	}
	s := Step{Ask: true, Touch: touch + 1}
	if s.Touch < r.TouchLimit {
		s.NextAskAt = now.Add(r.Interval)
	}
	return s
}

// AfterReferral is the customer's state once they have referred: a new cycle
// that starts after the rest period. Repeat referrers are the most valuable,
// so the asks resume.
func (r Rule) AfterReferral(now time.Time) Step {
	return Step{Touch: 0, NextAskAt: now.Add(r.Rest)}
}
