package public_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/setup"
	"warmloop/internal/signin"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// walkFixture is one program, copied for every scenario so the
// administrators (the test superuser, and another) and their test links are
// the same in each copy.
type walkFixture struct {
	dir                        string
	token, otherToken, expired string
	otherCookie                string
	adminEmail                 string
}

// newWalkFixture makes the program: a sales inbox, a second administrator,
// and test links signed for each.
func newWalkFixture(t *testing.T) walkFixture {
	base := testapp.New(t)
	s, _ := base.FindFirstRecordByFilter("settings", "")
	s.Set("sales_inbox", "sales@acme.example")
	if err := base.Save(s); err != nil {
		t.Fatal(err)
	}
	admin, err := base.FindAuthRecordByEmail(core.CollectionNameSuperusers, testapp.SuperuserEmail)
	if err != nil {
		t.Fatal(err)
	}
	coll, _ := base.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	other := core.NewRecord(coll)
	other.SetEmail("other@warmloop.test")
	other.SetPassword("another-long-password")
	if err := base.Save(other); err != nil {
		t.Fatal(err)
	}
	cookie, err := signin.StartSession(base, other, "test")
	if err != nil {
		t.Fatal(err)
	}
	f := walkFixture{
		token: setup.WalkToken(admin, time.Now()), otherToken: setup.WalkToken(other, time.Now()),
		expired: setup.WalkToken(admin, time.Now().Add(-2*setup.WalkLife)), otherCookie: "warmloop_session=" + cookie,
		adminEmail: admin.Email(),
	}
	if err := base.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	f.dir = base.DataDir()
	return f
}

// app is a copy of the fixture's program that sends email (to the test
// mailer) unless smtp is false.
func (f walkFixture) app(smtp bool) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := testapp.Copy(t, f.dir)
		app.Settings().SMTP.Enabled = smtp
		return app
	}
}

// walkURL is a walk-through page's path with a token.
func walkURL(page, tok string) string { return setup.WalkPath(page, tok) }

// expectSent checks the emails the test mailer took: how many, each to the
// administrator alone, and what the last one is about.
func expectSent(n int, to, subject string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, res *http.Response) {
		expectNothingChanged(t, app, res)
		if got := app.TestMailer.TotalSend(); got != n {
			t.Fatalf("%d emails sent, want %d", got, n)
		}
		for _, m := range app.TestMailer.Messages() {
			if len(m.To) != 1 || m.To[0].Address != to || len(m.Cc) != 0 || len(m.Bcc) != 0 {
				t.Errorf("%q went to %v, cc %v, bcc %v; want %s alone", m.Subject, m.To, m.Cc, m.Bcc, to)
			}
		}
		if n > 0 && !strings.Contains(app.TestMailer.LastMessage().Subject, subject) {
			t.Errorf("the email is %q, want one about %q", app.TestMailer.LastMessage().Subject, subject)
		}
	}
}

func TestTheTestWalkThroughsPagesOpenOnlyForTheAdministratorTheyWereSentTo(t *testing.T) {
	f := newWalkFixture(t)
	admin := signedIn()
	other := map[string]string{"Cookie": f.otherCookie}
	escaped := func(page string) string { return html.EscapeString(walkURL(page, f.token)) }
	scenarios := []tests.ApiScenario{
		{
			Name: "the landing page's form works, filled with a made-up colleague at the admin's address", Method: http.MethodGet,
			URL: walkURL("landing", f.token), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Test walk-through", `action="` + escaped("landing") + `"`, `value="Sam Rivera"`,
				`value="` + f.adminEmail + `"`, `type="submit">Send my introduction`, "Hi Dana,"},
			NotExpectedContent: []string{"hx-post", "data-preview", "/r/sample-code"},
			AfterTestFunc:      expectSent(0, "", ""),
		},
		{
			Name: "the referee's page books through the walk-through", Method: http.MethodGet,
			URL: walkURL("referee", f.token), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Test walk-through", `action="` + escaped("referee") + `"`, `type="submit">Request a meeting`,
				`value="` + f.adminEmail + `"`, "Introduced by Dana Whitfield"},
			NotExpectedContent: []string{"hx-post", "data-preview"},
		},
		{
			Name: "the booked page says a confirmation went out, as a real booking with a sales inbox would", Method: http.MethodGet,
			URL: walkURL("booking", f.token), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"nothing was recorded", "We have sent a confirmation to your email."},
		},
		{
			Name: "the unsubscribe page shows its button, off", Method: http.MethodGet,
			URL: walkURL("unsubscribe", f.token), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Stop referral emails?", "Hi Dana", `disabled data-preview>Unsubscribe`, "there is no customer to unsubscribe"},
		},
		{
			Name: "a guest holding a test link gets the 404 page", Method: http.MethodGet,
			URL: walkURL("landing", f.token), TestAppFactory: f.app(true), ExpectedStatus: http.StatusNotFound,
			ExpectedContent: []string{"This page isn"}, NotExpectedContent: []string{"Dana", "Test walk-through"},
		},
		{
			Name: "another administrator opening someone's test link is told it is not theirs", Method: http.MethodGet,
			URL: walkURL("landing", f.token), Headers: other, TestAppFactory: f.app(true), ExpectedStatus: http.StatusGone,
			ExpectedContent:    []string{"This test link has expired", "only for the administrator it was sent to"},
			NotExpectedContent: []string{"Send my introduction"},
		},
		{
			Name: "a test link past its day has expired", Method: http.MethodGet,
			URL: walkURL("referee", f.expired), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusGone,
			ExpectedContent: []string{"This test link has expired", "Send a fresh one"},
		},
		{
			Name: "a made-up test token has expired too", Method: http.MethodGet,
			URL: "/preview/landing?test=1.x", Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusGone,
			ExpectedContent: []string{"This test link has expired"},
		},
		{
			Name: "a page outside the walk-through is its plain preview", Method: http.MethodGet,
			URL: walkURL("share", f.token), Headers: admin, TestAppFactory: f.app(true), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`disabled data-preview>Continue`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestTheTestWalkThroughsFormsEmailTheAdministratorAndWriteNothing(t *testing.T) {
	f := newWalkFixture(t)
	form := func(h map[string]string) map[string]string {
		out := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		for k, v := range h {
			out[k] = v
		}
		return out
	}
	admin, other := form(signedIn()), form(map[string]string{"Cookie": f.otherCookie})
	intro := func(over map[string]string) *strings.Reader {
		v := url.Values{"referee_name": {"Jo Bloggs"}, "referee_email": {"jo@fabrikam.example"}, "message": {"Jo, meet them."}}
		for k, val := range over {
			v.Set(k, val)
		}
		return webtest.Form(v)
	}
	booking := webtest.Form(url.Values{"name": {"Jo Bloggs"}, "email": {f.adminEmail}, "preferred_times": {"Monday morning"}})
	scenarios := []tests.ApiScenario{
		{
			Name: "sending the landing form emails the introduction to the admin, not the address typed", Method: http.MethodPost,
			URL: walkURL("landing", f.token), Headers: admin, Body: intro(nil), TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectSent(1, f.adminEmail, "Dana Whitfield")(t, app, res)
				if loc := res.Header.Get("Location"); loc != walkURL("landing", f.token)+"&sent=1" {
					t.Errorf("sent to %q", loc)
				}
			},
		},
		{
			Name: "a landing form missing the name comes back with what to fix and what was typed, and sends nothing", Method: http.MethodPost,
			URL: walkURL("landing", f.token), Headers: admin, Body: intro(map[string]string{"referee_name": ""}), TestAppFactory: f.app(true),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Please check the fields marked below", `value="jo@fabrikam.example"`, "Jo, meet them.", `id="referee_name-error"`},
			AfterTestFunc:   expectSent(0, "", ""),
		},
		{
			Name: "sending the booking form emails the booking confirmation to the admin", Method: http.MethodPost,
			URL: walkURL("referee", f.token), Headers: admin, Body: booking, TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectSent(1, f.adminEmail, "meeting request")(t, app, res)
				if loc := res.Header.Get("Location"); loc != walkURL("booking", f.token) {
					t.Errorf("sent to %q", loc)
				}
			},
		},
		{
			Name: "a booking form without times comes back with what to fix, and sends nothing", Method: http.MethodPost,
			URL: walkURL("referee", f.token), Headers: admin, TestAppFactory: f.app(true),
			Body:            webtest.Form(url.Values{"name": {"Jo Bloggs"}, "email": {f.adminEmail}, "phone": {"+44 1"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="preferred_times-error"`, `value="&#43;44 1"`},
			AfterTestFunc:   expectSent(0, "", ""),
		},
		{
			Name: "declining sends nothing and shows the declined page", Method: http.MethodPost,
			URL: walkURL("referee", f.token), Headers: admin, Body: webtest.Form(url.Values{"decline": {"1"}}), TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusSeeOther, AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectSent(0, "", "")(t, app, res)
				if loc := res.Header.Get("Location"); loc != walkURL("referee", f.token)+"&declined=1" {
					t.Errorf("sent to %q", loc)
				}
			},
		},
		{
			Name: "without SMTP the admin is told nothing could be sent", Method: http.MethodPost,
			URL: walkURL("landing", f.token), Headers: admin, Body: intro(nil), TestAppFactory: f.app(false),
			ExpectedStatus:  http.StatusBadGateway,
			ExpectedContent: []string{"The test introduction was not sent", "No SMTP server is set"},
			AfterTestFunc:   expectSent(0, "", ""),
		},
		{
			Name: "a guest posting a test form gets the 404 page and sends nothing", Method: http.MethodPost,
			URL: walkURL("landing", f.token), Headers: webtest.FormHeader, Body: intro(nil), TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"}, AfterTestFunc: expectSent(0, "", ""),
		},
		{
			Name: "another administrator cannot send someone's walk-through", Method: http.MethodPost,
			URL: walkURL("referee", f.token), Headers: other, Body: booking, TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusGone, ExpectedContent: []string{"This test link has expired"}, AfterTestFunc: expectSent(0, "", ""),
		},
		{
			Name: "an administrator's own expired link sends nothing", Method: http.MethodPost,
			URL: walkURL("landing", f.expired), Headers: admin, Body: intro(nil), TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusGone, ExpectedContent: []string{"This test link has expired"}, AfterTestFunc: expectSent(0, "", ""),
		},
		{
			Name: "a cross-site post is refused", Method: http.MethodPost,
			URL: walkURL("landing", f.token), Headers: form(map[string]string{"Cookie": signedIn()["Cookie"], "Sec-Fetch-Site": "cross-site"}),
			Body: intro(nil), TestAppFactory: f.app(true), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"}, AfterTestFunc: expectSent(0, "", ""),
		},
		{
			Name: "a page with no form in the walk-through takes no post", Method: http.MethodPost,
			URL: walkURL("share", f.token), Headers: admin, Body: intro(nil), TestAppFactory: f.app(true),
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"}, AfterTestFunc: expectSent(0, "", ""),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
