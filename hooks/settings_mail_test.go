package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/program"
	"warmloop/tests/testapp"
)

// mailSettingsCheck checks PocketBase's own settings after a request.
func mailSettingsCheck(check func(t testing.TB, app *tests.TestApp)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) { check(t, app) }
}

func TestRESTSavingTheSettingsWritesPocketBasesMailSettings(t *testing.T) {
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	record := "/api/collections/settings/records/" + s.Id
	withSMTPAndAddress := func(t testing.TB) *tests.TestApp {
		app := testapp.Bare(t)
		r, _ := app.FindRecordById("settings", s.Id)
		r.Set("smtp_host", "smtp.example.net")
		r.Set("smtp_port", 587)
		r.Set("app_url", "https://refer.acme.example")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return app
	}
	withSMTPTested := func(t testing.TB) *tests.TestApp {
		app := withSMTPAndAddress(t)
		r, _ := app.FindRecordById("settings", s.Id)
		r.Set("smtp_tested_at", "2026-11-23 10:00:00.000Z")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return app
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "an SMTP server and a sender saved through the REST API become PocketBase's mail settings", Method: http.MethodPatch,
			URL: record, Headers: auth, TestAppFactory: testapp.Bare,
			Body: strings.NewReader(`{"smtp_host":" mail.acme.example ","smtp_port":465,"smtp_username":"postmaster",
				"smtp_password":"p4ss word","smtp_tls":true,"sender_name":"Ana at Acme","sender_address":"ana@acme.example",
				"app_url":"https://refer.acme.example/"}`),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"smtp_host":"mail.acme.example"`, `"app_url":"https://refer.acme.example"`},
			AfterTestFunc: mailSettingsCheck(func(t testing.TB, app *tests.TestApp) {
				smtp, meta := app.Settings().SMTP, app.Settings().Meta
				if !smtp.Enabled || smtp.Host != "mail.acme.example" || smtp.Port != 465 || smtp.Username != "postmaster" ||
					smtp.Password != "p4ss word" || !smtp.TLS {
					t.Errorf("PocketBase's SMTP settings: %+v", smtp)
				}
				if meta.SenderName != "Ana at Acme" || meta.SenderAddress != "ana@acme.example" || meta.AppURL != "https://refer.acme.example" {
					t.Errorf("PocketBase's sender and URL: %+v", meta)
				}
				if got := program.BaseURL(app); got != "https://refer.acme.example" {
					t.Errorf("links start with %q", got)
				}
			}),
		},
		{
			Name: "saving an empty SMTP host turns SMTP off", Method: http.MethodPatch,
			URL: record, Headers: auth, TestAppFactory: withSMTPAndAddress,
			Body: strings.NewReader(`{"smtp_host":""}`), ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"smtp_host":""`},
			AfterTestFunc: mailSettingsCheck(func(t testing.TB, app *tests.TestApp) {
				if app.Settings().SMTP.Enabled {
					t.Errorf("SMTP is still on: %+v", app.Settings().SMTP)
				}
			}),
		},
		{
			Name: "clearing the Application URL gives PocketBase back its default, so links fall back to what is known", Method: http.MethodPatch,
			URL: record, Headers: auth, TestAppFactory: withSMTPAndAddress,
			Body: strings.NewReader(`{"app_url":""}`), ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"app_url":""`},
			AfterTestFunc: mailSettingsCheck(func(t testing.TB, app *tests.TestApp) {
				if got := app.Settings().Meta.AppURL; got != program.DefaultAppURL {
					t.Errorf("PocketBase's Application URL is %q", got)
				}
				if !app.Settings().SMTP.Enabled {
					t.Error("a save that left SMTP alone turned it off")
				}
			}),
		},
		{
			Name: "a new SMTP server has not been tested: the time of the last test email is cleared", Method: http.MethodPatch,
			URL: record, Headers: auth, TestAppFactory: withSMTPTested,
			Body: strings.NewReader(`{"smtp_host":"other.example.net"}`), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"smtp_tested_at":""`},
		},
		{
			Name: "a save that leaves the SMTP server alone keeps the time of the last test email", Method: http.MethodPatch,
			URL: record, Headers: auth, TestAppFactory: withSMTPTested,
			Body: strings.NewReader(`{"company_name":"Acme Two"}`), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"smtp_tested_at":"2026-11-23 10:00:00.000Z"`},
		},
		{
			Name: "a change made in PocketBase's own settings comes back into the settings record", Method: http.MethodPatch,
			URL: "/api/settings", Headers: auth, TestAppFactory: testapp.Bare,
			Body: strings.NewReader(`{"smtp":{"enabled":true,"host":"relay.acme.example","port":2525,"username":"u","password":"pw"},
				"meta":{"appName":"Acme","appURL":"https://go.acme.example","senderName":"Acme","senderAddress":"hello@acme.example"}}`),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"host":"relay.acme.example"`},
			AfterTestFunc: mailSettingsCheck(func(t testing.TB, app *tests.TestApp) {
				r, _ := app.FindRecordById("settings", s.Id)
				if r.GetString("smtp_host") != "relay.acme.example" || r.GetInt("smtp_port") != 2525 || r.GetString("smtp_username") != "u" ||
					r.GetString("smtp_password") != "pw" || r.GetString("app_url") != "https://go.acme.example" ||
					r.GetString("sender_name") != "Acme" || r.GetString("sender_address") != "hello@acme.example" {
					t.Errorf("the settings record: %v", r.FieldsData())
				}
			}),
		},
	}
	for _, sc := range scenarios {
		sc.Test(t)
	}
}

func TestRESTSettingsRefuseAnAddressOrMailServerThatCannotWork(t *testing.T) {
	s, err := testapp.New(t).FindFirstRecordByFilter("settings", "")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	cases := []struct{ name, body, field, message string }{
		{"an SMTP port above 65535", `{"smtp_host":"smtp.example.net","smtp_port":70000}`, "smtp_port", "from 1 to 65535"},
		{"an SMTP host without its port", `{"smtp_host":"smtp.example.net","smtp_port":0}`, "smtp_port", "from 1 to 65535"},
		{"an SMTP host with a scheme", `{"smtp_host":"smtp://smtp.example.net"}`, "smtp_host", "without smtp://"},
		{"an SMTP host with its port", `{"smtp_host":"smtp.example.net:587"}`, "smtp_host", "the port goes in its own field"},
		{"an Application URL with a path", `{"app_url":"https://acme.example/refer"}`, "app_url", "without a path"},
		{"an Application URL with a query", `{"app_url":"https://acme.example?x=1"}`, "app_url", "without a path or a ?query"},
		{"an Application URL without a scheme", `{"app_url":"acme.example"}`, "app_url", "starting with https://"},
		{"a two-line company line", `{"what_we_do":"We help.\nA lot."}`, "what_we_do", "one line"},
	}
	for _, c := range cases {
		sc := tests.ApiScenario{
			Name: c.name + " is refused, naming the field", Method: http.MethodPatch,
			URL: "/api/collections/settings/records/" + s.Id, Body: strings.NewReader(c.body), Headers: auth,
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"` + c.field + `"`, c.message},
			TestAppFactory: testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				r, _ := app.FindRecordById("settings", s.Id)
				if r.GetString("smtp_host") != "" || r.GetString("app_url") != "" || r.GetString("what_we_do") != "" {
					t.Errorf("a refused update was written: %v", r.FieldsData())
				}
				body, _ := io.ReadAll(res.Body)
				var answer struct{ Data map[string]any }
				if err := json.Unmarshal(body, &answer); err != nil || len(answer.Data) != 1 {
					t.Errorf("want one field named, got %s", body)
				}
			},
		}
		sc.Test(t)
	}
}
