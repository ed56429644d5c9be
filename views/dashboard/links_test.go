package dashboard_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/internal/mail"
	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// linksApp is a bare app whose Application URL setting is appURL.
func linksApp(appURL string) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := settApp(t)
		r, err := app.FindFirstRecordByFilter("settings", "")
		if err != nil {
			t.Fatal(err)
		}
		r.Set("app_url", appURL)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return app
	}
}

// linksScreens are every dashboard screen a signed-in admin opens.
var linksScreens = []string{
	"/dashboard", "/dashboard/overview/activity", "/dashboard/customers", "/dashboard/customers/new",
	"/dashboard/customers/import", "/dashboard/moments/new", "/dashboard/referrals", "/dashboard/rewards",
	"/dashboard/program", "/dashboard/program/incentives/new", "/dashboard/program/tiers/new",
	"/dashboard/program/variants/new", "/dashboard/pages", "/dashboard/pages/landing", "/dashboard/settings",
	"/dashboard/outbox",
}

func TestDashboardWarnsOnEveryScreenWhileTheApplicationURLIsUnsetOrLocal(t *testing.T) {
	for _, screen := range linksScreens {
		scenarios := []tests.ApiScenario{
			{
				Name: screen + " warns while no Application URL is set, naming where links point", Method: http.MethodGet,
				URL: screen, Headers: progSession(), ExpectedStatus: http.StatusOK, TestAppFactory: linksApp(""),
				ExpectedContent: []string{`id="links-warning"`, "No Application URL is set.", "Links in emails",
					"<code>http://example.com</code>", `href="/dashboard/settings#app_url"`},
			},
			{
				Name: screen + " warns while the Application URL only opens on this server", Method: http.MethodGet,
				URL: screen, Headers: progSession(), ExpectedStatus: http.StatusOK, TestAppFactory: linksApp("http://127.0.0.1:8090"),
				ExpectedContent: []string{`id="links-warning"`, "The Application URL only opens on this server.",
					"<code>http://127.0.0.1:8090</code>, which only this machine can open"},
			},
			{
				Name: screen + " says nothing once the Application URL is set", Method: http.MethodGet,
				URL: screen, Headers: progSession(), ExpectedStatus: http.StatusOK, TestAppFactory: linksApp("https://refer.acme.example"),
				ExpectedContent: []string{"</main>"}, NotExpectedContent: []string{`id="links-warning"`},
			},
		}
		for _, s := range scenarios {
			s.Test(t)
		}
	}
}

// linksHookURLs are the webhook URLs the settings screen must show on base.
func linksHookURLs(base string) []string {
	var want []string
	for _, p := range intake.NPSProviders() {
		u := base + "/hooks/nps/" + p
		if intake.NPSTokenInURL(p) {
			u += "?token=" + settNPSSecret
		}
		want = append(want, `value="`+u+`" readonly`)
	}
	for _, p := range intake.BookingProviders {
		u := base + "/hooks/booking/" + p
		if intake.BookingTokenInURL(p) {
			u += "?token=" + settBookingSecret
		}
		want = append(want, `value="`+u+`" readonly`)
	}
	return want
}

func TestDashboardSettingsShowsEachProvidersWebhookURLToCopy(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:   "each NPS and booking provider's URL is built on the Application URL, with the secret only where the tool cannot send it",
			Method: http.MethodGet, URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: linksApp("https://refer.acme.example"),
			ExpectedContent: append(linksHookURLs("https://refer.acme.example"),
				`value="https://refer.acme.example/hooks/nps/delighted?token=`+settNPSSecret+`"`,
				`value="https://refer.acme.example/hooks/nps/generic" readonly`,
				`value="https://refer.acme.example/hooks/booking/calendly?token=`+settBookingSecret+`"`,
				`data-copy="hook-nps-delighted" hidden>Copy</button>`, `data-copy="hook-booking-calendly" hidden>Copy</button>`,
				"Show the NPS secret, for tools that send it themselves", `data-copy="nps-secret-value"`),
			NotExpectedContent: settNeverShown,
		},
		{
			Name: "without an Application URL the URLs start where the admin reached the dashboard", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK, TestAppFactory: linksApp(""),
			ExpectedContent: append(linksHookURLs("http://example.com"), "links start with <code>http://example.com</code>"),
		},
		{
			Name: "with the NPS secret cleared the URLs say webhooks are refused and carry no token", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := linksApp("https://refer.acme.example")(t)
				r, _ := app.FindFirstRecordByFilter("settings", "")
				r.Set("nps_secret", "")
				if err := app.Save(r); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedContent:    []string{`value="https://refer.acme.example/hooks/nps/delighted" readonly`, "Refused until a secret is set"},
			NotExpectedContent: []string{"Show the NPS secret", "?token=" + settNPSSecret},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// linksGet answers a GET of u on the test server, with host as the Host
// header when it is not "" and a session cookie when signedIn.
func linksGet(t *testing.T, u, host string, signedIn bool) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if signedIn {
		req.Header.Set("Cookie", "warmloop_session="+testapp.SuperuserToken)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// linksAsk composes the fixture's ask email.
func linksAsk(t *testing.T, app core.App) (html, text, unsubscribe string) {
	t.Helper()
	find := func(coll, id string) (*core.Record, error) { return app.FindRecordById(coll, id) }
	msg, err := mail.ComposeAsk(app, find, webtest.MustAsk(t, app).Id)
	if err != nil {
		t.Fatal(err)
	}
	return msg.HTML, msg.Text, msg.Headers["List-Unsubscribe"]
}

func TestAnAskComposedWithoutAnApplicationURLLinksWhereTheAdminReachedTheServer(t *testing.T) {
	app := webtest.WithAsk(t)
	t.Cleanup(app.Cleanup)
	srv := webtest.Server(t, app) // http://127.0.0.1:<port>
	if _, text, _ := linksAsk(t, app); strings.Contains(text, srv.URL) {
		t.Fatalf("before any admin visit the ask already links to %s: the test proves nothing", srv.URL)
	}
	if res := linksGet(t, srv.URL+"/dashboard", "", true); res.StatusCode != http.StatusOK {
		t.Fatalf("the admin's visit answered %d", res.StatusCode)
	}
	html, text, unsubscribe := linksAsk(t, app)
	ask, unsub := srv.URL+"/r/"+webtest.AskToken, srv.URL+"/u/"+webtest.UnsubscribeToken
	if !strings.Contains(html, `href="`+ask+`"`) || !strings.Contains(text, ask) {
		t.Errorf("the ask's link is not %s:\n%s", ask, text)
	}
	if !strings.Contains(html, unsub) || !strings.Contains(text, unsub) || unsubscribe != "<"+unsub+">" {
		t.Errorf("the unsubscribe link is not %s: List-Unsubscribe %q", unsub, unsubscribe)
	}
	for _, link := range []string{ask, unsub} {
		if res := linksGet(t, link, "", false); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s answered %d", link, res.StatusCode)
		}
	}
}

func TestAGuestsHostHeaderNeverBecomesWhereLinksPoint(t *testing.T) {
	app := testapp.New(t)
	srv := webtest.Server(t, app)
	for _, path := range []string{"/dashboard/login", "/dashboard", "/dashboard/settings", "/", "/r/" + webtest.AskToken} {
		linksGet(t, srv.URL+path, "evil.example", false)
	}
	// A session cookie that is not a valid token is a guest too.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dashboard", nil)
	req.Host = "evil.example"
	req.Header.Set("Cookie", "warmloop_session=not-a-token")
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
	}
	if got := program.BaseURL(app); strings.Contains(got, "evil.example") {
		t.Errorf("links start with %q after guests' requests", got)
	}
	linksGet(t, srv.URL+"/dashboard", "refer.acme.example", true)
	if got := program.BaseURL(app); got != "http://refer.acme.example" {
		t.Errorf("after the admin's own visit links start with %q, want http://refer.acme.example", got)
	}
}

// TestBrowserSettingsOffersWebhookURLsToCopyOnAPhone signs in on a 390 px
// wide viewport, opens Settings under the Application URL warning, and
// copies a webhook URL with the keyboard alone.
func TestBrowserSettingsOffersWebhookURLsToCopyOnAPhone(t *testing.T) {
	app := settApp(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var warning, url string
	var overflow bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(srv.URL+"/dashboard/settings"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`#links-warning`, chromedp.ByID),
		chromedp.Text(`#links-warning`, &warning, chromedp.ByID),
		chromedp.WaitVisible(`button[data-copy="hook-nps-delighted"]`, chromedp.ByQuery),
		chromedp.Value(`#hook-nps-delighted`, &url, chromedp.ByID),
		chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow),
		chromedp.Focus(`button[data-copy="hook-nps-delighted"]`, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
	)
	if err != nil {
		t.Fatal(err)
	}
	copied, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := chromedp.Run(copied, chromedp.WaitVisible(`//button[@data-copy="hook-nps-delighted"][.="Copied"]`, chromedp.BySearch)); err != nil {
		t.Errorf("Enter on the copy button did not copy: %v", err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-settings-phone")
	if !strings.Contains(warning, srv.URL) {
		t.Errorf("the warning does not say links point to %s: %q", srv.URL, warning)
	}
	if want := srv.URL + "/hooks/nps/delighted?token=" + settNPSSecret; url != want {
		t.Errorf("the Delighted URL reads %q, want %q", url, want)
	}
	if overflow {
		t.Error("the settings screen scrolls sideways on a 390 px phone")
	}
}
