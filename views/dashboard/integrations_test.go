package dashboard_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/intake"
	"warmloop/internal/program"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// intStoredSecret is a Zendesk key already set before a scenario.
const intStoredSecret = "zendesk-key-already-set-0123"

// intApp is a program whose Zendesk key is set and nothing else of the
// integrations.
func intApp(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	r.Set("zendesk_secret", intStoredSecret)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return app
}

// intExpect checks the stored settings after a scenario.
func intExpect(want func(program.Settings) bool, what string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		program.Forget(app)
		s, err := program.Load(app)
		if err != nil {
			t.Fatal(err)
		}
		if !want(s) {
			t.Errorf("the settings hold %+v; want %s", s, what)
		}
	}
}

func TestDashboardIntegrations(t *testing.T) {
	stages := "closedwon = won\nclosedlost = lost"
	scenarios := []tests.ApiScenario{
		{
			Name: "each tool's address and where its key is found are shown, no key itself", Method: http.MethodGet,
			URL: "/dashboard/integrations", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"/hooks/moments/zendesk", "/hooks/moments/hubspot?kind=renewal", "/hooks/moments/hubspot?kind=first_outcome",
				"/hooks/crm/hubspot", "/hooks/moments/stripe", "/hooks/crm/generic", "Reveal secret", "Signing secret (whsec_…)",
				`name="crm_stages"`, `name="zendesk_secret_clear"`},
			NotExpectedContent: []string{intStoredSecret},
			TestAppFactory:     intApp,
		},
		{
			Name: "the settings screen leads to the integrations", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`href="/dashboard/integrations"`}, TestAppFactory: intApp,
		},
		{
			Name: "new keys and a stage map are saved, an empty key keeps the stored one", Method: http.MethodPost,
			URL: "/dashboard/integrations", Headers: progSessionForm(),
			Body: webtest.Form(url.Values{"stripe_secret": {"whsec_new_signing_secret"}, "hubspot_secret": {"5f3c1d2e-9a8b-4c7d-8e6f-0a1b2c3d4e5f"},
				"crm_stages": {stages}}),
			ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc: intExpect(func(s program.Settings) bool {
				return s.StripeSecret == "whsec_new_signing_secret" && s.HubSpotSecret != "" && s.ZendeskSecret == intStoredSecret && s.CRMStages == stages
			}, "the new keys, the stored Zendesk key and the stage map"),
			TestAppFactory: intApp,
		},
		{
			Name: "a key can be cleared", Method: http.MethodPost, URL: "/dashboard/integrations", Headers: progSessionForm(),
			Body: webtest.Form(url.Values{"zendesk_secret_clear": {"on"}}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  intExpect(func(s program.Settings) bool { return s.ZendeskSecret == "" }, "no Zendesk key"),
			TestAppFactory: intApp,
		},
		{
			Name: "a stage mapped to a status a CRM cannot set is refused beside the map, nothing saved", Method: http.MethodPost,
			URL: "/dashboard/integrations", Headers: progSessionForm(),
			Body:            webtest.Form(url.Values{"crm_stages": {"closedwon = won\npresentation = booked"}, "stripe_secret": {"whsec_never_saved_123"}}),
			ExpectedStatus:  http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="crm_stages-error"`, "line 2", "is not qualified, won or lost", "presentation = booked"},
			AfterTestFunc: intExpect(func(s program.Settings) bool { return s.StripeSecret == "" && s.CRMStages == "" },
				"nothing saved"),
			TestAppFactory: intApp,
		},
		{
			Name: "a short key is refused beside its field", Method: http.MethodPost, URL: "/dashboard/integrations", Headers: progSessionForm(),
			Body: webtest.Form(url.Values{"crm_secret": {"short"}}), ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="crm_secret-error"`, "at least 12 characters"},
			AfterTestFunc:   intExpect(func(s program.Settings) bool { return s.CRMSecret == "" }, "no CRM secret"),
			TestAppFactory:  intApp,
		},
		{
			Name: "a signed-out visitor is sent to sign in", Method: http.MethodGet, URL: "/dashboard/integrations",
			ExpectedStatus: http.StatusSeeOther, TestAppFactory: intApp,
		},
		{
			Name: "a post from another site is refused", Method: http.MethodPost, URL: "/dashboard/integrations", Headers: progCrossSite(),
			Body: webtest.Form(url.Values{"crm_stages": {stages}}), ExpectedStatus: http.StatusForbidden,
			ExpectedContent: []string{"sent from another site"},
			AfterTestFunc:   intExpect(func(s program.Settings) bool { return s.CRMStages == "" }, "no stage map"),
			TestAppFactory:  intApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestStageMapIsCheckedOnEveryWayIn(t *testing.T) {
	app := testapp.New(t)
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	r.Set("crm_stages", "closedwon won")
	if err := app.Save(r); err == nil {
		t.Error("a stage map line without = was saved by app.Save (the REST API and /_/ path)")
	}
}

// intWithDeliveries is intApp with a refused CRM move and 25 Stripe
// deliveries logged, the newest numbered 24.
func intWithDeliveries(t testing.TB) *tests.TestApp {
	app := intApp(t)
	log := func(in intake.Inbox, d intake.Delivery, body string) {
		if err := intake.LogDelivery(app, in, d, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	log(intake.ProviderInbox("crm/generic"), intake.Delivery{Outcome: intake.OutcomeRefused, Status: http.StatusConflict,
		Referral: "refcrmlogged001", Reason: "deal 7, lost → won: a lost referral is final"}, `{"id":"7","email":"jo@fabrikam.example"}`)
	for i := range 25 {
		log(intake.ProviderInbox("stripe"), intake.Delivery{Outcome: intake.OutcomeAccepted, Status: http.StatusCreated,
			Reason: fmt.Sprintf("stripe delivery %02d", i)}, `{"type":"invoice.paid"}`)
	}
	return app
}

func TestDashboardIntegrationsListsEachProvidersLastDeliveries(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "each provider's newest twenty show with outcome, reason and the masked body", Method: http.MethodGet,
			URL: "/dashboard/integrations", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`id="deliveries-crm/generic"`, "refused", "409", "a lost referral is final",
				`href="/dashboard/referrals/refcrmlogged001"`, "<details>", "•••@fabrikam.example",
				"stripe delivery 24", "stripe delivery 05", "Nothing has arrived yet"},
			NotExpectedContent: []string{"jo@fabrikam", "stripe delivery 04", intStoredSecret},
			TestAppFactory:     intWithDeliveries,
		},
		{
			Name: "a guest is sent to sign in and sees no delivery", Method: http.MethodGet, URL: "/dashboard/integrations",
			ExpectedStatus: http.StatusSeeOther, NotExpectedContent: []string{"a lost referral is final"},
			TestAppFactory: intWithDeliveries,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
