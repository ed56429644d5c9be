package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"warmloop/tests/webtest"

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
			Name:   "introducing themself makes an unconfirmed referral for the referrer and emails them a link to confirm, nothing else",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(nil), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"Please check your email", "<strong>lee@wingtip.example</strong>"},
			NotExpectedContent: []string{"/i/", `name="email"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "lee@wingtip.example")
				if err != nil {
					t.Fatal("no referral")
				}
				if ref.GetString("referrer") != webtest.MustAna(t, app).Id || ref.GetString("channel") != "share_link" ||
					ref.GetString("status") != "invited" || ref.GetString("flag") != "unconfirmed" || ref.GetString("ask") != "" ||
					ref.GetString("referee_company") != "Wingtip" {
					t.Errorf("referral %v", ref.FieldsData())
				}
				rows, _ := app.FindAllRecords("outbox")
				if len(rows) != 1 || rows[0].GetString("to") != "lee@wingtip.example" || rows[0].GetString("referral") != ref.Id ||
					!strings.Contains(rows[0].GetString("payload"), `"share_confirmation_email"`) {
					t.Errorf("outbox %v: want the one confirmation to the visitor, no sales note, no webhook", rows)
				}
			},
		},
		{
			Name:   "the link from the referrer's own email is counted as the email channel",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"via": "email"}), Headers: webtest.FormHeader,
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Please check your email"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				ref, err := app.FindFirstRecordByData("referrals", "referee_email", "lee@wingtip.example")
				if err != nil || ref.GetString("channel") != "email" || ref.GetString("flag") != "unconfirmed" {
					t.Errorf("referral %v, %v: want channel email, unconfirmed", ref, err)
				}
			},
		},
		{
			Name:   "a visitor already known gets the same answer, and nothing is written or sent",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"email": "recent@fabrikam.example"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Please check your email"}, NotExpectedContent: []string{"/i/", "already"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectReferrals("recent@fabrikam.example", 1)(t, app, res)
				if n, _ := app.CountRecords("outbox"); n != 0 {
					t.Errorf("%d outbox rows for a known visitor", n)
				}
			},
		},
		{
			Name:   "bad input comes back beside the fields with what was typed",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"name": "", "email": "lee@"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{"Please tell us your name.", "doesn&#39;t look like an email address", `value="lee@"`, `value="Wingtip"`},
			AfterTestFunc:   expectReferrals("lee@", 0),
		},
		{
			Name:   "a bot that fills the hidden field gets the same answer and writes nothing",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Body: visitor(map[string]string{"website": "x"}),
			Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"Please check your email"},
			AfterTestFunc:   expectReferrals("lee@wingtip.example", 0),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
