package metrics

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// On a large program the overview's figures take seconds to read, so the
// dashboard keeps the last report of each range it showed. A report is
// served as it is while nothing has changed; once the data changed it is
// read again while the admin waits when that is quick (a small program
// always sees live figures), and otherwise the last figures are shown, with
// their time, while a fresh set is read in the background.
const (
	// maxAge bounds how long a report stands even when nothing changed:
	// "the last 30 days" moves with the clock.
	maxAge = 5 * time.Minute
	// maxEntries bounds the ranges kept (custom ranges come and go).
	maxEntries = 32
)

// WaitBudget is the longest a report may have taken to be read again while
// the admin waits. It is a variable so that a test about a small program's
// live figures does not depend on how busy the machine running it is.
var WaitBudget = 250 * time.Millisecond

// snapshots holds the reports of one app, and a counter of data changes.
type snapshots struct {
	version atomic.Uint64
	mu      sync.Mutex
	entries map[string]*entry
}

// entry is one range's latest report.
type entry struct {
	report     Report
	version    uint64
	refreshing bool
	span       Span
	used       time.Time
}

const storeKey = "warmloop.metrics.snapshots"

// build reads a report; tests put a slow stand-in here.
var build = Build

// stored finds or makes the app's snapshots.
func stored(app core.App) *snapshots {
	return app.Store().GetOrSet(storeKey, func() any {
		return &snapshots{entries: map[string]*entry{}}
	}).(*snapshots)
}

// Changed records that data behind the figures changed; the hooks call it
// on every write to customers, moments, asks, referrals and their history.
func Changed(app core.App) { stored(app).version.Add(1) }

// Span gives a range's ends at the moment it is read ("the last 30 days"
// ends now).
type Span func() (from, to time.Time)

// Snapshot returns the report for the range named key in the program's
// time zone, reading it again as the rules above say. Stale reports whether the figures shown are older
// than the latest data (a fresh set is on its way).
func Snapshot(app core.App, key string, span Span) (r Report, stale bool, err error) {
	key += "@" + zone(app).String() // a change of zone reads the trend again
	s := stored(app)
	now := time.Now()
	version := s.version.Load()

	s.mu.Lock()
	e, ok := s.entries[key]
	if ok {
		e.used = now
		current := e.version == version && now.Sub(e.report.ComputedAt) < maxAge
		if current || e.refreshing {
			s.mu.Unlock()
			return e.report, !current, nil
		}
		if e.report.Took > WaitBudget {
			e.refreshing = true
			s.mu.Unlock()
			go s.refresh(app, key, span, version)
			return e.report, true, nil
		}
	}
	s.mu.Unlock()

	from, to := span()
	r, err = build(app, from, to)
	if err != nil {
		return r, false, err
	}
	s.put(key, span, version, r)
	return r, false, nil
}

// Refresh reads again, in the caller's goroutine, every kept report whose
// data changed or that aged; the scheduler calls it so an admin seldom waits.
func Refresh(app core.App) {
	s := stored(app)
	version := s.version.Load()
	type job struct {
		key  string
		span Span
	}
	var due []job
	s.mu.Lock()
	for key, e := range s.entries {
		if !e.refreshing && (e.version != version || time.Since(e.report.ComputedAt) >= maxAge) {
			e.refreshing = true
			due = append(due, job{key, e.span})
		}
	}
	s.mu.Unlock()
	for _, j := range due {
		s.refresh(app, j.key, j.span, version)
	}
}

// refresh reads one range again and keeps the result; on failure the last
// report stays and the next request tries again.
func (s *snapshots) refresh(app core.App, key string, span Span, version uint64) {
	from, to := span()
	r, err := build(app, from, to)
	if err != nil {
		app.Logger().Error("refreshing the dashboard's figures failed", "range", key, "error", err)
		s.mu.Lock()
		if e, ok := s.entries[key]; ok {
			e.refreshing = false
		}
		s.mu.Unlock()
		return
	}
	s.put(key, span, version, r)
}

// put keeps a report, dropping the least recently used range beyond maxEntries.
func (s *snapshots) put(key string, span Span, version uint64, r Report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[key] = &entry{report: r, version: version, span: span, used: time.Now()}
	if len(s.entries) <= maxEntries {
		return
	}
	oldest := ""
	for k, e := range s.entries {
		if oldest == "" || e.used.Before(s.entries[oldest].used) {
			oldest = k
		}
	}
	delete(s.entries, oldest)
}

// LastDays is the range of the last n days, ending when it is read, and
// the key its reports are kept under.
func LastDays(n int) (string, Span) {
	return "days:" + strconv.Itoa(n), func() (time.Time, time.Time) {
		to := time.Now().UTC()
		return to.AddDate(0, 0, -n), to
	}
}

// DefaultDays is the range the overview opens on.
const DefaultDays = 365

// Warm reads the overview's default range once, if it was never read, so
// the first admin after a restart does not wait; then refreshes the rest.
func Warm(app core.App) {
	key, span := LastDays(DefaultDays)
	s := stored(app)
	s.mu.Lock()
	_, ok := s.entries[key+"@"+zone(app).String()]
	s.mu.Unlock()
	if !ok {
		if _, _, err := Snapshot(app, key, span); err != nil {
			app.Logger().Error("reading the dashboard's figures failed", "error", err)
		}
	}
	Refresh(app)
}
