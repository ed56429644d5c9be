package asks_test

import (
	"testing"
	"time"

	"warmloop/internal/asks"
)

const day = 24 * time.Hour

func TestDueCustomerGetsTheNextTouchUntilTheLimit(t *testing.T) {
	r := asks.CadenceRule{Interval: 42 * day, TouchLimit: 3, Rest: 30 * day}
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		touch    int
		optedOut bool
		want     asks.Step
	}{
		{"after the first ask, the second touch", 1, false, asks.Step{Ask: true, Touch: 2, NextAskAt: now.Add(42 * day)}},
		{"the last touch ends the cycle", 2, false, asks.Step{Ask: true, Touch: 3}},
		{"at the limit the customer rests", 3, false, asks.Step{Touch: 3}},
		{"an enrolled customer never asked starts at touch one", 0, false, asks.Step{Ask: true, Touch: 1, NextAskAt: now.Add(42 * day)}},
		{"opted out is never asked", 1, true, asks.Step{Touch: 1}},
	}
	for _, c := range cases {
		if got := r.Due(c.touch, c.optedOut, now); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestAsksResumeAfterTheRestFollowingAReferral(t *testing.T) {
	r := asks.CadenceRule{Interval: 42 * day, TouchLimit: 3, Rest: 30 * day}
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	got := r.AfterReferral(now)
	if got.Touch != 0 || !got.NextAskAt.Equal(now.Add(30*day)) {
		t.Errorf("after a referral: %+v", got)
	}
	if next := r.Due(got.Touch, false, got.NextAskAt); !next.Ask || next.Touch != 1 {
		t.Errorf("after the rest the referrer is not asked again: %+v", next)
	}
}
