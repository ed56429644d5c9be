package public_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/tests/webtest"
)

// The tests here are about what a page opened many times must keep right:
// a first visit recorded once however many arrive together, and a page
// kept rendered that changes as soon as what it shows does.

// openAtOnce opens a personal link from n browsers at the same moment, as a
// busy page under load sees it, and fails on any answer but 200.
func openAtOnce(t *testing.T, url string, n int) {
	t.Helper()
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			req.Header.Set("User-Agent", chrome)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %s", url, res.Status)
			}
		}()
	}
	close(start)
	wg.Wait()
}

func TestFirstVisitsAtOnceMarkTheAskClickedOnce(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	setAskSent(t, app, time.Now().Add(-time.Hour))
	srv := webtest.Server(t, app)
	var saves int
	var mu sync.Mutex
	app.OnRecordAfterUpdateSuccess("asks").BindFunc(func(e *core.RecordEvent) error {
		mu.Lock()
		saves++
		mu.Unlock()
		return e.Next()
	})

	openAtOnce(t, srv.URL+"/r/"+webtest.AskToken, 32)

	ask := webtest.MustAsk(t, app)
	if ask.GetString("status") != "clicked" || ask.GetDateTime("clicked_at").IsZero() {
		t.Errorf("ask %s, clicked_at %v; want clicked", ask.GetString("status"), ask.GetDateTime("clicked_at"))
	}
	if saves != 1 {
		t.Errorf("32 first visits at once saved the ask %d times, want once", saves)
	}
}

func TestFirstVisitsAtOnceRecordOneVisit(t *testing.T) {
	app := webtest.WithReferral(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)

	openAtOnce(t, srv.URL+"/i/"+webtest.RefCode, 32)

	var visits int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM referral_events WHERE to_status = 'visited'").Row(&visits); err != nil {
		t.Fatal(err)
	}
	if r := webtest.MustReferral(t, app); r.GetString("status") != "visited" || visits != 1 {
		t.Errorf("referral %s with %d visited moves, want visited with one", r.GetString("status"), visits)
	}
}

// get opens a page as a person's browser and returns its body.
func pageAt(t *testing.T, url string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("User-Agent", chrome)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func TestAKeptRefereePageChangesWithTheReferral(t *testing.T) {
	app := webtest.WithReferral(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	url := srv.URL + "/i/" + webtest.RefCode

	if page := pageAt(t, url); !strings.Contains(page, "Book a 20-minute conversation") {
		t.Fatalf("the referee's page has no booking form:\n%s", page)
	}
	pageAt(t, url) // kept now
	r := webtest.MustReferral(t, app)
	r.Set("status", "lost")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if page := pageAt(t, url); !strings.Contains(page, "Understood, Jo") || strings.Contains(page, "Book a 20-minute conversation") {
		t.Errorf("the referral was declined but its page still offers to book:\n%s", page)
	}
}

func TestAKeptSharePageChangesWithTheReferrer(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	url := srv.URL + "/s/" + webtest.ShareCode

	if page := pageAt(t, url); !strings.Contains(page, "Ana Lima") {
		t.Fatalf("the share page does not name Ana:\n%s", page)
	}
	ana := webtest.MustAna(t, app)
	ana.Set("name", "Ana Souza")
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	if page := pageAt(t, url); !strings.Contains(page, "Ana Souza") || strings.Contains(page, "Ana Lima") {
		t.Errorf("Ana changed her name but her share page kept the old one")
	}
}
