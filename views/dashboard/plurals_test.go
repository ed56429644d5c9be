package dashboard_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/tests/testapp"
)

// withOneAsk is a program that has delivered one ask, yesterday.
func withOneAsk(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	yesterday := time.Now().Add(-24 * time.Hour).UTC().Format(types.DefaultDateLayout)
	testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "sent", "sent_at": yesterday})
	return app
}

func TestTheOverviewWritesOneAskInTheSingular(t *testing.T) {
	(&tests.ApiScenario{
		Name: "one ask delivered", Method: http.MethodGet, URL: "/dashboard?days=30",
		Headers:            map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken},
		ExpectedStatus:     http.StatusOK,
		ExpectedContent:    []string{"1 ask delivered", "vs the previous 30 days"},
		NotExpectedContent: []string{"1 asks"},
		TestAppFactory:     withOneAsk,
	}).Test(t)
}
