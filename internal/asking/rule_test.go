package asking_test

import (
	"testing"
	"time"

	"warmloop/internal/asking"
)

func TestDecide(t *testing.T) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	p := asking.Program{NPSThreshold: 9, Cooldown: 14 * 24 * time.Hour, Interval: 42 * 24 * time.Hour}
	fresh := asking.Customer{}
	cases := []struct {
		name string
		m    asking.Moment
		c    asking.Customer
		want asking.Decision
	}{
		{"promoter at the threshold is asked", asking.Moment{Kind: "nps", Score: 9}, fresh, asking.Asked},
		{"promoter at ten is asked", asking.Moment{Kind: "nps", Score: 10}, fresh, asking.Asked},
		{"passive just below the threshold is not", asking.Moment{Kind: "nps", Score: 8}, fresh, asking.BelowThreshold},
		{"detractor is not", asking.Moment{Kind: "nps", Score: 0}, fresh, asking.BelowThreshold},
		{"renewal is always happy", asking.Moment{Kind: "renewal"}, fresh, asking.Asked},
		{"support win is always happy", asking.Moment{Kind: "support_win"}, fresh, asking.Asked},
		{"first outcome is always happy", asking.Moment{Kind: "first_outcome"}, fresh, asking.Asked},
		{"custom moment is always happy", asking.Moment{Kind: "custom"}, fresh, asking.Asked},
		{"opted-out customer is never asked", asking.Moment{Kind: "renewal"}, asking.Customer{OptedOut: true}, asking.OptedOut},
		{"unhappy and opted out reads as below threshold", asking.Moment{Kind: "nps", Score: 3}, asking.Customer{OptedOut: true}, asking.BelowThreshold},
		{"asked 13 days ago is inside the cooldown", asking.Moment{Kind: "renewal"},
			asking.Customer{LastAskedAt: now.Add(-13 * 24 * time.Hour)}, asking.Cooldown},
		{"asked exactly 14 days ago is past the cooldown", asking.Moment{Kind: "renewal"},
			asking.Customer{LastAskedAt: now.Add(-14 * 24 * time.Hour)}, asking.Asked},
		{"cooldown wins over an open ask", asking.Moment{Kind: "renewal"},
			asking.Customer{LastAskedAt: now.Add(-time.Hour), OpenAsk: true}, asking.Cooldown},
		{"an unanswered ask of the cycle blocks a second", asking.Moment{Kind: "support_win"},
			asking.Customer{LastAskedAt: now.Add(-30 * 24 * time.Hour), OpenAsk: true}, asking.OpenAsk},
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
	p := asking.Program{NPSThreshold: 7}
	if !p.Happy(asking.Moment{Kind: "nps", Score: 7}) || p.Happy(asking.Moment{Kind: "nps", Score: 6}) {
		t.Error("a threshold of 7 is not honoured")
	}
}

func TestEnrolsEveryHappyMomentOfAnActiveCustomer(t *testing.T) {
	p := asking.Program{NPSThreshold: 9}
	if !p.Enrols(asking.Moment{Kind: "renewal"}, asking.Customer{OpenAsk: true}) {
		t.Error("a happy moment during a cycle does not keep the customer enrolled")
	}
	if p.Enrols(asking.Moment{Kind: "renewal"}, asking.Customer{OptedOut: true}) {
		t.Error("an opted-out customer was enrolled")
	}
	if p.Enrols(asking.Moment{Kind: "nps", Score: 5}, asking.Customer{}) {
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
		if got := asking.CadenceInterval(c.preset, c.days); got != c.want {
			t.Errorf("%s/%d = %v, want %v", c.preset, c.days, got, c.want)
		}
	}
}
