package asks

import (
	"time"

	"warmloop/internal/program"
)

// CadenceRule is the cadence part of the program settings.
type CadenceRule struct {
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
func (r CadenceRule) Due(touch int, optedOut bool, now time.Time) Step {
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
func (r CadenceRule) AfterReferral(now time.Time) Step {
	return Step{Touch: 0, NextAskAt: now.Add(r.Rest)}
}

// CadenceOf is the part of the program settings the cadence reads.
func CadenceOf(s program.Settings) CadenceRule {
	return CadenceRule{
		Interval:   CadenceInterval(s.Cadence, s.CadenceDays),
		TouchLimit: s.TouchLimit,
		Rest:       time.Duration(s.RestDays) * 24 * time.Hour,
	}
}
