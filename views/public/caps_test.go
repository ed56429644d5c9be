package public_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// capsApp is WithReferrer with PocketBase's per-IP rate limiter off, as it
// is for an attacker posting from many addresses: the caps must hold
// without it. The log is kept, so the tests can read what was logged.
func capsApp(t testing.TB) *tests.TestApp {
	app := webtest.WithReferrer(t)
	t.Cleanup(app.Cleanup)
	app.Settings().RateLimits.Enabled = false
	app.Settings().Logs.MaxDays = 5
	return app
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// postForm posts a form to the server and returns the status and body.
func postForm(t testing.TB, url string, form url.Values, headers map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// intro is the landing form introducing person n, each at a company of
// their own.
func intro(n int) url.Values {
	return url.Values{
		"referee_name": {fmt.Sprintf("Person %d", n)}, "referee_email": {fmt.Sprintf("p%d@company%d.example", n, n)},
		"message": {fmt.Sprintf("Note number %d.", n)}, "copy_me": {"1"},
	}
}

// count runs a COUNT(*) query.
func count(t testing.TB, app core.App, query string, params dbx.Params) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery(query).Bind(params).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// refusalLogs flushes the log and returns the data of every refusal logged.
func refusalLogs(t testing.TB, app *tests.TestApp, want int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
			t.Fatal(err)
		}
		var data []string
		err := app.LogQuery().Select("data").Where(dbx.HashExp{"message": "an introduction was refused over a cap"}).Column(&data)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) >= want || time.Now().After(deadline) {
			return data
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestABurstOfTwelveIntroductionsFromOneLinkSendsFiveAndRefusesTheRest(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	ana, ask := webtest.MustAna(t, app), webtest.MustAsk(t, app)
	for n := 1; n <= 12; n++ {
		status, body := postForm(t, srv.URL+"/r/"+webtest.AskToken, intro(n), nil)
		if n <= 5 {
			if status != http.StatusSeeOther {
				t.Fatalf("introduction %d: %d, want it sent", n, status)
			}
			continue
		}
		if status != http.StatusTooManyRequests || !strings.Contains(body, "This link has sent 5 introductions in the last 24 hours") ||
			!strings.Contains(body, `value="Person `+fmt.Sprint(n)+`"`) || !strings.Contains(body, fmt.Sprintf(`value="p%d@company%d.example"`, n, n)) ||
			!strings.Contains(body, fmt.Sprintf("Note number %d.</textarea>", n)) {
			t.Fatalf("introduction %d: %d, want the refusal with everything typed kept:\n%s", n, status, body)
		}
	}
	if n := count(t, app, "SELECT COUNT(*) FROM referrals WHERE referrer = {:id}", dbx.Params{"id": ana.Id}); n != 5 {
		t.Errorf("%d referrals, want 5", n)
	}
	if n := count(t, app, `SELECT COUNT(*) FROM outbox WHERE json_extract(payload, '$.template') = 'intro_email'`, nil); n != 5 {
		t.Errorf("%d introduction emails queued, want 5", n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM refusals WHERE kind = 'ask_day' AND customer = {:c} AND ask = {:a} AND cap = 5",
		dbx.Params{"c": ana.Id, "a": ask.Id}); n != 7 {
		t.Errorf("%d refusals recorded, want 7", n)
	}
	logs := refusalLogs(t, app, 7)
	if len(logs) != 7 {
		t.Errorf("%d refusals logged, want 7: %v", len(logs), logs)
	}
	for _, l := range logs {
		if !strings.Contains(l, ask.Id) || !strings.Contains(l, ana.Id) || !strings.Contains(l, `"ask_day"`) || strings.Contains(l, "company") {
			t.Errorf("a refusal logged as %s: want the cap, the ask and the customer, and nothing typed", l)
		}
	}
	status, body := postForm(t, srv.URL+"/r/"+webtest.AskToken, intro(13), webtest.HTMXForm)
	if status != http.StatusOK || !strings.Contains(body, "This link has sent 5 introductions") || strings.Contains(body, "<html") ||
		!strings.Contains(body, `value="Person 13"`) {
		t.Errorf("with htmx the refusal is the form fragment, typed text kept: %d\n%s", status, body)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dashboard", nil)
	req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(page), "8 introductions refused over a cap in the last 30 days.") {
		t.Errorf("the dashboard does not count the refusals:\n%s", page)
	}
}

func TestConcurrentPostsCannotPassTheCapBetweenThem(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	var wg sync.WaitGroup
	statuses := make(chan int, 12)
	for n := 1; n <= 12; n++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _ := postForm(t, srv.URL+"/r/"+webtest.AskToken, intro(n), nil)
			statuses <- status
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	if got[http.StatusSeeOther] != 5 || got[http.StatusTooManyRequests] != 7 {
		t.Errorf("answers %v, want 5 sent and 7 refused", got)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM referrals WHERE ask != ''", nil); n != 5 {
		t.Errorf("%d referrals from the link, want 5", n)
	}
}

// secondAsk gives Ana a second ask link and returns its token.
func secondAsk(t testing.TB, app core.App) string {
	const tok = "SeCoNdAsKtOkEnOfAnA123"
	testapp.Save(t, app, "asks", map[string]any{"customer": webtest.MustAna(t, app).Id, "touch": 2, "status": "sent", "token": tok})
	return tok
}

func TestTheWeeklyCapCountsEveryLinkOfTheReferrer(t *testing.T) {
	app := capsApp(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("referrer_intros_per_week", 3)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	other := secondAsk(t, app)
	for i, tok := range []string{webtest.AskToken, webtest.AskToken, other} {
		if status, _ := postForm(t, srv.URL+"/r/"+tok, intro(i), nil); status != http.StatusSeeOther {
			t.Fatalf("introduction %d: %d, want it sent", i, status)
		}
	}
	status, body := postForm(t, srv.URL+"/r/"+other, intro(4), nil)
	if status != http.StatusTooManyRequests || !strings.Contains(body, "We have sent 3 introductions for you in the last 7 days") ||
		!strings.Contains(body, `value="p4@company4.example"`) {
		t.Fatalf("the fourth in a week, from the second link: %d, want refused\n%s", status, body)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM refusals WHERE kind = 'referrer_week'", nil); n != 1 {
		t.Errorf("%d weekly refusals recorded, want 1", n)
	}
	// The week rolls: an introduction of eight days ago no longer counts.
	old := time.Now().Add(-8 * 24 * time.Hour).UTC().Format(types.DefaultDateLayout)
	if _, err := app.DB().NewQuery("UPDATE referrals SET created = {:old} WHERE referee_email = 'p0@company0.example'").
		Bind(dbx.Params{"old": old}).Execute(); err != nil {
		t.Fatal(err)
	}
	if status, _ := postForm(t, srv.URL+"/r/"+other, intro(4), nil); status != http.StatusSeeOther {
		t.Errorf("once the oldest is a week old: %d, want it sent", status)
	}
}

func TestCountingTheCapsReadsTheIndexes(t *testing.T) {
	app := capsApp(t)
	for _, c := range []struct{ query, index string }{
		{"SELECT COUNT(*) FROM referrals WHERE ask = 'x' AND created >= '2026-01-01'", "idx_referrals_ask_created"},
		{"SELECT COUNT(*) FROM referrals WHERE referrer = 'x' AND channel = 'landing' AND created >= '2026-01-01'", "idx_referrals_referrer_channel_created"},
	} {
		var rows []struct {
			Detail string `db:"detail"`
		}
		if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + c.query).All(&rows); err != nil {
			t.Fatal(err)
		}
		var plan []string
		for _, r := range rows {
			plan = append(plan, r.Detail)
		}
		if !strings.Contains(strings.Join(plan, " "), c.index) {
			t.Errorf("%s reads %v, want the index %s", c.query, plan, c.index)
		}
	}
}
