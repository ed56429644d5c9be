package dashboard_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// withAsksInTwoLanguages is a program whose asks of the last days were
// written in English (variant "thanks": 7 asks, 3 referred) and German
// ("thanks": 4 asks, 1 referred; "kurz": 2 asks, none referred).
func withAsksInTwoLanguages(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	c := testapp.Customer(t, app, "Lea", "lea@wien.example", nil)
	sent := time.Now().UTC().AddDate(0, 0, -3)
	for _, p := range []struct {
		locale, variant string
		asks, referred  int
	}{{"en", "thanks", 7, 3}, {"de", "thanks", 4, 1}, {"de", "kurz", 2, 0}} {
		for i := range p.asks {
			status := "sent"
			if i < p.referred {
				status = "referred"
			}
			testapp.Save(t, app, "asks", map[string]any{"customer": c.Id, "touch": 1, "status": status, "sent_at": sent,
				"variant": p.variant, "locale": p.locale})
		}
	}
	return app
}

func TestTheOverviewReadsTheMessageVariantsPerLanguage(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	row := func(name string, asks, referred int, yield string) string {
		return `<tr><th scope="row">` + name + `</th><td>` + strconv.Itoa(asks) + `</td><td>` + strconv.Itoa(referred) + `</td><td>` + yield + `</td></tr>`
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "all languages: the variants summed, and a select of the languages the asks used", Method: http.MethodGet,
			URL: "/dashboard?days=30", Headers: session, TestAppFactory: withAsksInTwoLanguages, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"<h3>By message variant</h3>", row("thanks", 11, 4, "36.4%"), row("kurz", 2, 0, "0.0%"),
				`<option value="de">Deutsch (German)</option>`, `<option value="en">English</option>`, `<option value="">All languages</option>`},
		},
		{
			Name: "German alone: only the German asks, counted exactly, and the range's links keep the language", Method: http.MethodGet,
			URL: "/dashboard?days=30&locale=de", Headers: session, TestAppFactory: withAsksInTwoLanguages, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"<h3>By message variant, asks written in Deutsch (German)</h3>", row("thanks", 4, 1, "25.0%"), row("kurz", 2, 0, "0.0%"),
				`<option value="de" selected>`, `href="/dashboard?days=90&amp;locale=de"`, `<input type="hidden" name="locale" value="de">`,
				`<input type="hidden" name="days" value="30">`},
			NotExpectedContent: []string{row("thanks", 11, 4, "36.4%"), row("thanks", 7, 3, "42.9%")},
		},
		{
			Name: "English alone", Method: http.MethodGet,
			URL: "/dashboard?days=30&locale=en", Headers: session, TestAppFactory: withAsksInTwoLanguages, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"<h3>By message variant, asks written in English</h3>", row("thanks", 7, 3, "42.9%")},
			NotExpectedContent: []string{row("kurz", 2, 0, "0.0%")},
		},
		{
			Name: "a language the asks did not use shows them all, and is kept nowhere", Method: http.MethodGet,
			URL: "/dashboard?days=30&locale=%22%3E%3Cscript%3E", Headers: session, TestAppFactory: withAsksInTwoLanguages, ExpectedStatus: http.StatusOK,
			ExpectedContent:    []string{"<h3>By message variant</h3>", row("thanks", 11, 4, "36.4%")},
			NotExpectedContent: []string{"<script>", "locale=%22", " selected>"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
