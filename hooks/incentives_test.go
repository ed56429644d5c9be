package hooks_test

import (
	"net/http"
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
