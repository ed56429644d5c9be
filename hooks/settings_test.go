package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestRESTTheProgramKeepsOneSettingsRecord(t *testing.T) {
	// Every test app is a copy of one template, so its settings record has
	// the same id in all of them.
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/settings/records"
	one := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n, err := app.CountRecords("settings"); err != nil || n != 1 {
			t.Errorf("%d settings records (%v), want 1", n, err)
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "the settings record cannot be deleted, and the answer says what to do", Method: http.MethodDelete,
			URL: records + "/" + s.Id, Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"status":400`, "The program has exactly one settings record: edit it instead."},
			AfterTestFunc:   one,
		},
		{
			Name: "a second settings record cannot be added, and the answer says what to do", Method: http.MethodPost,
			URL: records, Body: strings.NewReader(`{"company_name":"Other","nps_threshold":9}`), Headers: auth,
			ExpectedStatus:  http.StatusBadRequest,
			ExpectedContent: []string{`"status":400`, "The program has exactly one settings record: edit it instead."},
			AfterTestFunc:   one,
		},
	}
	for _, sc := range scenarios {
		sc.TestAppFactory = testapp.Bare
		sc.Test(t)
	}
}

func TestRESTSettingsKeepValuesThatMakeSense(t *testing.T) {
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	record := "/api/collections/settings/records/" + s.Id
	unchanged := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		got, _ := app.FindRecordById("settings", s.Id)
		if got.GetString("sender_address") != s.GetString("sender_address") || got.GetString("webhook_url") != s.GetString("webhook_url") {
			t.Errorf("a refused update was written: %v", got.FieldsData())
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "a sender address that is not an email is refused through the REST API", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"sender_address":"not an address"}`), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"sender_address"`}, AfterTestFunc: unchanged,
		},
		{
			Name: "a webhook URL that is not a web address is refused through the REST API", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"webhook_url":"ftp://crm.example/hook"}`), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"webhook_url"`}, AfterTestFunc: unchanged,
		},
		{
			Name: "a sensible change is saved through the REST API", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"company_name":"Acme Two","webhook_url":"https://crm.example/hook"}`), Headers: auth,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"company_name":"Acme Two"`},
		},
	}
	for _, sc := range scenarios {
		sc.TestAppFactory = testapp.Bare
		sc.Test(t)
	}
}

func TestRESTSettingsTakeAnISOCurrencyAndAnIANATimeZone(t *testing.T) {
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	if s.GetString("currency") != "USD" || s.GetString("timezone") != "UTC" {
		t.Fatalf("a new install has currency %q and zone %q, want USD and UTC", s.GetString("currency"), s.GetString("timezone"))
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	record := "/api/collections/settings/records/" + s.Id
	kept := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		got, _ := app.FindRecordById("settings", s.Id)
		if got.GetString("currency") != "USD" || got.GetString("timezone") != "UTC" {
			t.Errorf("a refused update was written: currency %q, zone %q", got.GetString("currency"), got.GetString("timezone"))
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "an unknown currency code is refused with a message naming the field", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"currency":"ABC"}`), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"currency"`, "ISO 4217"}, AfterTestFunc: kept,
		},
		{
			Name: "an unknown time zone is refused with a message naming the field", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"timezone":"Mars/Olympus_Mons"}`), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"timezone"`, "IANA"}, AfterTestFunc: kept,
		},
		{
			Name: "the server's Local zone is refused: it moves with the machine", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"timezone":"Local"}`), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"timezone"`}, AfterTestFunc: kept,
		},
		{
			Name: "a currency in small letters and a zone are saved as stored", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"currency":"eur","timezone":"Europe/Berlin"}`), Headers: auth,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"currency":"EUR"`, `"timezone":"Europe/Berlin"`},
		},
		{
			Name: "an emptied currency and zone read as the defaults", Method: http.MethodPatch,
			URL: record, Body: strings.NewReader(`{"currency":"","timezone":""}`), Headers: auth,
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"currency":"USD"`, `"timezone":"UTC"`},
		},
	}
	for _, sc := range scenarios {
		sc.TestAppFactory = testapp.Bare
		sc.Test(t)
	}
}
