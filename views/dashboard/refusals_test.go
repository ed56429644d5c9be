package dashboard_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/tests/testapp"
)

// withRefusals is a program that has asked (an empty install shows the
// setup checklist instead of its figures) whose caps refused n
// introductions lately and one 40 days ago.
func withRefusals(n int) func(testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
		testapp.Save(t, app, "asks", map[string]any{"customer": ana.Id, "touch": 1, "status": "sent"})
		for i := 0; i <= n; i++ {
			r := testapp.Save(t, app, "refusals", map[string]any{"kind": "ask_day", "customer": ana.Id, "cap": 5})
			if i == n {
				old := time.Now().Add(-40 * 24 * time.Hour).UTC().Format(types.DefaultDateLayout)
				if _, err := app.DB().Update("refusals", dbx.Params{"created": old}, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
					t.Fatal(err)
				}
			}
		}
		return app
	}
}

func TestTheOverviewCountsTheIntroductionsRefusedOverACap(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	for _, c := range []struct {
		refused int
		want    string
	}{
		{0, "No introductions refused over a cap in the last 30 days."},
		{1, "1 introduction refused over a cap in the last 30 days."},
		{7, "7 introductions refused over a cap in the last 30 days."},
	} {
		(&tests.ApiScenario{
			Name: c.want, Method: http.MethodGet, URL: "/dashboard?days=365", Headers: session,
			ExpectedStatus:  http.StatusOK,
			ExpectedContent: []string{c.want, "An ask link sends at most 5 introductions a day, and a referrer at most 20 a week"},
			TestAppFactory:  withRefusals(c.refused),
		}).Test(t)
	}
}
