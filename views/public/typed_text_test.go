package public_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/webtest"
)

// malformedEmails are addresses that read as email to a lenient parser but
// are not plain addresses; each once answered 500 from a public form.
var malformedEmails = []string{"a@[127.0.0.1]", "a@127.0.0.1", `"jo bloggs"@fabrikam.example`, "jo@fabrikam.example\x00"}

func TestPublicFormsRefuseMalformedEmailsWithAFieldError(t *testing.T) {
	for _, email := range malformedEmails {
		scenarios := []tests.ApiScenario{
			{
				Name: "the referral form refuses " + email, Method: http.MethodPost, URL: "/r/" + webtest.AskToken,
				Body: introduction(map[string]string{"referee_email": email}), Headers: webtest.FormHeader,
				TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusUnprocessableEntity,
				ExpectedContent: []string{`id="referee_email-error"`, "That doesn&#39;t look like an email address"},
				AfterTestFunc:   expectNothingWritten,
			},
			{
				Name: "the share form refuses " + email, Method: http.MethodPost, URL: "/s/" + webtest.ShareCode,
				Body:    webtest.Form(url.Values{"name": {"Lee Park"}, "email": {email}, "company": {"Wingtip"}}),
				Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusUnprocessableEntity,
				ExpectedContent: []string{"That doesn&#39;t look like an email address"},
				AfterTestFunc:   expectReferrals(email, 0),
			},
			{
				// The booking form has no email to change: what is posted as one is not read.
				Name: "the booking form never stores " + email, Method: http.MethodPost, URL: "/i/" + webtest.RefCode,
				Body:    webtest.Form(url.Values{"name": {"Jo Bloggs"}, "email": {email}, "preferred_times": {"Tuesday"}}),
				Headers: webtest.FormHeader, TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusSeeOther,
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					if got := webtest.MustReferral(t, app).GetString("referee_email"); got != "jo@fabrikam.example" {
						t.Errorf("the referral's email became %q", got)
					}
				},
			},
		}
		for _, s := range scenarios {
			s.Test(t)
		}
	}
}

func TestPublicFormsStoreNamesAndNotesWithoutControlOrDirectionCharacters(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:   "the referral form cleans the name, company and note and keeps the note's lines",
			Method: http.MethodPost, URL: "/r/" + webtest.AskToken, Headers: webtest.FormHeader,
			Body: introduction(map[string]string{
				"referee_name": "Jo\x00 \u202EBloggs\r\nCFO", "referee_company": "Fab\u2066rikam\x1b\xe9",
				"message": "Hi Jo,\r\n\r\nMeet \u202Eus\u202C.\x07",
			}),
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: expectStored("jo@fabrikam.example", map[string]string{
				"referee_name": "Jo Bloggs CFO", "referee_company": "Fabrikam", "message": "Hi Jo,\n\nMeet us.",
			}),
		},
		{
			Name:   "the share form cleans the visitor's name and company",
			Method: http.MethodPost, URL: "/s/" + webtest.ShareCode, Headers: webtest.FormHeader,
			Body:           webtest.Form(url.Values{"name": {"Lee\u202E Park\n"}, "email": {"lee@wingtip.example"}, "company": {"Wing\x00tip\u0085Ltd"}}),
			TestAppFactory: webtest.WithReferrer, ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Please check your email"},
			AfterTestFunc: expectStored("lee@wingtip.example", map[string]string{"referee_name": "Lee Park", "referee_company": "Wingtip Ltd"}),
		},
		{
			Name:   "the booking form cleans the name and company and keeps the lines of the preferred times",
			Method: http.MethodPost, URL: "/i/" + webtest.RefCode, Headers: webtest.FormHeader,
			Body: webtest.Form(url.Values{"name": {"Jo \u202EBloggs\x00"}, "email": {"jo@fabrikam.example"},
				"company": {"Fabrikam\r\nInc"}, "preferred_times": {"Tue 10:00\r\nWed\x1b 14:00 \u2067CET"}, "phone": {"+1 555\x000100"}}),
			TestAppFactory: webtest.WithReferral, ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: expectStored("jo@fabrikam.example", map[string]string{
				"referee_name": "Jo Bloggs", "referee_company": "Fabrikam Inc", "preferred_times": "Tue 10:00\nWed 14:00 CET", "phone": "+1 5550100",
			}),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// expectStored checks the fields of the one referral of email.
func expectStored(email string, want map[string]string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		rows, err := app.FindAllRecords("referrals", dbx.HashExp{"referee_email": email})
		if err != nil || len(rows) != 1 {
			t.Fatalf("%d referrals for %s (%v), want 1", len(rows), email, err)
		}
		for field, value := range want {
			if got := rows[0].GetString(field); got != value {
				t.Errorf("%s stored as %q, want %q", field, got, value)
			}
		}
	}
}
