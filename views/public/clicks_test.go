package public_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// chrome is a person's browser.
const chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// browser is what a person's browser sends with a GET.
var browser = map[string]string{"User-Agent": chrome}

// stamp writes a time as PocketBase stores it.
func stamp(at time.Time) string { return at.UTC().Format("2006-01-02 15:04:05.000Z") }

// askSentAgo is WithReferrer with the ask email sent ago.
func askSentAgo(ago time.Duration) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferrer(t)
		setAskSent(t, app, time.Now().Add(-ago))
		return app
	}
}

func setAskSent(t testing.TB, app core.App, at time.Time) {
	t.Helper()
	if _, err := app.DB().Update("asks", dbx.Params{"sent_at": stamp(at)}, dbx.HashExp{"token": webtest.AskToken}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// expectAsk checks the ask's status and whether it has a click.
func expectAsk(status string, clicked bool) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		ask := webtest.MustAsk(t, app)
		if ask.GetString("status") != status || ask.GetDateTime("clicked_at").IsZero() == clicked {
			t.Errorf("ask %s, clicked_at %v; want %s, clicked %v", ask.GetString("status"), ask.GetDateTime("clicked_at"), status, clicked)
		}
	}
}

func TestOnlyAPersonOpeningTheAskLinkMarksItClicked(t *testing.T) {
	url := "/r/" + webtest.AskToken
	scenarios := []tests.ApiScenario{
		{
			Name: "a browser's GET long after the email was sent marks the ask clicked", Method: http.MethodGet, URL: url,
			Headers: browser, TestAppFactory: askSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("clicked", true),
		},
		{
			Name: "a HEAD answers but counts no click", Method: http.MethodHead, URL: url,
			Headers: browser, TestAppFactory: askSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("sent", false),
		},
		{
			Name: "a mail gateway's scanner gets the page but counts no click", Method: http.MethodGet, URL: url,
			Headers: map[string]string{"User-Agent": "Barracuda Sentinel (EE)"}, TestAppFactory: askSentAgo(time.Hour),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("sent", false),
		},
		{
			Name: "Outlook's link preview counts no click", Method: http.MethodGet, URL: url,
			Headers:        map[string]string{"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b"},
			TestAppFactory: askSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("sent", false),
		},
		{
			Name: "a request with no user agent counts no click", Method: http.MethodGet, URL: url,
			TestAppFactory: askSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("sent", false),
		},
		{
			Name: "a browser-like GET two seconds after the email was sent is the gateway: no click", Method: http.MethodGet, URL: url,
			Headers: browser, TestAppFactory: askSentAgo(2 * time.Second), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Hi Ana,"}, AfterTestFunc: expectAsk("sent", false),
		},
		{
			Name: "a signed-in administrator sees the page with a preview banner and counts no click", Method: http.MethodGet, URL: url,
			Headers:        map[string]string{"User-Agent": chrome, "Cookie": "warmloop_session=" + testapp.SuperuserToken},
			TestAppFactory: askSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`class="preview-banner"`, "<strong>Preview.</strong>", "counted no click", "Hi Ana,",
				`href="/dashboard">Back to the dashboard</a>`},
			AfterTestFunc: expectAsk("sent", false),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestAGetInsideTheDeliveryWindowIsNotAClickButTheNextOneAfterItIs(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	get := func() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/r/"+webtest.AskToken, nil)
		req.Header.Set("User-Agent", chrome)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET answered %d", res.StatusCode)
		}
	}
	setAskSent(t, app, time.Now().Add(-time.Second))
	get()
	expectAsk("sent", false)(t, app, nil)
	// The same ask, once the window has passed: the person comes back.
	setAskSent(t, app, time.Now().Add(-time.Minute))
	get()
	expectAsk("clicked", true)(t, app, nil)
}

func TestAnAdministratorsPreviewIsNeverServedToTheReferrer(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	page := func(headers map[string]string) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/r/"+webtest.AskToken, nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	admin := map[string]string{"User-Agent": chrome, "Cookie": "warmloop_session=" + testapp.SuperuserToken}
	if body := page(admin); !strings.Contains(body, "preview-banner") {
		t.Fatal("the administrator saw no preview banner")
	}
	for i := 0; i < 2; i++ { // the first renders the page for the referrer, the second reads the kept copy
		if body := page(browser); strings.Contains(body, "preview-banner") || !strings.Contains(body, "Hi Ana,") {
			t.Fatalf("visit %d: the referrer's page carries the preview banner, or is not theirs", i+1)
		}
	}
	if body := page(admin); !strings.Contains(body, "preview-banner") {
		t.Error("the administrator was served the referrer's kept page")
	}
}

// introSentAgo is WithReferral with the introduction email sent ago.
func introSentAgo(ago time.Duration) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		setIntroSent(t, app, time.Now().Add(-ago))
		return app
	}
}

// setIntroSent marks the referral's introduction email sent at a time, as
// the outbox does, on the row that names the referral.
func setIntroSent(t testing.TB, app core.App, at time.Time) {
	t.Helper()
	ref := webtest.MustReferral(t, app)
	_, err := app.DB().Update("outbox", dbx.Params{"status": "sent", "sent_at": stamp(at), "referral": ref.Id},
		dbx.HashExp{"subject": "Ana Lima suggested we talk"}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}

// expectReferralStatus checks where the referral stands.
func expectReferralStatus(want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if got := webtest.MustReferral(t, app).GetString("status"); got != want {
			t.Errorf("referral %s, want %s", got, want)
		}
	}
}

func TestOnlyAPersonOpeningTheRefereePageMarksItVisited(t *testing.T) {
	url := "/i/" + webtest.RefCode
	scenarios := []tests.ApiScenario{
		{
			Name: "a browser's GET long after the introduction was sent marks the referral visited", Method: http.MethodGet, URL: url,
			Headers: browser, TestAppFactory: introSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Introduced by Ana Lima"}, AfterTestFunc: expectReferralStatus("visited"),
		},
		{
			Name: "a HEAD counts no visit", Method: http.MethodHead, URL: url,
			Headers: browser, TestAppFactory: introSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Introduced by Ana Lima"}, AfterTestFunc: expectReferralStatus("invited"),
		},
		{
			Name: "Proofpoint's link scan counts no visit", Method: http.MethodGet, URL: url,
			Headers: map[string]string{"User-Agent": "Mozilla/5.0 Proofpoint URL Defense"}, TestAppFactory: introSentAgo(time.Hour),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Introduced by Ana Lima"}, AfterTestFunc: expectReferralStatus("invited"),
		},
		{
			Name: "a browser-like GET three seconds after the introduction was sent counts no visit", Method: http.MethodGet, URL: url,
			Headers: browser, TestAppFactory: introSentAgo(3 * time.Second), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Introduced by Ana Lima"}, AfterTestFunc: expectReferralStatus("invited"),
		},
		{
			Name: "with the introduction still waiting to be sent, a browser's GET counts", Method: http.MethodGet, URL: url,
			Headers: browser, TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Introduced by Ana Lima"}, AfterTestFunc: expectReferralStatus("visited"),
		},
		{
			Name: "a signed-in administrator sees a preview banner and counts no visit", Method: http.MethodGet, URL: url,
			Headers:        map[string]string{"User-Agent": chrome, "Cookie": "warmloop_session=" + testapp.SuperuserToken},
			TestAppFactory: introSentAgo(time.Hour), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`class="preview-banner"`, "counted no visit", "Introduced by Ana Lima"},
			AfterTestFunc:   expectReferralStatus("invited"),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
