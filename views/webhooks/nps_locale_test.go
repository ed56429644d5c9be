package webhooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// genericIn is a promoter's generic answer from email, with a locale field.
func genericIn(email, loc string) string {
	return `{"email":"` + email + `","name":"Lea Braun","score":10,"id":"resp-` + email + `","locale":"` + loc + `"}`
}

// expectLocale checks the stored locale of the customer with email and, when
// wantAsk is not empty, the locale of their ask.
func expectLocale(email, want, wantAsk string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := app.FindFirstRecordByData("customers", "email", email)
		if err != nil {
			t.Fatalf("no customer %s: %v", email, err)
		}
		if got := c.GetString("locale"); got != want {
			t.Errorf("%s has locale %q, want %q", email, got, want)
		}
		if wantAsk == "" {
			return
		}
		ask, err := app.FindFirstRecordByData("asks", "customer", c.Id)
		if err != nil {
			t.Fatalf("no ask for %s: %v", email, err)
		}
		if got := ask.GetString("locale"); got != wantAsk {
			t.Errorf("the ask to %s is in %q, want %q", email, got, wantAsk)
		}
	}
}

// withPeople is withSecret with a customer who has no language and one
// who reads French.
func withPeople(t testing.TB) *tests.TestApp {
	app := withSecret(t)
	testapp.Customer(t, app, "No Lang", "nolang@acme.example", nil)
	testapp.Customer(t, app, "Fran Dupont", "fran@acme.example", map[string]any{"locale": "fr"})
	return app
}

func TestGenericNPSWebhookLocale(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "a new customer takes the locale the answer carries, and their ask records the language it is written in", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(genericIn("lea@wien.example", "de_AT")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`},
			// Warmloop ships its ask copy in German, so the ask is written in it.
			AfterTestFunc: expectLocale("lea@wien.example", "de-AT", "de"),
		},
		{
			Name: "an unknown locale leaves the new customer on the program's default", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(genericIn("yui@example.com", "ja")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`}, AfterTestFunc: expectLocale("yui@example.com", "", "en"),
		},
		{
			Name: "a customer without a language takes the tool's", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(genericIn("nolang@acme.example", "nl")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`}, AfterTestFunc: expectLocale("nolang@acme.example", "nl", ""),
		},
		{
			Name: "a customer's own language is kept over the tool's", Method: http.MethodPost,
			URL: "/hooks/nps/generic", Body: strings.NewReader(genericIn("fran@acme.example", "es")), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"asked"`}, AfterTestFunc: expectLocale("fran@acme.example", "fr", ""),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = withPeople
		s.Test(t)
	}
}

// TestProvidersWithoutALanguageFieldReadTheirCustomLocale: AskNicely,
// Survicate and Wootric send no language of their own; each carries the
// person's custom fields, and one named locale (or language) is read.
func TestProvidersWithoutALanguageFieldReadTheirCustomLocale(t *testing.T) {
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	scenarios := []tests.ApiScenario{
		{
			Name: "AskNicely: a contact field named locale", Method: http.MethodPost, URL: "/hooks/nps/asknicely?token=" + npsSecret,
			Body:           strings.NewReader(`{"count":1,"person":{"email":"ana@asknicely.example","name":"Ana","locale":"de-CH"},"question":{"id":"q1","score":"10"}}`),
			ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("ana@asknicely.example", "de-CH", "de"),
		},
		{
			Name: "AskNicely: a contact field named language, when there is no locale", Method: http.MethodPost, URL: "/hooks/nps/asknicely?token=" + npsSecret,
			Body:           strings.NewReader(`{"count":1,"person":{"email":"bo@asknicely.example","language":"fr"},"question":{"id":"q2","score":"10"}}`),
			ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("bo@asknicely.example", "fr", "fr"),
		},
		{
			Name: "Survicate: a respondent attribute named language", Method: http.MethodPost, URL: "/hooks/nps/survicate?token=" + npsSecret,
			Body: strings.NewReader(`{"event":{"questionAnswered":{"responseUuid":"u1","respondent":{"attributes":{"email":"cy@survicate.example","Language":"es"}},` +
				`"choice":{"id":10,"body":"promoter"}}}}`),
			ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("cy@survicate.example", "es", "es"),
		},
		{
			Name: "Wootric JSON: an end-user property named locale", Method: http.MethodPost, URL: "/hooks/nps/wootric?token=" + npsSecret,
			Body: strings.NewReader(`{"response":{"id":7,"email":"di@wootric.example","score":10,"end_user_properties":{"locale":"nl-BE"}},` +
				`"event_name":"created","survey_mode":"NPS"}`),
			ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("di@wootric.example", "nl-BE", "nl"),
		},
		{
			Name: "Wootric form: an end-user property named language", Method: http.MethodPost, URL: "/hooks/nps/wootric?token=" + npsSecret,
			Body:    strings.NewReader(`response[id]=8&response[email]=ed%40wootric.example&response[score]=10&response[end_user_properties][language]=fr_CA&event_name=created`),
			Headers: form, ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("ed@wootric.example", "fr-CA", "fr"),
		},
		{
			Name: "a malformed language is never stored as sent", Method: http.MethodPost, URL: "/hooks/nps/asknicely?token=" + npsSecret,
			Body:           strings.NewReader(`{"count":1,"person":{"email":"fy@asknicely.example","locale":"de\"><script>"},"question":{"id":"q3","score":"10"}}`),
			ExpectedStatus: http.StatusCreated, AfterTestFunc: expectLocale("fy@asknicely.example", "", "en"),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = withSecret
		s.ExpectedContent = []string{`"decision":"asked"`}
		s.Test(t)
	}
}
