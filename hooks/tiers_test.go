package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestRESTEarnedTierIsNotDeleted(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/tiers/records/"
	scenarios := []tests.ApiScenario{
		{
			Name: "a tier a referrer earned cannot be deleted, and the answer says why", Method: http.MethodDelete,
			URL: records + tierEarned, Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{"This tier cannot be deleted: 1 referrer has earned it", "Rename it or change its milestone instead"},
			AfterTestFunc:   expectKept("tiers", tierEarned),
		},
		{
			Name: "a tier nobody earned is deleted", Method: http.MethodDelete, URL: records + tierFree, Headers: auth,
			ExpectedStatus: http.StatusNoContent, AfterTestFunc: expectGone("tiers", tierFree),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = programApp
		s.Test(t)
	}
}
