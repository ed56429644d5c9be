package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestRESTIncentiveInUseIsNotDeleted(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/incentives/records/"
	refused := func(name, id, says string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodDelete, URL: records + id, Headers: auth,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"status":400`, "This incentive cannot be deleted: " + says + ".", "Deactivate it instead"},
			AfterTestFunc:   expectKept("incentives", id),
		}
	}
	scenarios := []tests.ApiScenario{
		refused("an incentive a tier uses cannot be deleted", incTier, "1 tier gives it"),
		refused("an incentive asks offered cannot be deleted", incAsk, "5 asks offered it"),
		refused("an incentive a reward pays cannot be deleted", incReward, "1 reward pays it"),
		refused("the incentive on offer cannot be deleted", incOnOffer, "it is the incentive on offer now"),
		{
			Name: "an incentive nothing uses is deleted", Method: http.MethodDelete, URL: records + incFree, Headers: auth,
			ExpectedStatus: http.StatusNoContent, AfterTestFunc: expectGone("incentives", incFree),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = programApp
		s.Test(t)
	}
}

func TestRESTIncentiveOnOfferStaysActive(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/incentives/records/"
	// onOfferInactive is programApp with the incentive on offer switched off
	// before the rule, as data written earlier may have it.
	onOfferInactive := func(t testing.TB) *tests.TestApp {
		app := programApp(t)
		if _, err := app.DB().NewQuery("UPDATE incentives SET active = FALSE WHERE id = '" + incOnOffer + "'").Execute(); err != nil {
			t.Fatal(err)
		}
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "the incentive on offer cannot be switched off", Method: http.MethodPatch, URL: records + incOnOffer,
			Body: strings.NewReader(`{"active":false}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"active":{"code":"on_offer"`, "This is the incentive on offer now, so it stays active.", "Choose another one in Settings"},
			AfterTestFunc:   expectField("incentives", incOnOffer, "active", true),
		},
		{
			Name: "the incentive on offer takes other edits", Method: http.MethodPatch, URL: records + incOnOffer,
			Body: strings.NewReader(`{"name":"Founders' thanks"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"name":"Founders' thanks"`, `"active":true`},
			AfterTestFunc:   expectField("incentives", incOnOffer, "name", "Founders' thanks"),
		},
		{
			Name: "an incentive not on offer is switched off", Method: http.MethodPatch, URL: records + incAsk,
			Body: strings.NewReader(`{"active":false}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"active":false`},
			AfterTestFunc:   expectField("incentives", incAsk, "active", false),
		},
		{
			Name: "an incentive on offer but already inactive can still be edited", Method: http.MethodPatch, URL: records + incOnOffer,
			Body: strings.NewReader(`{"name":"Founders' thanks"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"name":"Founders' thanks"`, `"active":false`},
			AfterTestFunc:   expectField("incentives", incOnOffer, "name", "Founders' thanks"), TestAppFactory: onOfferInactive,
		},
	}
	for _, s := range scenarios {
		if s.TestAppFactory == nil {
			s.TestAppFactory = programApp
		}
		s.Test(t)
	}
}
