package asks

import (
	"time"

	"warmloop/internal/program"
)

// Decision is what the rule decided for one moment; it is stored on the
// moment so the dashboard can show why a customer was or was not asked.
type Decision string

const (
	Asked          Decision = "asked"
	BelowThreshold Decision = "below_threshold"
	Cooldown       Decision = "cooldown"
	OptedOut       Decision = "opted_out"
	OpenAsk        Decision = "open_ask"
)

// Program is the part of the program settings the rule reads.
type Program struct {
	NPSThreshold int           // an nps moment is happy at this score or above
	Cooldown     time.Duration // no new ask within this long of the last one
	Interval     time.Duration // the cadence preset's time between touches
}

// Moment is the part of a moment the rule reads.
type Moment struct {
	Kind  string // nps, renewal, support_win, first_outcome, custom
	Score int    // 0–10, for nps
}

// Customer is the customer's state when the moment arrives.
type Customer struct {
	OptedOut    bool
	LastAskedAt time.Time // zero when never asked
	// OpenAsk is true when an ask of the current touch cycle is still
	// unanswered (queued, sent or clicked, and the cycle still running).
	OpenAsk bool
}

// Happy reports whether a moment is a good time to ask: an NPS answer at or
// above the threshold, or any other kind of moment.
func (p Program) Happy(m Moment) bool {
	if m.Kind == "nps" {
		return m.Score >= p.NPSThreshold
	}
	return true
}

// Decide applies the rule: no ask for an unhappy moment, an opted-out
// customer, a customer asked within the cooldown, or one with an unanswered
// ask in the current cycle; otherwise ask now.
func (p Program) Decide(m Moment, c Customer, now time.Time) Decision {
	switch {
	case !p.Happy(m):
		return BelowThreshold
	case c.OptedOut:
		return OptedOut
	case !c.LastAskedAt.IsZero() && now.Sub(c.LastAskedAt) < p.Cooldown:
		return Cooldown
	case c.OpenAsk:
		return OpenAsk
	default:
		return Asked
	}
}

// Enrols reports whether the moment puts the customer in the cadence: every
// happy moment of a customer who has not opted out does.
func (p Program) Enrols(m Moment, c Customer) bool {
	return p.Happy(m) && !c.OptedOut
}

// CadenceInterval is the time between touches for a preset; custom uses days.
func CadenceInterval(preset string, customDays int) time.Duration {
	const day = 24 * time.Hour
	switch preset {
	case "aggressive":
		return 21 * day
	case "conservative":
		return 91 * day
	case "custom":
		if customDays > 0 {
			return time.Duration(customDays) * day
		}
	}
	return 42 * day // balanced
}

// RulesOf is the part of the program settings the moment → ask rule reads.
func RulesOf(s program.Settings) Program {
	return Program{
		NPSThreshold: s.NPSThreshold,
		Cooldown:     time.Duration(s.CooldownDays) * 24 * time.Hour,
		Interval:     CadenceInterval(s.Cadence, s.CadenceDays),
	}
}
