package public_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/webtest"
)

func TestFirstVisitsThatAllReadInvitedRecordOneVisit(t *testing.T) {
	// Every request is in the server before the first visit's move is
	// written: the first save waits inside its transaction until all have
	// arrived, so the others read the referral while it is still invited
	// and each goes on to record the visit. One move may be recorded.
	const n = 16
	app := webtest.WithReferral(t)
	defer app.Cleanup()
	var arrived atomic.Int32
	all := make(chan struct{})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if arrived.Add(1) == n {
				close(all)
			}
			return e.Next()
		})
		return se.Next()
	})
	var first sync.Once
	app.OnRecordUpdate("referrals").BindFunc(func(e *core.RecordEvent) error {
		first.Do(func() { <-all })
		return e.Next()
	})
	srv := webtest.Server(t, app)

	openAtOnce(t, srv.URL+"/i/"+webtest.RefCode, n)

	var visits int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM referral_events WHERE to_status = 'visited'").Row(&visits); err != nil {
		t.Fatal(err)
	}
	if r := webtest.MustReferral(t, app); r.GetString("status") != "visited" || visits != 1 {
		t.Errorf("referral %s with %d visited moves from %d first visits, want visited with one", r.GetString("status"), visits, n)
	}
}
