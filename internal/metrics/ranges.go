package metrics

import (
	"errors"
	"slices"
	"time"
)

// Presets are the ranges the overview offers, in days.
var Presets = []int{30, 90, 365}

// PresetDays is n when it is one of the Presets, DefaultDays otherwise.
func PresetDays(n int) int {
	if slices.Contains(Presets, n) {
		return n
	}
	return DefaultDays
}

// maxRange bounds a custom range: longer ones read too much at once.
const maxRange = 5 * 366 * 24 * time.Hour

// Why a custom range is refused.
var (
	ErrRangeReversed = errors.New("the range ends before it starts")
	ErrRangeTooLong  = errors.New("the range is longer than five years")
)

// Between is the range from the day first to the day last, both included,
// the key its reports are kept under, and its length in days. Each day
// starts at midnight in the zone first and last are in (the program's:
// time.ParseInLocation), and a day of a clock change is one day.
func Between(first, last time.Time) (key string, span Span, days int, err error) {
	switch {
	case last.Before(first):
		return "", nil, 0, ErrRangeReversed
	case last.Sub(first) > maxRange:
		return "", nil, 0, ErrRangeTooLong
	}
	end := last.AddDate(0, 0, 1) // the last day is included
	key = "range:" + first.Format(time.DateOnly) + ":" + last.Format(time.DateOnly)
	span = func() (time.Time, time.Time) { return first, end }
	days = int(calendar(end).Sub(calendar(first)).Hours() / 24)
	return key, span, days, nil
}

// calendar is t's date as a UTC midnight, so dates subtract in whole days
// whatever clock changes lie between them.
func calendar(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
