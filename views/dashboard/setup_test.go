package dashboard_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// setupDone is a program whose every setup step is done, as far as the
// settings and pages go (customers and an NPS answer come from demo data).
func setupDone(t testing.TB, app *tests.TestApp, smtpHost string, smtpPort int) {
	t.Helper()
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("company_name", "Northwind")
	r.Set("sender_name", "Nora at Northwind")
	r.Set("sender_address", "nora@northwind.example")
	r.Set("app_url", "https://refer.northwind.example")
	r.Set("smtp_host", smtpHost)
	r.Set("smtp_port", smtpPort)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	// A test email went through the server just set (a change of server
	// clears the time of the last one).
	if err := program.MarkSMTPTested(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"landing", "referee"} {
		p, _ := pages.FindBySlug(app, slug)
		p.Set("body", p.GetString("body")+"\n\nIn Northwind's own words.")
		if err := app.Save(p); err != nil {
			t.Fatal(err)
		}
	}
}

// seeded is a test app with the demo program.
func seeded(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestTheOverviewLeadsWithTheSetupChecklistUntilEveryStepIsDone(t *testing.T) {
	session := progSession()
	scenarios := []tests.ApiScenario{
		{
			Name: "an empty install leads with the checklist and a note instead of zero figures and empty charts", Method: http.MethodGet,
			URL: "/dashboard", Headers: session, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				"<h1>Set up your referral program</h1>", `id="setup-checklist"`, "<strong>0 of 6</strong> done",
				`href="/dashboard/settings#company_name">Name your company and the sender</a>`,
				"Still the placeholder: the company name, the sender&#39;s name, the sender&#39;s address.",
				`href="/dashboard/settings#app_url">Set the Application URL</a>`,
				`href="/dashboard/settings#smtp">Send email through your SMTP server</a>`,
				`href="/dashboard/pages/landing">Rewrite the landing and referee pages</a>`,
				`href="/dashboard/customers/import">Import your customers</a>`,
				`href="/dashboard/settings#webhooks">Connect your NPS tool</a>`,
				"Figures appear once asks go out",
				`aria-describedby="test-ask-hint" disabled>Send a test ask to me</button>`, "once a test email has gone through your SMTP server",
			},
			NotExpectedContent: []string{"Customers asked", `<svg class="chart"`, "Top referrers", "What drives referrals", "(done)"},
		},
		{
			Name: "with SMTP proven the test ask can be sent, to the admin", Method: http.MethodGet,
			URL: "/dashboard", Headers: session, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				setupDone(t, app, "smtp.northwind.example", 587)
				return app
			},
			ExpectedContent: []string{"<strong>4 of 6</strong> done", `<li class="setup-step done" id="setup-smtp">`,
				`aria-describedby="test-ask-hint">Send a test ask to me</button>`, "Emails you at " + testapp.SuperuserEmail},
			NotExpectedContent: []string{`aria-describedby="test-ask-hint" disabled`, "Customers asked"},
		},
		{
			Name: "a running program shows the checklist above its figures while a step is left", Method: http.MethodGet,
			URL: "/dashboard", Headers: session, TestAppFactory: seeded, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"<h1>What the program yields</h1>", `id="setup-checklist"`, "Customers asked", `<svg class="chart"`,
				`<li class="setup-step done" id="setup-customers">`, `<li class="setup-step done" id="setup-nps">`},
		},
		{
			Name: "once every step is done the checklist is gone", Method: http.MethodGet,
			URL: "/dashboard", Headers: session, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := seeded(t)
				setupDone(t, app, "smtp.northwind.example", 587)
				return app
			},
			ExpectedContent:    []string{"<h1>What the program yields</h1>", "Customers asked"},
			NotExpectedContent: []string{`id="setup-checklist"`, "Send a test ask to me"},
		},
		{
			Name: "every step done and no ask yet: the note, and the test ask under it", Method: http.MethodGet,
			URL: "/dashboard", Headers: session, ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.Bare(t)
				setupDone(t, app, "smtp.northwind.example", 587)
				ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
				testapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "nps", "score": 3,
					"source": "delighted", "external_id": "r-1", "occurred_at": time.Now()})
				return app
			},
			ExpectedContent:    []string{"<h1>What the program yields</h1>", "Figures appear once asks go out", "Send a test ask to me"},
			NotExpectedContent: []string{`id="setup-checklist"`, "Customers asked"},
		},
		{
			Name: "the test ask is refused until SMTP is proven, and sends nothing", Method: http.MethodPost,
			URL: "/dashboard/setup/test-ask", Headers: progSessionForm(), TestAppFactory: testapp.Bare,
			ExpectedStatus:  http.StatusConflict,
			ExpectedContent: []string{"Prove SMTP works first", "Settings → Email delivery"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := app.TestMailer.TotalSend(); n != 0 {
					t.Errorf("%d emails sent", n)
				}
			},
		},
		{
			Name: "a cross-site test ask is refused", Method: http.MethodPost,
			URL: "/dashboard/setup/test-ask", Headers: progCrossSite(), TestAppFactory: testapp.Bare,
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"sent from another site"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestATestAskThatTheSMTPServerRefusesSaysWhyAndWritesNothing(t *testing.T) {
	app := testapp.New(t)
	setupDone(t, app, "127.0.0.1", settClosedPort(t))
	app.OnMailerSend().UnbindAll()
	srv := webtest.Server(t, app)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/dashboard/setup/test-ask", nil)
	req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, res)
	if res.StatusCode != http.StatusBadGateway || !strings.Contains(body, "The test ask was not sent") || !strings.Contains(body, "refused") {
		t.Errorf("answered %d:\n%s", res.StatusCode, body)
	}
	if n, _ := app.CountRecords("outbox"); n != 0 {
		t.Errorf("%d outbox rows after a failed test ask", n)
	}
}
