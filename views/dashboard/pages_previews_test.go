package dashboard_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestTheDashboardLinksToPreviewsOfEveryPublicPage(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	scenarios := []tests.ApiScenario{
		{
			Name: "the pages list opens the landing, referee, booking, share and thanks pages with sample data", Method: http.MethodGet,
			URL: "/dashboard/pages", Headers: session, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{
				`href="/preview/landing" target="_blank"`, `href="/preview/referee" target="_blank"`,
				`href="/preview/booking" target="_blank"`, `href="/preview/share" target="_blank"`, `href="/preview/thanks" target="_blank"`,
			},
		},
		{
			Name: "the referee page's editor opens the whole page with sample data", Method: http.MethodGet,
			URL: "/dashboard/pages/referee", Headers: session, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<a href="/preview/referee" target="_blank" rel="noopener">Open the whole page`, "{{what_we_do}}"},
		},
		{
			Name: "the booking confirmation's editor opens the referee page after booking", Method: http.MethodGet,
			URL: "/dashboard/pages/booking_confirmation", Headers: session, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`<a href="/preview/booking" target="_blank"`},
		},
		{
			Name: "an email's editor has no whole-page preview", Method: http.MethodGet,
			URL: "/dashboard/pages/booking_confirmation_email", Headers: session, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"replies go to your sales inbox", "You asked Acme for a meeting."},
			NotExpectedContent: []string{`href="/preview/`},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
