package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// goodSource is a valid mapped source as a REST API body, with fields
// replaced by over (a nil value drops the field).
func goodSource(over map[string]any) *strings.Reader {
	fields := map[string]any{
		"name": "acme-crm", "kind": "nps", "email_pointer": "/data/contact/email",
		"score_pointer": "/data/score", "external_id_pointer": "/data/id",
		"auth": "hmac", "auth_header": "X-Acme-Signature", "hmac_encoding": "hex", "secret": "s3cret",
	}
	for k, v := range over {
		if v == nil {
			delete(fields, k)
		} else {
			fields[k] = v
		}
	}
	var b strings.Builder
	b.WriteString("{")
	first := true
	for k, v := range fields {
		if !first {
			b.WriteString(",")
		}
		first = false
		b.WriteString(`"` + k + `":"` + v.(string) + `"`)
	}
	b.WriteString("}")
	return strings.NewReader(b.String())
}

// acmeID is the id of the source withAcme holds.
const acmeID = "srcacmehook0001"

// withAcme is a test app that has the source acme-crm already.
func withAcme(t testing.TB) *tests.TestApp {
	app := testapp.New(t)
	testapp.Save(t, app, "sources", map[string]any{
		"id": acmeID, "name": "acme-crm", "kind": "renewal", "email_pointer": "/email", "external_id_pointer": "/id",
		"auth": "token", "secret": "abc",
	})
	return app
}

func TestRESTRefusesABadMappedSource(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	url := "/api/collections/sources/records"
	refused := func(name string, over map[string]any, want ...string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: url, Headers: auth, Body: goodSource(over),
			ExpectedStatus: http.StatusBadRequest, ExpectedContent: want,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords("sources"); n != 0 {
					t.Errorf("%d sources saved, want none", n)
				}
			},
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name: "a valid source is saved", Method: http.MethodPost, URL: url,
			Headers: auth, Body: goodSource(nil), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"name":"acme-crm"`},
			ExpectedEvents:  map[string]int{"OnRecordCreate": 1},
		},
		refused("a name that is not a slug is refused", map[string]any{"name": "Acme CRM"}, `"name":{"code":"invalid_source"`, "lower-case letters"),
		refused("a reserved name is refused", map[string]any{"name": "stripe"}, `"name":`, "kept for a built-in integration"),
		refused("an NPS provider's name is refused", map[string]any{"name": "delighted"}, `"name":`, "kept for a built-in integration"),
		refused("a pointer without its leading slash is refused", map[string]any{"email_pointer": "data/email"}, `"email_pointer":`, "starts with a slash"),
		refused("an nps source without a score pointer is refused", map[string]any{"score_pointer": nil}, `"score_pointer":`, "Is required"),
		refused("a renewal source with a score pointer is refused", map[string]any{"kind": "renewal"}, `"score_pointer":`, "Only an nps source reads a score"),
		refused("a kind the schema lacks is refused", map[string]any{"kind": "party"}, `"kind":`),
		refused("HMAC without a secret is refused", map[string]any{"secret": nil}, `"secret":`, "The secret is required"),
		refused("HMAC without a header is refused", map[string]any{"auth_header": nil}, `"auth_header":`),
		refused("HMAC without an encoding is refused", map[string]any{"hmac_encoding": nil}, `"hmac_encoding":`),
		refused("a keep value without its pointer is refused", map[string]any{"keep_value": "done"}, `"keep_pointer":`),
		refused("a keep pointer without its value is refused", map[string]any{"keep_pointer": "/event"}, `"keep_value":`),
		{
			Name: "a second source of the same name is refused", Method: http.MethodPost, URL: url,
			Headers: auth, Body: goodSource(nil), ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"name":`},
			TestAppFactory:  withAcme,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords("sources"); n != 1 {
					t.Errorf("%d sources, want the first alone", n)
				}
			},
		},
	}
	for _, s := range scenarios {
		if s.TestAppFactory == nil {
			s.TestAppFactory = testapp.New
		}
		s.Test(t)
	}
}

func TestRESTASourceThatMadeMomentsKeepsItsName(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	withMoment := func(t testing.TB) *tests.TestApp {
		app := withAcme(t)
		ana := testapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
		testapp.Save(t, app, "moments", map[string]any{"customer": ana.Id, "kind": "renewal", "source": "acme-crm",
			"external_id": "inv-1", "occurred_at": "2026-11-20 10:00:00.000Z"})
		return app
	}
	rename := func(name string, factory func(testing.TB) *tests.TestApp, status int, want ...string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPatch, URL: "/api/collections/sources/records/" + acmeID, Headers: auth,
			Body: strings.NewReader(`{"name":"acme-billing"}`), ExpectedStatus: status, ExpectedContent: want, TestAppFactory: factory,
		}
	}
	scenarios := []tests.ApiScenario{
		rename("a source that made a moment cannot be renamed", withMoment, http.StatusBadRequest, `"name":`, "Moments came from acme-crm (1 so far)"),
		rename("a source without moments can be renamed", withAcme, http.StatusOK, `"name":"acme-billing"`),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestALoggedDeliveryNamesExactlyOneOfASourceAndAProvider(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	url := "/api/collections/source_deliveries/records"
	delivery := func(name string, owner string, status int, want string, stored int64) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: url, Headers: auth,
			Body:           strings.NewReader(`{"outcome":"refused","status":401` + owner + `}`),
			ExpectedStatus: status, ExpectedContent: []string{want}, TestAppFactory: withAcme,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n, _ := app.CountRecords("source_deliveries"); n != stored {
					t.Errorf("%d deliveries stored, want %d", n, stored)
				}
			},
		}
	}
	scenarios := []tests.ApiScenario{
		delivery("a provider's delivery is kept", `,"provider":"stripe"`, http.StatusOK, `"provider":"stripe"`, 1),
		delivery("a source's delivery is kept", `,"source":"`+acmeID+`"`, http.StatusOK, `"source":"`+acmeID+`"`, 1),
		delivery("a delivery of neither is refused", ``, http.StatusBadRequest, "names the source or the provider", 0),
		delivery("a delivery of both is refused", `,"source":"`+acmeID+`","provider":"stripe"`, http.StatusBadRequest, "not both", 0),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
