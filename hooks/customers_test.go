package hooks_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/customers"
	"warmloop/tests/testapp"
)

// customerHas fails t unless the customer with email has source and
// source_detail.
func customerHas(t testing.TB, app *tests.TestApp, email, source, detail string) {
	t.Helper()
	c, err := customers.FindByEmail(app, email)
	if err != nil {
		t.Fatalf("no customer %s: %v", email, err)
	}
	if c.GetString("source") != source || c.GetString("source_detail") != detail {
		t.Errorf("%s has source %q and source_detail %q, want %q and %q",
			email, c.GetString("source"), c.GetString("source_detail"), source, detail)
	}
}

// multipartCustomer is a customer sent as multipart/form-data (an HTML
// form, curl -F, the SDK given a FormData): the body and its headers.
func multipartCustomer(t testing.TB, fields map[string]string) (*bytes.Buffer, map[string]string) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	return &body, map[string]string{"Authorization": testapp.SuperuserToken, "Content-Type": w.FormDataContentType()}
}

func TestRESTCustomerSource(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	const url = "/api/collections/customers/records"
	form, formHeaders := multipartCustomer(t, map[string]string{"name": "Fay Form", "email": "fay@form.example"})
	scenarios := []tests.ApiScenario{
		{
			Name: "the official SDK's minimal create, name and email only, makes a direct customer", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Ana Lima","email":"Ana@Northwind.example"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"direct"`, `"email":"ana@northwind.example"`, `"source_detail":""`},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				customerHas(t, app, "ana@northwind.example", "direct", "")
			},
		},
		{
			Name: "a create that sends every field with the source empty makes a direct customer", Method: http.MethodPost, URL: url,
			Body: strings.NewReader(`{"id":"","name":"Bo Admin","email":"bo@admin.example","company":"","title":"","source":"",
				"source_detail":"","opted_out":false,"referral_code":"","next_ask_at":"","last_asked_at":"","touch":0,
				"last_happy_at":"","wall_opt_in":false,"referred_by":"","created":"","updated":""}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"direct"`},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				customerHas(t, app, "bo@admin.example", "direct", "")
			},
		},
		{
			Name: "the admin UI's create, which sends only the fields filled in, makes a direct customer", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"id":"","name":"Cam Admin","email":"cam@admin.example"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"direct"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a customer posted as a multipart form without a source is direct", Method: http.MethodPost, URL: url,
			Body: form, Headers: formHeaders, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"direct"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a source given through the REST API is kept", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Cy Ref","email":"cy@ref.example","source":"referral"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"referral"`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "an integration's own name for where the customer came from is kept in source_detail", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Di Hub","email":"di@hub.example","source_detail":"hubspot"}`),
			Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"source":"direct"`, `"source_detail":"hubspot"`},
			TestAppFactory:  testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				customerHas(t, app, "di@hub.example", "direct", "hubspot")
			},
		},
		{
			Name: "an unknown source is refused with the sources allowed and where the value belongs", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Ed Hub","email":"ed@hub.example","source":"hubspot"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"source":{`, "Must be one of direct, referral, import.", "source_detail"},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a source_detail over 200 characters is refused on its field", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Flo Long","email":"flo@long.example","source_detail":"` + strings.Repeat("x", 201) + `"}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"source_detail":{`},
			TestAppFactory:  testapp.Bare,
		},
		{
			Name: "a customer with neither name nor email is refused naming those two, not the source", Method: http.MethodPost, URL: url,
			Body: strings.NewReader(`{}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent:    []string{`"name":{"code":"validation_required"`, `"email":{"code":"validation_required"`},
			NotExpectedContent: []string{`"source"`},
			TestAppFactory:     testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestClearingAnExistingCustomersSourceIsRefused(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Customer(t, app, "Gil Kept", "gil@kept.example", map[string]any{"source": "referral"})
	c.Set("source", "")
	if err := app.Save(c); err == nil || !strings.Contains(err.Error(), "source") {
		t.Errorf("clearing an existing customer's source was not refused on source: %v", err)
	}
}

func TestCustomerCreatedInGoWithoutASourceIsDirect(t *testing.T) {
	app := testapp.New(t)
	c, err := customers.Create(app, customers.Person{Name: "Hal Go", Email: "hal@go.example"})
	if err != nil {
		t.Fatalf("a customer without a source was refused: %v", err)
	}
	if got, _ := app.FindRecordById("customers", c.Id); got.GetString("source") != "direct" {
		t.Errorf("source %q, want direct", got.GetString("source"))
	}
}

func TestRESTCustomerTagsAreKeptCleanOrRefused(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	const url = "/api/collections/customers/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "tags sent through the API are stored trimmed, lower-case and once each", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Ana Lima","email":"ana@northwind.example","tags":[" Pilot","pilot","EMEA"]}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"tags":["pilot","emea"]`},
			TestAppFactory: testapp.Bare,
		},
		{
			Name: "a tag longer than 30 characters is refused and nothing is saved", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Ana Lima","email":"ana@northwind.example","tags":["` + strings.Repeat("x", 31) + `"]}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"tags"`, "Keep a tag under 31 characters."},
			TestAppFactory: testapp.Bare,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords("customers"); n != 0 {
					t.Errorf("%d customers saved", n)
				}
			},
		},
		{
			Name: "tags that are not a list of words are refused", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"name":"Ana Lima","email":"ana@northwind.example","tags":{"a":1}}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"tags"`, "list of short words"},
			TestAppFactory: testapp.Bare,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
