package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/customers"
	"warmloop/tests/testapp"
)

// customerLocale checks the locale stored for the customer with email.
func customerLocale(email, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		c, err := customers.FindByEmail(app, email)
		if err != nil {
			t.Fatalf("no customer %s: %v", email, err)
		}
		if got := c.GetString("locale"); got != want {
			t.Errorf("%s has locale %q, want %q", email, got, want)
		}
	}
}

func TestRESTCustomerLocaleIsStoredInOneFormOrEmptied(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	const url = "/api/collections/customers/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "a regional tag is stored as it is written", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Lea Braun","email":"lea@wien.example","locale":"de-AT"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":"de-AT"`},
			AfterTestFunc: customerLocale("lea@wien.example", "de-AT"),
		},
		{
			Name: "a tag in another case and with an underscore is stored in its one form", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Luc Roy","email":"luc@quebec.example","locale":"FR_ca"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":"fr-CA"`},
			AfterTestFunc: customerLocale("luc@quebec.example", "fr-CA"),
		},
		{
			Name: "a malformed tag is stored empty, for the program's default, not as given", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Xan Doe","email":"xan@example.com","locale":"xx-!!"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":""`},
			AfterTestFunc: customerLocale("xan@example.com", ""),
		},
		{
			Name: "a language Warmloop does not ship is stored empty", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Yui Sato","email":"yui@example.com","locale":"ja"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":""`},
			AfterTestFunc: customerLocale("yui@example.com", ""),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.Bare
		s.Test(t)
	}
}

func TestRESTSettingsDefaultLocaleMustBeShipped(t *testing.T) {
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	record := "/api/collections/settings/records/" + s.Id
	scenarios := []tests.ApiScenario{
		{
			Name: "an unknown default language is refused on its field", Method: http.MethodPatch, URL: record,
			Body: strings.NewReader(`{"default_locale":"klingon"}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"default_locale":{"code":"validation_settings"`, "Choose the default language from the list: en, de, fr, es, nl"},
			AfterTestFunc:   expectField("settings", s.Id, "default_locale", "en"),
		},
		{
			Name: "a regional default is stored as the shipped language", Method: http.MethodPatch, URL: record,
			Body: strings.NewReader(`{"default_locale":"de-AT"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"default_locale":"de"`},
			AfterTestFunc:   expectField("settings", s.Id, "default_locale", "de"),
		},
	}
	for _, sc := range scenarios {
		sc.TestAppFactory = testapp.Bare
		sc.Test(t)
	}
}

func TestRESTPagesAreWrittenOncePerShippedLocale(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	const url = "/api/collections/pages/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "a German landing page is added beside the English one", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"slug":"landing","locale":"de","title":"Willkommen","body":"Hallo"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":"de"`, `"slug":"landing"`},
		},
		{
			Name: "a page in a regional tag is written in its shipped language", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"slug":"landing","locale":"nl-BE","title":"Welkom","body":"Hallo"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":"nl"`},
		},
		{
			Name: "a page sent without a locale is English", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"slug":"faq","title":"FAQ","body":"Answers"}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"locale":"en"`},
		},
		{
			Name: "a second English landing page is refused on the slug, not as a bare UNIQUE failure", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"slug":"landing","title":"Again","body":"Again"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"slug":{"code":"validation_slug_taken"`, `There is already a page \"landing\" written in English`},
		},
		{
			Name: "a page in a language Warmloop does not ship is refused on the locale", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"slug":"landing","locale":"ja","title":"Yokoso","body":"Konnichiwa"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"locale":{"code":"validation_locale"`, "Warmloop is written in en, de, fr, es, nl"},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = englishPagesOnly
		s.Test(t)
	}
}

func TestRESTVariantsAreNamedOncePerShippedLocale(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/variants/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "a variant of the same name in German is added beside the English one", Method: http.MethodPost, URL: records,
			Body:    strings.NewReader(`{"name":"tested","locale":"de-AT","touch":"first","subject":"Hallo","body":"[Los]({{link}})","weight":1,"active":true}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"name":"tested"`, `"locale":"de"`},
		},
		{
			Name: "a variant sent without a locale is English, and its name is taken there", Method: http.MethodPost, URL: records,
			Body:    strings.NewReader(`{"name":"tested","touch":"first","subject":"Hi","body":"[Go]({{link}})","weight":1,"active":true}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"name":{"code":"validation_name_taken"`, `There is already a variant \"tested\" written in English`},
		},
		{
			Name: "a variant in an unknown locale is refused on the locale", Method: http.MethodPost, URL: records,
			Body:    strings.NewReader(`{"name":"other","locale":"xx-!!","touch":"first","subject":"Hi","body":"[Go]({{link}})","weight":1,"active":true}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"locale":{"code":"validation_locale"`},
		},
		{
			Name: "a used variant cannot move to another language", Method: http.MethodPatch, URL: records + "/" + varUsed,
			Body: strings.NewReader(`{"locale":"fr"}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"locale":{"code":"locale_frozen"`, "Add a variant in that language instead"},
			AfterTestFunc:   expectField("variants", varUsed, "locale", "en"),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = programApp
		s.Test(t)
	}
}

// englishPagesOnly is a bare app whose pages are the English ones alone,
// so a test may add a page in another language the program ships.
func englishPagesOnly(t testing.TB) *tests.TestApp {
	app := testapp.Bare(t)
	if _, err := app.DB().NewQuery("DELETE FROM pages WHERE locale != 'en'").Execute(); err != nil {
		t.Fatal(err)
	}
	return app
}
