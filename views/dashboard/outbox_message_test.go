package dashboard_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/mail"
	"warmloop/internal/rewards"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// fulfilledNoticeRow is the reward_fulfilled email a fulfilment queued.
func fulfilledNoticeRow(t testing.TB, app *tests.TestApp) string {
	t.Helper()
	rows, err := app.FindRecordsByFilter("outbox", "payload ~ 'reward_fulfilled'", "", 0, 0)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d reward_fulfilled emails queued, want 1 (%v)", len(rows), err)
	}
	return rows[0].Id
}

func TestDashboardFulfilNoteGoesIntoTheRewardEmail(t *testing.T) {
	const fulfil = "/dashboard/rewards/rwdapproved0001/fulfil"
	scenarios := []tests.ApiScenario{
		{
			Name: "the approved tab offers a note beside Mark fulfilled", Method: http.MethodGet, URL: "/dashboard/rewards?status=approved",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: rewardsTApp,
			ExpectedContent: []string{`<label for="note-rwdapproved0001"`, `<textarea id="note-rwdapproved0001" name="note"`},
		},
		{
			Name: "the note typed on fulfilment is kept on the reward and written into its email", Method: http.MethodPost, URL: fulfil,
			Body: webtest.Form(url.Values{"note": {"  Your gift-card code: GIFT-4242\nEnjoy!  "}}), Headers: rewardsTHeaders(true),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"fulfilled"}, TestAppFactory: rewardsTApp,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				r, _ := app.FindRecordById("rewards", "rwdapproved0001")
				if r.GetString("status") != rewards.Fulfilled || r.GetString("note") != "Your gift-card code: GIFT-4242\nEnjoy!" {
					t.Errorf("reward %s with note %q", r.GetString("status"), r.GetString("note"))
				}
				row, _ := app.FindRecordById("outbox", fulfilledNoticeRow(t, app))
				msg, err := mail.Compose(app, row)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(msg.Text, "GIFT-4242") || !strings.Contains(msg.HTML, "GIFT-4242") {
					t.Errorf("the email lacks the note:\n%s", msg.Text)
				}
			},
		},
		{
			Name: "a note too long is refused beside the button, kept as typed, and nothing is sent", Method: http.MethodPost, URL: fulfil,
			Body: webtest.Form(url.Values{"note": {strings.Repeat("n", 2001)}}), Headers: rewardsTHeaders(true),
			ExpectedStatus: http.StatusUnprocessableEntity, TestAppFactory: rewardsTApp,
			ExpectedContent: []string{`role="alert"`, ">" + strings.Repeat("n", 2001) + "</textarea>"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				r, _ := app.FindRecordById("rewards", "rwdapproved0001")
				if r.GetString("status") != rewards.Approved || r.GetString("note") != "" {
					t.Errorf("reward %s with note of %d characters", r.GetString("status"), len(r.GetString("note")))
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestDashboardOutboxMessageShowsWhatIsSent(t *testing.T) {
	// The fulfilled reward's email, queued by a fulfilment with a note.
	fulfilled := func(t testing.TB) *tests.TestApp {
		app := rewardsTApp(t)
		r, _ := app.FindRecordById("rewards", "rwdapproved0001")
		if err := rewards.Fulfil(app, r, testapp.SuperuserEmail, "Tracking number 1Z999"); err != nil {
			t.Fatal(err)
		}
		row, _ := app.FindRecordById("outbox", fulfilledNoticeRow(t, app))
		if _, err := app.DB().NewQuery("UPDATE outbox SET id = 'noticerow000001' WHERE id = {:id}").Bind(map[string]any{"id": row.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "an email is composed as the worker would send it: subject, sender, headers, HTML and text", Method: http.MethodGet,
			URL: "/dashboard/outbox/noticerow000001", Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: fulfilled,
			ExpectedContent: []string{"grace@navy.example", `<span class="pill pending">pending</span>`, "<dt>Attempts</dt><dd>0</dd>",
				"<dt>Subject</dt>", `<iframe class="email-frame" title="The email as HTML" sandbox="" srcdoc="`, "Tracking number 1Z999",
				`<pre class="source" id="message-text" tabindex="0"`, "will be sent"},
		},
		{
			Name: "a webhook shows its event and its JSON body", Method: http.MethodGet,
			URL: "/dashboard/outbox/hookrow00000001", Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				testapp.Save(t, app, "outbox", map[string]any{"id": "hookrow00000001", "kind": "webhook", "to": "https://crm.example/hook",
					"subject": "referral.created", "status": "failed", "attempts": 8, "last_error": "the endpoint answered 500",
					"payload": map[string]any{"event": "referral.created", "body": `{"referee":{"name":"Ben <b>"}}`}})
				return app
			},
			ExpectedContent: []string{"<dt>Event</dt><dd>referral.created</dd>", "the endpoint answered 500", "&#34;referee&#34;: {",
				"Ben &lt;b&gt;", `action="/dashboard/outbox/hookrow00000001/retry"`},
			NotExpectedContent: []string{"Ben <b>"},
		},
		{
			Name: "a sent message whose body was pruned says so", Method: http.MethodGet,
			URL: "/dashboard/outbox/prunedrow000001", Headers: customersSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				testapp.Save(t, app, "outbox", map[string]any{"id": "prunedrow000001", "kind": "email", "to": "kim@contoso.example",
					"subject": "Thank you, Kim", "status": "sent", "attempts": 1, "sent_at": "2026-01-02 10:00:00.000Z"})
				return app
			},
			ExpectedContent:    []string{`id="message-pruned"`, "no longer kept", "Thank you, Kim"},
			NotExpectedContent: []string{"<iframe"},
		},
		{
			Name: "the outbox list links each message to its view", Method: http.MethodGet, URL: "/dashboard/outbox?tab=pending",
			Headers: customersSession(), ExpectedStatus: http.StatusOK, TestAppFactory: fulfilled,
			ExpectedContent: []string{`<a href="/dashboard/outbox/noticerow000001">`},
		},
		{
			Name: "an unknown message is a 404", Method: http.MethodGet, URL: "/dashboard/outbox/nosuchrow000001",
			Headers: customersSession(), ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"Not found"}, TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
