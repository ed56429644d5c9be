package metrics

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// slowBuild stands in for Build: each report says how many were read and
// claims to have taken took.
func slowBuild(t *testing.T, took time.Duration) *atomic.Int64 {
	var reads atomic.Int64
	old := build
	build = func(app core.App, from, to time.Time) (Report, error) {
		n := reads.Add(1)
		return Report{Current: Overview{Referrals: int(n)}, ComputedAt: time.Now(), Took: took}, nil
	}
	t.Cleanup(func() { build = old })
	return &reads
}

func TestSlowFiguresAreShownStaleWhileFreshOnesAreRead(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	reads := slowBuild(t, 3*time.Second)
	key, span := LastDays(30)
	if r, stale, _ := Snapshot(app, key, span); stale || r.Current.Referrals != 1 {
		t.Fatalf("first read: %d, stale %v", r.Current.Referrals, stale)
	}
	Changed(app)
	if r, stale, _ := Snapshot(app, key, span); !stale || r.Current.Referrals != 1 {
		t.Fatalf("after a change: read %d, stale %v; want the first figures, marked stale", r.Current.Referrals, stale)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if r, stale, _ := Snapshot(app, key, span); !stale && r.Current.Referrals == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background read never replaced the stale figures")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("read %d times, want 2: one background read serves every request meanwhile", n)
	}
}

func TestQuickFiguresAreReadAgainWhileTheAdminWaits(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	slowBuild(t, 5*time.Millisecond)
	key, span := LastDays(30)
	Snapshot(app, key, span)
	if r, _, _ := Snapshot(app, key, span); r.Current.Referrals != 1 {
		t.Errorf("nothing changed, yet the figures were read again")
	}
	Changed(app)
	if r, stale, _ := Snapshot(app, key, span); stale || r.Current.Referrals != 2 {
		t.Errorf("after a change: read %d, stale %v; want fresh figures at once", r.Current.Referrals, stale)
	}
}

func TestRefreshReadsAgainOnlyWhatChanged(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	reads := slowBuild(t, 3*time.Second)
	key, span := LastDays(30)
	Snapshot(app, key, span)
	Refresh(app)
	if reads.Load() != 1 {
		t.Errorf("nothing changed, yet Refresh read the figures again")
	}
	Changed(app)
	Refresh(app)
	if r, stale, _ := Snapshot(app, key, span); stale || r.Current.Referrals != 2 {
		t.Errorf("after a change and a refresh: read %d, stale %v", r.Current.Referrals, stale)
	}
}
