package asks_test

import (
	"testing"
	"time"

	"warmloop/internal/asks"
)

func TestDecide(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	p := asks.Program{NPSThreshold: 9, Cooldown: 14 * 24 * time.Hour, Interval: 42 * 24 * time.Hour}
	fresh := asks.Customer{}
	cases := []struct {
		name string
		m    asks.Moment
		c    asks.Customer
		want asks.Decision
	}{
		{"promoter at the threshold is asked", asks.Moment{Kind: "nps", Score: 9}, fresh, asks.Asked},
		{"promoter at ten is asked", asks.Moment{Kind: "nps", Score: 10}, fresh, asks.Asked},
		{"passive just below the threshold is not", asks.Moment{Kind: "nps", Score: 8}, fresh, asks.BelowThreshold},
		{"detractor is not", asks.Moment{Kind: "nps", Score: 0}, fresh, asks.BelowThreshold},
		{"renewal is always happy", asks.Moment{Kind: "renewal"}, fresh, asks.Asked},
		{"support win is always happy", asks.Moment{Kind: "support_win"}, fresh, asks.Asked},
		{"first outcome is always happy", asks.Moment{Kind: "first_outcome"}, fresh, asks.Asked},
		{"custom moment is always happy", asks.Moment{Kind: "custom"}, fresh, asks.Asked},
		{"opted-out customer is never asked", asks.Moment{Kind: "renewal"}, asks.Customer{OptedOut: true}, asks.OptedOut},
		{"unhappy and opted out reads as below threshold", asks.Moment{Kind: "nps", Score: 3}, asks.Customer{OptedOut: true}, asks.BelowThreshold},
		{"asked 13 days ago is inside the cooldown", asks.Moment{Kind: "renewal"},
			asks.Customer{LastAskedAt: now.Add(-13 * 24 * time.Hour)}, asks.Cooldown},
		{"asked exactly 14 days ago is past the cooldown", asks.Moment{Kind: "renewal"},
			asks.Customer{LastAskedAt: now.Add(-14 * 24 * time.Hour)}, asks.Asked},
		{"cooldown wins over an open ask", asks.Moment{Kind: "renewal"},
			asks.Customer{LastAskedAt: now.Add(-time.Hour), OpenAsk: true}, asks.Cooldown},
		{"an unanswered ask of the cycle blocks a second", asks.Moment{Kind: "support_win"},
			asks.Customer{LastAskedAt: now.Add(-30 * 24 * time.Hour), OpenAsk: true}, asks.OpenAsk},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := p.Decide(c.m, c.c, now); got != c.want {
				t.Errorf("Decide = %s, want %s", got, c.want)
			}
		})
	}
}

func TestThresholdComesFromTheSettings(t *testing.T) {
	p := asks.Program{NPSThreshold: 7}
	if !p.Happy(asks.Moment{Kind: "nps", Score: 7}) || p.Happy(asks.Moment{Kind: "nps", Score: 6}) {
		t.Error("a threshold of 7 is not honoured")
	}
}

func TestEnrolsEveryHappyMomentOfAnActiveCustomer(t *testing.T) {
	p := asks.Program{NPSThreshold: 9}
	if !p.Enrols(asks.Moment{Kind: "renewal"}, asks.Customer{OpenAsk: true}) {
		t.Error("a happy moment during a cycle does not keep the customer enrolled")
	}
	if p.Enrols(asks.Moment{Kind: "renewal"}, asks.Customer{OptedOut: true}) {
		t.Error("an opted-out customer was enrolled")
	}
	if p.Enrols(asks.Moment{Kind: "nps", Score: 5}, asks.Customer{}) {
		t.Error("a detractor was enrolled")
	}
}

func TestCadenceIntervals(t *testing.T) {
	day := 24 * time.Hour
	cases := []struct {
		preset string
		days   int
		want   time.Duration
	}{
		{"aggressive", 0, 21 * day},
		{"balanced", 0, 42 * day},
		{"conservative", 0, 91 * day},
		{"custom", 10, 10 * day},
		{"custom", 0, 42 * day},
	}
	for _, c := range cases {
		if got := asks.CadenceInterval(c.preset, c.days); got != c.want {
			t.Errorf("%s/%d = %v, want %v", c.preset, c.days, got, c.want)
		}
	}
}
