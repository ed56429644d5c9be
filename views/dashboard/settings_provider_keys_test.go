package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/program"
)

// The NPS tools' own keys settProviderKeysApp stores.
const (
	settSurvicateKey = "survicate-signing-7c1e"
	settAskNicelyKey = "asknicely-token-93ab"
)

// settProviderKeysApp is settApp on https://refer.acme.example, with
// Survicate's and AskNicely's own keys set and the others empty.
func settProviderKeysApp(t testing.TB) *tests.TestApp {
	app := linksApp("https://refer.acme.example")(t)
	r, err := app.FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	r.Set("survicate_secret", settSurvicateKey)
	r.Set("asknicely_secret", settAskNicelyKey)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return app
}

func TestDashboardSettingsShowsEachNPSToolsURLAndWhereItsKeyGoes(t *testing.T) {
	base := "https://refer.acme.example/hooks/nps/"
	scenarios := []tests.ApiScenario{
		{
			Name:   "a tool with its own signing key gets a URL without a token; one without keeps the NPS secret's token; AskNicely's own key is its token",
			Method: http.MethodGet, URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			TestAppFactory: settProviderKeysApp,
			ExpectedContent: []string{
				`value="` + base + `survicate" readonly`,
				`value="` + base + `wootric?token=` + settNPSSecret + `" readonly`,
				`value="` + base + `delighted?token=` + settNPSSecret + `" readonly`,
				`value="` + base + `asknicely?token=` + settAskNicelyKey + `" readonly`,
				`name="survicate_secret" type="password"`, `name="wootric_secret" type="password"`,
				`name="delighted_secret" type="password"`, `name="asknicely_secret" type="password"`,
				"copy the Signing Secret shown there into the field below",
				`<summary>Show the AskNicely key`,
			},
			NotExpectedContent: []string{settSurvicateKey, settWebhookSecret},
		},
		{
			Name:   "a typed provider key is saved, an empty one keeps the stored key, a ticked box clears another",
			Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(), ExpectedStatus: http.StatusSeeOther,
			Body:           settValid(url.Values{"wootric_secret": {"wootric-webhook-key-1"}, "survicate_secret": {""}, "asknicely_secret_clear": {"on"}}),
			TestAppFactory: settProviderKeysApp,
			AfterTestFunc: settExpect(func(s program.Settings) bool {
				return s.NPSKey("wootric") == "wootric-webhook-key-1" && s.NPSKey("survicate") == settSurvicateKey &&
					s.NPSKey("asknicely") == settNPSSecret && s.NPSKey("delighted") == settNPSSecret
			}, "wootric's key saved, survicate's kept, asknicely's cleared back to the NPS secret"),
		},
		{
			Name:   "a short provider key is refused beside its field",
			Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(), ExpectedStatus: http.StatusUnprocessableEntity,
			Body:            settValid(url.Values{"delighted_secret": {"short"}}),
			TestAppFactory:  settProviderKeysApp,
			ExpectedContent: []string{`id="delighted_secret-error"`, "at least 12 characters"},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
