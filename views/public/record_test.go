package public_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// Tokens of the record fixture's other links.
const (
	anasOldToken = "OlDaSkToKeNoFaNaLiMa01" // an earlier ask of Ana's, still open
	olusToken    = "OlUsAsKtOkEnOfOlUoThEr" // Olu's ask
)

// withRecord is WithReferrer where Ana has introduced two people through
// the hooks, as the landing form would: Jo Bloggs at Fabrikam, since booked
// (with a value and a note the team set), and Kai Ito, invited. Ana said yes
// to the wall and has an older ask link; Olu, another referrer, has an ask.
func withRecord(t testing.TB) *tests.TestApp {
	app := webtest.WithReferrer(t)
	ana := webtest.MustAna(t, app)
	ana.Set("wall_opt_in", true)
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	ask := webtest.MustAsk(t, app)
	jo := testapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "ask": ask.Id, "referee_name": "Jo Bloggs", "referee_email": "jo@fabrikam.example",
		"referee_company": "Fabrikam", "status": "invited", "channel": "landing", "message": "Jo's team has our old mess.",
	})
	testapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "ask": ask.Id, "referee_name": "Kai Ito", "referee_email": "kai@litware.example",
		"referee_company": "Litware", "status": "invited", "channel": "landing",
	})
	jo.Set("status", "booked")
	jo.Set("pipeline_value", 48250)
	jo.Set("lost_reason", "Team-only remark")
	if err := app.Save(jo); err != nil {
		t.Fatal(err)
	}
	testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "clicked",
		"token": anasOldToken, "unsubscribe_token": "UnSuBoLdAsKoFaNaLiMa01"})
	olu, err := app.FindFirstRecordByData("customers", "email", "olu@tailspin.example")
	if err != nil {
		t.Fatal(err)
	}
	testapp.Save(t, app, "asks", map[string]any{"customer": olu.Id, "touch": 1, "status": "sent",
		"token": olusToken, "unsubscribe_token": "UnSuBoFoLuSaSkToKeN001"})
	return app
}

// anasRecord is what Ana's record shows: both introductions with their
// stages and the day, her reward and her progress to the next tier.
var anasRecord = []string{
	"Your introductions, Ana", "You have introduced 2 people to us.",
	"Jo Bloggs", "Fabrikam", `stage-booked">Booked`, "They booked a time to talk with us.",
	"Kai Ito", "Litware", `stage-invited">Invited`, "We sent them your note.",
	"Introduced " + time.Now().UTC().Format("2 Jan 2006"), ", booked " + time.Now().UTC().Format("2 Jan 2006"),
	"for becoming a First introduction", "We will be in touch to arrange it.",
	"<strong>Connector</strong>: 2 of 3 introductions", `<progress value="2" max="3"`,
	"<strong>First win</strong>: 0 of 1 introduction won",
	`You are number 1 on our <a href="/thanks">Wall of Thanks</a>`,
	`href="#refer">Introduce someone else`, `name="referee_email"`,
}

// teamOnly is what a referrer never sees of the people they introduced.
var teamOnly = []string{"jo@fabrikam.example", "kai@litware.example", "48250", "48,250", "Team-only remark",
	"Jo&#39;s team has our old mess", "qualified"}

// withCookie is a request header carrying an ask link's token as the
// share page's owner cookie.
func withCookie(tok string) map[string]string {
	return map[string]string{"User-Agent": chrome, "Cookie": "warmloop_referrer=" + tok}
}

func TestTheReferrersRecord(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:   "two introductions show with their stages and days, the reward and the progress to the next tier",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken, Headers: browser, TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK, ExpectedContent: anasRecord,
			NotExpectedContent: append([]string{"Earlier Person", "1 introductions", "1 people"}, teamOnly...),
		},
		{
			Name:   "an older ask link of the same referrer shows the same record",
			Method: http.MethodGet, URL: "/r/" + anasOldToken, Headers: browser, TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK, ExpectedContent: anasRecord, NotExpectedContent: teamOnly,
		},
		{
			Name:   "another referrer's link shows their own record and nothing of the first's",
			Method: http.MethodGet, URL: "/r/" + olusToken, Headers: browser, TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Your introductions, Olu", "You have introduced 3 people to us.", "Earlier Person",
				`stage-lost">Lost`, `stage-invited">Invited`},
			NotExpectedContent: append([]string{"Jo Bloggs", "Kai Ito", "Fabrikam", "Litware", "Ana"}, teamOnly...),
		},
		{
			Name:   "a referrer with no introductions yet sees the page as it was",
			Method: http.MethodGet, URL: "/r/" + webtest.AskToken, Headers: browser, TestAppFactory: webtest.WithReferrer,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Hi Ana,", `href="#refer">Introduce someone now`},
			NotExpectedContent: []string{"Your introductions", "Earlier Person"},
		},
		{
			Name: "an expired link shows no data", Method: http.MethodGet, URL: "/r/" + webtest.AskToken, Headers: browser,
			TestAppFactory: withRecordThen(expire),
			ExpectedStatus: http.StatusGone, ExpectedContent: []string{"This link has expired"},
			NotExpectedContent: append([]string{"Your introductions", "Jo Bloggs", "Kai Ito", "Connector"}, teamOnly...),
		},
		{
			Name: "an opted-out referrer's link shows no data", Method: http.MethodGet, URL: "/r/" + anasOldToken, Headers: browser,
			TestAppFactory:     withRecordThen(optOut),
			ExpectedStatus:     http.StatusGone,
			NotExpectedContent: append([]string{"Your introductions", "Jo Bloggs", "Kai Ito", "Connector"}, teamOnly...),
		},
		{
			Name:   "the share link shows the referrer their record when they opened one of their ask links in this browser",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, Headers: withCookie(anasOldToken), TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK,
			ExpectedContent: append([]string{"This is your share link, Ana.", `href="/r/` + anasOldToken + `#refer">Introduce someone else`},
				anasRecord[:len(anasRecord)-2]...),
			NotExpectedContent: teamOnly,
		},
		{
			Name:   "the share link shows nothing of the record to whoever else opens it",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, Headers: browser, TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Ana Lima from Northwind thinks you should meet"},
			NotExpectedContent: append([]string{"Your introductions", "Jo Bloggs", "Kai Ito", "Connector"}, teamOnly...),
		},
		{
			Name:   "another referrer's ask link opens no record on the first's share link",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, Headers: withCookie(olusToken), TestAppFactory: withRecord,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Ana Lima from Northwind thinks you should meet"},
			NotExpectedContent: []string{"Your introductions", "Jo Bloggs", "Earlier Person"},
		},
		{
			Name:   "an expired ask link opens no record on the share link",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, Headers: withCookie(webtest.AskToken),
			TestAppFactory: withRecordThen(expire),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Ana Lima from Northwind thinks you should meet"},
			NotExpectedContent: []string{"Your introductions", "Jo Bloggs"},
		},
		{
			Name:   "an opted-out referrer's share link shows no data, even to them",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, Headers: withCookie(webtest.AskToken),
			TestAppFactory:     withRecordThen(optOut),
			ExpectedStatus:     http.StatusGone,
			NotExpectedContent: []string{"Your introductions", "Jo Bloggs", "Kai Ito"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// withRecordThen is withRecord changed by change.
func withRecordThen(change func(testing.TB, core.App)) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := withRecord(t)
		change(t, app)
		return app
	}
}

// optOut opts Ana out of the program.
func optOut(t testing.TB, app core.App) {
	t.Helper()
	ana := webtest.MustAna(t, app)
	ana.Set("opted_out", true)
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
}

func TestAStageTheTeamMovesShowsAtTheReferrersNextView(t *testing.T) {
	app := withRecord(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	if _, page := get(t, srv.URL+"/r/"+webtest.AskToken); !strings.Contains(page, `stage-booked">Booked`) {
		t.Fatalf("first view shows no booked stage:\n%s", page)
	}
	jo, err := app.FindFirstRecordByData("referrals", "referee_email", "jo@fabrikam.example")
	if err != nil {
		t.Fatal(err)
	}
	jo.Set("status", "won")
	if err := app.Save(jo); err != nil {
		t.Fatal(err)
	}
	_, page := get(t, srv.URL+"/r/"+webtest.AskToken)
	if !strings.Contains(page, `stage-won">Won`) || strings.Contains(page, `stage-booked">Booked`) ||
		!strings.Contains(page, "<strong>Champion</strong>: 1 of 5 introductions won") {
		t.Errorf("the next view still shows the old stage:\n%s", page)
	}
}
