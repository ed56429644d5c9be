package public_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// expectNothingChanged checks a preview wrote no record a person's visit would.
func expectNothingChanged(t testing.TB, app *tests.TestApp, _ *http.Response) {
	for _, coll := range []string{"customers", "asks", "referrals", "outbox", "referral_events"} {
		if n, err := app.CountRecords(coll); err != nil || n != 0 {
			t.Errorf("%d %s after a preview (%v): want none", n, coll, err)
		}
	}
}

func TestPreviewsOfThePublicPagesWithSampleData(t *testing.T) {
	admin := signedIn()
	preview := func(page string, want ...string) tests.ApiScenario {
		return tests.ApiScenario{
			Name:   "an administrator previews the " + page + " page with made-up people and a form that sends nothing",
			Method: http.MethodGet, URL: "/preview/" + page, Headers: admin, TestAppFactory: testapp.Bare,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    append([]string{`class="preview-banner"`, "made-up names", "Acme"}, want...),
			NotExpectedContent: []string{"{{", `aria-label="Main"`},
			AfterTestFunc:      expectNothingChanged,
		}
	}
	scenarios := []tests.ApiScenario{
		preview("landing", "Hi Dana,", "How it works", `disabled data-preview>Send my introduction`,
			"Your introductions, Dana", "Sam Rivera", `stage-won">Won`, "<strong>Champion</strong>: 1 of 5 introductions won"),
		preview("referee", "Introduced by Dana Whitfield, Northwind Traders", "<h2>About Acme</h2>",
			`disabled data-preview>Request a meeting`, `disabled data-preview>Not for me right now`),
		preview("booking", `<h2 id="booking-title">Thank you, Sam!</h2>`, "Someone from Acme will write to you",
			"<q>Tuesday or Thursday afternoon</q>"),
		preview("share", "Dana Whitfield from Northwind Traders thinks you should meet Acme", `disabled data-preview>Continue`,
			"This is your share link, Dana.", "Sam Rivera", `href="/preview/landing#refer">Introduce someone else`),
		preview("thanks", "Dana Whitfield", "Priya Natarajan", "Connector"),
		preview("unsubscribe", "Stop referral emails?", "Hi Dana,", `disabled data-preview>Unsubscribe`),
		{
			Name: "a guest asking for a preview gets the 404 page", Method: http.MethodGet, URL: "/preview/landing",
			TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusNotFound,
			ExpectedContent: []string{"This page isn"}, NotExpectedContent: []string{"Dana", "preview-banner"},
		},
		{
			Name: "a page that has no preview is the 404 page", Method: http.MethodGet, URL: "/preview/settings",
			Headers: admin, TestAppFactory: testapp.Bare, ExpectedStatus: http.StatusNotFound,
			ExpectedContent: []string{"This page isn"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
