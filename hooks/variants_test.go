package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

func TestRESTVariantRules(t *testing.T) {
	auth := map[string]string{"Authorization": testapp.SuperuserToken}
	records := "/api/collections/variants/records"
	scenarios := []tests.ApiScenario{
		{
			Name: "a variant without the link is refused through the REST API", Method: http.MethodPost, URL: records,
			Body:    strings.NewReader(`{"name":"nolink","touch":"first","subject":"Hi","body":"Know anyone?","weight":1,"active":true}`),
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"body":{"code":"missing_link"`, "Put the ask's link in the email"},
		},
		{
			Name: "a variant with the link is created through the REST API", Method: http.MethodPost, URL: records,
			Body:    strings.NewReader(`{"name":"withlink","touch":"first","subject":"Hi","body":"[Introduce someone]({{ link }})","weight":1,"active":true}`),
			Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"name":"withlink"`},
		},
		{
			Name: "the link cannot be taken out of a variant's body", Method: http.MethodPatch, URL: records + "/" + varFree,
			Body: strings.NewReader(`{"body":"Know anyone?"}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"body":{"code":"missing_link"`},
			AfterTestFunc:   expectField("variants", varFree, "body", "[Go]({{link}})"),
		},
		{
			Name: "a variant written without the link cannot be activated", Method: http.MethodPatch, URL: records + "/" + varDormant,
			Body: strings.NewReader(`{"active":true}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"body":{"code":"missing_link"`},
			AfterTestFunc:   expectField("variants", varDormant, "active", false),
		},
		{
			Name: "a variant written without the link can still be deactivated", Method: http.MethodPatch, URL: records + "/" + varLinkless,
			Body: strings.NewReader(`{"active":false}`), Headers: auth, ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"active":false`},
			AfterTestFunc: expectField("variants", varLinkless, "active", false),
		},
		{
			Name: "a used variant cannot be renamed", Method: http.MethodPatch, URL: records + "/" + varUsed,
			Body: strings.NewReader(`{"name":"renamed"}`), Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"name":{"code":"name_frozen"`, "5 asks already recorded the name “tested”", "add a new variant instead"},
			AfterTestFunc:   expectField("variants", varUsed, "name", "tested"),
		},
		{
			Name: "a used variant keeps its name and takes other edits", Method: http.MethodPatch, URL: records + "/" + varUsed,
			Body: strings.NewReader(`{"name":"tested","subject":"A new subject"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"subject":"A new subject"`},
			AfterTestFunc:   expectField("variants", varUsed, "subject", "A new subject"),
		},
		{
			Name: "an unused variant can be renamed", Method: http.MethodPatch, URL: records + "/" + varFree,
			Body: strings.NewReader(`{"name":"spare-v2"}`), Headers: auth, ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"name":"spare-v2"`},
			AfterTestFunc:   expectField("variants", varFree, "name", "spare-v2"),
		},
		{
			Name: "a used variant cannot be deleted", Method: http.MethodDelete, URL: records + "/" + varUsed,
			Headers: auth, ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{"This variant cannot be deleted: 5 asks were made with it", "Deactivate it instead"},
			AfterTestFunc:   expectKept("variants", varUsed),
		},
		{
			Name: "an unused variant is deleted", Method: http.MethodDelete, URL: records + "/" + varFree,
			Headers: auth, ExpectedStatus: http.StatusNoContent, AfterTestFunc: expectGone("variants", varFree),
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = programApp
		s.Test(t)
	}
}
