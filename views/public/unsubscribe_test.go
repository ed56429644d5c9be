package public_test

import (
	"net/http"
	"strings"
	"testing"
	"warmloop/tests/webtest"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

func expectOptedOut(want bool) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
		if err != nil {
			t.Fatal(err)
		}
		if c.GetBool("opted_out") != want {
			t.Errorf("opted_out = %v, want %v", c.GetBool("opted_out"), want)
		}
		if want && !c.GetDateTime("next_ask_at").IsZero() {
			t.Error("an opted-out customer is still in the cadence")
		}
	}
}

func TestUnsubscribe(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "the link shows a one-button confirmation and changes nothing", Method: http.MethodGet, URL: "/u/" + webtest.UnsubscribeToken,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{"Stop referral emails?", "Hi Ana,", `action="/u/` + webtest.UnsubscribeToken + `"`, ">Unsubscribe</button>"},
			TestAppFactory:  webtest.WithAsk, AfterTestFunc: expectOptedOut(false),
		},
		{
			Name: "the button opts the customer out and comes back to the page", Method: http.MethodPost, URL: "/u/" + webtest.UnsubscribeToken,
			Headers:        webtest.FormHeader,
			ExpectedStatus: http.StatusSeeOther,
			TestAppFactory: webtest.WithAsk,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				expectOptedOut(true)(t, app, res)
				if res.Header.Get("Location") != "/u/"+webtest.UnsubscribeToken {
					t.Errorf("redirected to %q", res.Header.Get("Location"))
				}
			},
		},
		{
			Name: "the RFC 8058 one-click post opts out with a plain 200", Method: http.MethodPost, URL: "/u/" + webtest.UnsubscribeToken,
			Body:           strings.NewReader("List-Unsubscribe=One-Click"),
			Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site"},
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"unsubscribed"},
			TestAppFactory: webtest.WithAsk, AfterTestFunc: expectOptedOut(true),
		},
		{
			Name: "an unknown token gets the same friendly 404 as any unknown page", Method: http.MethodGet, URL: "/u/ZZZZZZZZZZZZZZZZZZZZZZ",
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
			TestAppFactory: webtest.WithAsk, AfterTestFunc: expectOptedOut(false),
		},
		{
			Name: "posting an unknown token changes nothing", Method: http.MethodPost, URL: "/u/ZZZZZZZZZZZZZZZZZZZZZZ",
			Body: strings.NewReader("List-Unsubscribe=One-Click"), Headers: webtest.FormHeader,
			ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{"This page isn"},
			TestAppFactory: webtest.WithAsk, AfterTestFunc: expectOptedOut(false),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestOptedOutCustomerIsNeverAskedAgain(t *testing.T) {
	app := webtest.WithAsk(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	res, err := http.Post(srv.URL+"/u/"+webtest.UnsubscribeToken, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("one-click unsubscribe: %v %v", res, err)
	}
	c, _ := app.FindFirstRecordByData("customers", "email", "ana@northwind.example")
	moments, _ := app.FindCollectionByNameOrId("moments")
	m := core.NewRecord(moments)
	m.Set("customer", c.Id)
	m.Set("kind", "renewal")
	m.Set("source", "test")
	m.Set("occurred_at", "2026-11-24 10:00:00.000Z")
	if err := app.Save(m); err != nil {
		t.Fatal(err)
	}
	m, _ = app.FindRecordById("moments", m.Id)
	if m.GetString("decision") != "opted_out" {
		t.Errorf("decision %q after unsubscribing, want opted_out", m.GetString("decision"))
	}
	if n, _ := app.CountRecords("asks"); n != 1 {
		t.Errorf("%d asks, want only the first", n)
	}
}
