package dashboard_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The outbox rows withOutbox writes, by id.
const (
	pendingRow   = "pendingemail001"
	failedEmail  = "failedemail0001"
	failedHook   = "failedwebhook01"
	cancelledRow = "cancelledemail1"
	sentRow      = "sentemail000001"
)

// withOutbox is a test app whose outbox holds one pending email that failed
// once, a failed email, a failed webhook, an email cancelled because its
// reader declined, and a sent email.
func withOutbox(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	hour := time.Now().UTC().Add(time.Hour)
	for _, r := range []map[string]any{
		{"id": pendingRow, "kind": "email", "to": "ana@northwind.example", "subject": "A quick favour, Ana?", "status": "pending",
			"attempts": 1, "next_attempt_at": hour, "last_error": "dial tcp 127.0.0.1:25: connect: connection refused"},
		{"id": failedEmail, "kind": "email", "to": "bob@fabrikam.example", "subject": "Sam Rivera suggested we talk", "status": "failed",
			"attempts": 8, "last_error": "550 5.1.1 <bob@fabrikam.example>: Recipient address rejected: User unknown in virtual mailbox table"},
		{"id": failedHook, "kind": "webhook", "to": "https://crm.example/hooks/warmloop", "subject": "referral.created", "status": "failed",
			"attempts": 8, "last_error": "the endpoint answered 500 Internal Server Error"},
		{"id": cancelledRow, "kind": "email", "to": "sam@globex.example", "subject": "Dana suggested we talk", "status": "failed",
			"attempts": 0, "last_error": "cancelled: the person declined on 2026-01-05"},
		{"id": sentRow, "kind": "email", "to": "kim@contoso.example", "subject": "Thank you, Kim", "status": "sent",
			"attempts": 1, "sent_at": time.Now().UTC()},
	} {
		r["payload"] = map[string]any{"template": "ask_email"}
		testapp.Save(t, app, "outbox", r)
	}
	return app
}

// expectOutbox checks a row's status and attempts; a row put back in the
// queue (pending, no attempts) must be due now.
func expectOutbox(id, status string, attempts int) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		r, err := app.FindRecordById("outbox", id)
		if err != nil {
			t.Fatal(err)
		}
		if r.GetString("status") != status || r.GetInt("attempts") != attempts {
			t.Errorf("outbox row %s is %s after %d attempts, want %s after %d", id, r.GetString("status"), r.GetInt("attempts"), status, attempts)
		}
		if status == "pending" && attempts == 0 && r.GetDateTime("next_attempt_at").Time().After(time.Now()) {
			t.Errorf("outbox row %s is due at %s, want now", id, r.GetDateTime("next_attempt_at"))
		}
	}
}

// outboxChecks runs several checks.
func outboxChecks(checks ...func(testing.TB, *tests.TestApp, *http.Response)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		for _, c := range checks {
			c(t, app, res)
		}
	}
}

func TestDashboardOutbox(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	post := pagesPostHeaders()
	htmx := pagesPostHeaders()
	htmx["HX-Request"] = "true"
	scenarios := []tests.ApiScenario{
		{
			Name: "guest asking for the outbox is sent to the login", Method: http.MethodGet, URL: "/dashboard/outbox?tab=failed",
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"bob@fabrikam.example"},
			AfterTestFunc:  expectHeader("Location", "/dashboard/login?next=%2Fdashboard%2Foutbox%3Ftab%3Dfailed"),
			TestAppFactory: withOutbox,
		},
		{
			Name: "guest cannot retry a message", Method: http.MethodPost, URL: "/dashboard/outbox/" + failedEmail + "/retry",
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: expectOutbox(failedEmail, "failed", 8), TestAppFactory: withOutbox,
		},
		{
			Name: "guest cannot retry every failed message", Method: http.MethodPost, URL: "/dashboard/outbox/retry-failed",
			Headers: webtest.FormHeader, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: outboxChecks(expectOutbox(failedEmail, "failed", 8), expectOutbox(failedHook, "failed", 8)), TestAppFactory: withOutbox,
		},
		{
			Name: "admin sees what is pending, the counts of every tab, and that email waits for SMTP", Method: http.MethodGet,
			URL: "/dashboard/outbox", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"Every email and webhook Warmloop sends waits here until it is delivered",
				"No SMTP server is set up, so emails stay pending until it is.", `<a href="/dashboard/settings">`,
				`<a href="/dashboard/outbox?tab=pending" aria-current="page">Pending <span class="pill">1</span></a>`,
				`Failed <span class="pill">3</span>`, `Sent <span class="pill">1</span>`,
				"ana@northwind.example", "A quick favour, Ana?", "connect: connection refused", "Next attempt",
			},
			NotExpectedContent: []string{"bob@fabrikam.example", "kim@contoso.example"},
			TestAppFactory:     withOutbox,
		},
		{
			Name: "admin sees failed messages with their whole error and a retry for each", Method: http.MethodGet,
			URL: "/dashboard/outbox?tab=failed", Headers: session, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"550 5.1.1 &lt;bob@fabrikam.example&gt;: Recipient address rejected: User unknown in virtual mailbox table",
				"https://crm.example/hooks/warmloop", "referral.created", "the endpoint answered 500 Internal Server Error",
				`hx-post="/dashboard/outbox/` + failedEmail + `/retry"`, `action="/dashboard/outbox/` + failedHook + `/retry"`,
				"Retry all failed (2)", "Cancelled: never sent again",
			},
			NotExpectedContent: []string{`/dashboard/outbox/` + cancelledRow + `/retry`, "ana@northwind.example"},
			TestAppFactory:     withOutbox,
		},
		{
			Name: "admin sees what was sent", Method: http.MethodGet, URL: "/dashboard/outbox?tab=sent", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"kim@contoso.example", "Thank you, Kim"},
			NotExpectedContent: []string{"bob@fabrikam.example", "Retry"},
			TestAppFactory:     withOutbox,
		},
		{
			Name: "an empty tab says what would be there", Method: http.MethodGet, URL: "/dashboard/outbox?tab=sent", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Nothing sent yet."}, TestAppFactory: testapp.Bare,
		},
		{
			Name: "with SMTP set up the outbox says email goes out", Method: http.MethodGet, URL: "/dashboard/outbox", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Email delivery is on"},
			NotExpectedContent: []string{"No SMTP server is set up"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				app.Settings().SMTP.Enabled = true
				return app
			},
		},
		{
			Name: "a long outbox is shown 25 at a time", Method: http.MethodGet, URL: "/dashboard/outbox?page=2", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"26–30 of 30", "reader29@example.com", `rel="prev"`},
			NotExpectedContent: []string{"reader03@example.com"},
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				for i := range 30 {
					testapp.Save(t, app, "outbox", map[string]any{"kind": "email", "to": fmt.Sprintf("reader%02d@example.com", i),
						"status": "pending", "next_attempt_at": time.Now().UTC().Add(time.Duration(i) * time.Minute)})
				}
				return app
			},
		},
		{
			Name: "retrying a failed message queues it again at once", Method: http.MethodPost, URL: "/dashboard/outbox/" + failedEmail + "/retry",
			Headers: post, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: outboxChecks(expectHeader("Location", "/dashboard/outbox?tab=failed&notice=retried"),
				expectOutbox(failedEmail, "pending", 0), expectOutbox(failedHook, "failed", 8)),
			TestAppFactory: withOutbox,
		},
		{
			Name: "the failed tab confirms a retry", Method: http.MethodGet, URL: "/dashboard/outbox?tab=failed&notice=retried", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Queued to be sent again."}, TestAppFactory: withOutbox,
		},
		{
			Name: "an htmx retry removes the row and refreshes the counts", Method: http.MethodPost, URL: "/dashboard/outbox/" + failedHook + "/retry",
			Headers: htmx, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{`id="outbox-tabs"`, `hx-swap-oob="true"`, `Pending <span class="pill">2</span>`, `Failed <span class="pill">2</span>`},
			NotExpectedContent: []string{"<tr", "<html"},
			AfterTestFunc:      expectOutbox(failedHook, "pending", 0),
			TestAppFactory:     withOutbox,
		},
		{
			Name: "retrying a sent message is refused with a reason", Method: http.MethodPost, URL: "/dashboard/outbox/" + sentRow + "/retry",
			Headers: post, ExpectedStatus: http.StatusConflict,
			ExpectedContent: []string{"This message cannot be retried", "Only a failed message can be retried: this one is sent."},
			AfterTestFunc:   expectOutbox(sentRow, "sent", 1),
			TestAppFactory:  withOutbox,
		},
		{
			Name: "retrying a pending message by htmx says why not in its row", Method: http.MethodPost, URL: "/dashboard/outbox/" + pendingRow + "/retry",
			Headers: htmx, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<tr id="outbox-` + pendingRow + `">`, "Only a failed message can be retried: this one is pending."},
			AfterTestFunc:   expectOutbox(pendingRow, "pending", 1),
			TestAppFactory:  withOutbox,
		},
		{
			Name: "a message cancelled because its reader declined is never retried", Method: http.MethodPost,
			URL: "/dashboard/outbox/" + cancelledRow + "/retry", Headers: post, ExpectedStatus: http.StatusConflict,
			ExpectedContent: []string{"asked not to be contacted"},
			AfterTestFunc:   expectOutbox(cancelledRow, "failed", 0),
			TestAppFactory:  withOutbox,
		},
		{
			Name: "retrying a message that does not exist is a 404", Method: http.MethodPost, URL: "/dashboard/outbox/nope/retry",
			Headers: post, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"}, TestAppFactory: withOutbox,
		},
		{
			Name: "retry all queues every failed message except the cancelled one", Method: http.MethodPost, URL: "/dashboard/outbox/retry-failed",
			Body: webtest.Form(url.Values{}), Headers: post, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: outboxChecks(expectHeader("Location", "/dashboard/outbox?tab=failed&notice=retried"),
				expectOutbox(failedEmail, "pending", 0), expectOutbox(failedHook, "pending", 0),
				expectOutbox(cancelledRow, "failed", 0), expectOutbox(sentRow, "sent", 1)),
			TestAppFactory: withOutbox,
		},
		{
			Name: "a cross-site retry is refused", Method: http.MethodPost, URL: "/dashboard/outbox/" + failedEmail + "/retry",
			Headers: map[string]string{
				"Cookie": "warmloop_session=" + testapp.SuperuserToken, "Content-Type": "application/x-www-form-urlencoded",
				"Sec-Fetch-Site": "cross-site",
			},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: expectOutbox(failedEmail, "failed", 8), TestAppFactory: withOutbox,
		},
		{
			Name: "a cross-site retry of everything is refused", Method: http.MethodPost, URL: "/dashboard/outbox/retry-failed",
			Headers: map[string]string{
				"Cookie": "warmloop_session=" + testapp.SuperuserToken, "Content-Type": "application/x-www-form-urlencoded",
				"Sec-Fetch-Site": "cross-site",
			},
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
			AfterTestFunc: expectOutbox(failedHook, "failed", 8), TestAppFactory: withOutbox,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestDashboardOutboxBrowserRetryRemovesTheRow retries a failed message in
// headless Chromium: htmx removes its row and the tab counts follow, without
// a reload. It saves a screenshot of the failed tab.
func TestDashboardOutboxBrowserRetryRemovesTheRow(t *testing.T) {
	app := withOutbox(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var rows int
	var tabs string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1400, 900),
		signIn(srv.URL),
		chromedp.Navigate(srv.URL+"/dashboard/outbox?tab=failed"),
		chromedp.WaitVisible(`#outbox-`+failedEmail, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-outbox-failed")
	err = chromedp.Run(ctx,
		chromedp.Click(`#outbox-`+failedEmail+` button`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`#outbox-`+failedEmail, chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll("tbody tr").length`, &rows),
		chromedp.Text(`#outbox-tabs`, &tabs, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 2 || !strings.Contains(tabs, "Failed 2") {
		t.Errorf("after the retry: %d rows, tabs %q", rows, tabs)
	}
	if r, _ := app.FindRecordById("outbox", failedEmail); r.GetString("status") != "pending" {
		t.Errorf("the retried row is %s", r.GetString("status"))
	}
}
