package dashboard_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/demo"
	"warmloop/internal/program"
	"warmloop/tests/testapp"
)

// TestDashboardShowsDatesInTheProgramsZoneAndSumsInItsCurrency opens the
// demo's overview and referral board with the program in yen and Tokyo's
// zone, and again in the defaults: every sum carries the currency's sign,
// and the time the figures were read is Tokyo's.
func TestDashboardShowsDatesInTheProgramsZoneAndSumsInItsCurrency(t *testing.T) {
	demoIn := func(currency, zone string) func(testing.TB) *tests.TestApp {
		return func(t testing.TB) *tests.TestApp {
			app := testapp.Bare(t)
			if _, err := demo.Seed(app, time.Now()); err != nil {
				t.Fatal(err)
			}
			r, err := program.Record(app)
			if err != nil {
				t.Fatal(err)
			}
			r.Set("currency", currency)
			r.Set("timezone", zone)
			if err := app.Save(r); err != nil {
				t.Fatal(err)
			}
			return app
		}
	}
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	scenarios := []tests.ApiScenario{
		{
			Name: "the overview in yen and Tokyo's zone", Method: http.MethodGet, URL: "/dashboard?days=365", Headers: session,
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`<p class="value">¥`, "Pipeline generated per week, in JPY", " JST", "Pipeline (JPY)"},
			NotExpectedContent: []string{`<p class="value">$`, " UTC<"},
			TestAppFactory:     demoIn("JPY", "Asia/Tokyo"),
		},
		{
			Name: "the referral board in yen", Method: http.MethodGet, URL: "/dashboard/referrals", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`<p class="meta">Won ¥`},
			NotExpectedContent: []string{`<p class="meta">Won $`},
			TestAppFactory:     demoIn("JPY", "Asia/Tokyo"),
		},
		{
			Name: "the overview in the defaults: dollars and UTC", Method: http.MethodGet, URL: "/dashboard?days=365", Headers: session,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`<p class="value">$`, " UTC"},
			NotExpectedContent: []string{"¥", " JST"},
			TestAppFactory:     demoIn("USD", "UTC"),
		},
	}
	for _, sc := range scenarios {
		sc.Test(t)
	}
}
