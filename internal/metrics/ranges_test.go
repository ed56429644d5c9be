package metrics_test

import (
	"errors"
	"testing"
	"time"

	"warmloop/internal/metrics"
)

func TestPresetDaysFallsBackToTheDefault(t *testing.T) {
	for _, c := range []struct{ in, want int }{{30, 30}, {90, 90}, {365, 365}, {0, metrics.DefaultDays}, {31, metrics.DefaultDays}, {-30, metrics.DefaultDays}} {
		if got := metrics.PresetDays(c.in); got != c.want {
			t.Errorf("PresetDays(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestBetween(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		name        string
		first, last string
		key         string
		days        int
		err         error
	}{
		{"a range includes its last day", "2026-01-01", "2026-03-31", "range:2026-01-01:2026-03-31", 90, nil},
		{"a one-day range is one day long", "2026-02-10", "2026-02-10", "range:2026-02-10:2026-02-10", 1, nil},
		{"five years are allowed", "2021-01-01", "2025-12-31", "range:2021-01-01:2025-12-31", 1826, nil},
		{"a range that ends before it starts is refused", "2026-03-01", "2026-02-28", "", 0, metrics.ErrRangeReversed},
		{"a range of more than five years is refused", "2020-01-01", "2026-01-01", "", 0, metrics.ErrRangeTooLong},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			key, span, days, err := metrics.Between(day(c.first), day(c.last))
			if !errors.Is(err, c.err) || key != c.key || days != c.days {
				t.Fatalf("got %q, %d days, %v; want %q, %d days, %v", key, days, err, c.key, c.days, c.err)
			}
			if err != nil {
				return
			}
			from, to := span()
			if !from.Equal(day(c.first)) || !to.Equal(day(c.last).AddDate(0, 0, 1)) {
				t.Errorf("span %v – %v", from, to)
			}
		})
	}
}

func TestBetweenCountsDaysOfTheProgramsZoneAcrossAClockChange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := time.ParseInLocation(time.DateOnly, "2026-03-01", ny)
	last, _ := time.ParseInLocation(time.DateOnly, "2026-03-31", ny)
	_, span, days, err := metrics.Between(first, last)
	if err != nil || days != 31 {
		t.Fatalf("March in New York, where clocks go forward on the 8th: %d days, %v; want 31", days, err)
	}
	from, to := span()
	if want := time.Date(2026, 3, 1, 5, 0, 0, 0, time.UTC); !from.Equal(want) {
		t.Errorf("the range starts at %v, want New York's midnight, %v", from.UTC(), want)
	}
	if want := time.Date(2026, 4, 1, 4, 0, 0, 0, time.UTC); !to.Equal(want) {
		t.Errorf("the range ends at %v, want New York's midnight after the 31st, %v", to.UTC(), want)
	}
}
