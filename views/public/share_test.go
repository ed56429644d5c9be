package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"warmloop/tests/webtest"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

func TestShareLink(t *testing.T) {
	visitor := func(over map[string]string) *strings.Reader {
		v := url.Values{"name": {"Lee Park"}, "email": {"lee@wingtip.example"}, "company": {"Wingtip"}}
		for k, val := range over {
			v.Set(k, val)
		}
		return webtest.Form(v)
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "the share link says who shared it and asks the visitor to introduce themself",
			Method: http.MethodGet, URL: "/s/" + webtest.ShareCode, TestAppFactory: webtest.WithReferrer,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"Ana Lima from Northwind thinks you should meet Acme", `name="name"`, `name="email"`, `name="company"`, `name="website"`},
		},
		{
			Name: "an unknown share code gets the friendly 404", Method: http.MethodGet, URL: "/s/ZZZZZZZZZZZZZZZZZZZZZZ",
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
		},
		{
			Name:   "introducing themself makes a referral for the referrer and goes straight to the personal page",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(nil), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "lee@wingtip.example")
				if err != nil {
					t.Fatal("no referral")
				}
				if ref.GetString("referrer") != webtest.MustAna(t, app).Id || ref.GetString("channel") != "share_link" ||
					ref.GetString("status") != "invited" || ref.GetString("ask") != "" || ref.GetString("referee_company") != "Wingtip" {
					t.Errorf("referral %v", ref.FieldsData())
				}
				if loc := res.Header.Get("Location"); loc != "/i/"+ref.GetString("code") {
					t.Errorf("redirected to %q, want the personal page", loc)
				}
				if n, _ := app.CountRecords("outbox", dbx.HashExp{"to": "lee@wingtip.example"}); n != 0 {
					t.Errorf("%d emails queued to the visitor; one who introduced themself needs no introduction email", n)
				}
			},
		},
		{
			Name:   "the link from the referrer's own email is counted as the email channel",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"via": "email"}), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "lee@wingtip.example")
				if err != nil || ref.GetString("channel") != "email" {
					t.Errorf("referral %v, %v: want channel email", ref, err)
				}
			},
		},
		{
			Name:   "a visitor already known is told so and gets no page",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"email": "recent@fabrikam.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"already in touch with us"}, NotExpectedContent: []string{"/i/"},
			AfterTestFunc: expectReferrals("recent@fabrikam.example", 1),
		},
		{
			Name:   "bad input comes back beside the fields with what was typed",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"name": "", "email": "lee@"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Please tell us your name.", "doesn&#39;t look like an email address", `value="lee@"`, `value="Wingtip"`},
			AfterTestFunc:   expectReferrals("lee@", 0),
		},
		{
			Name:   "a bot that fills the hidden field writes nothing",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"website": "x"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"already in touch with us"},
			AfterTestFunc:   expectReferrals("lee@wingtip.example", 0),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
