package dashboard_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
)

// An editor's own live preview is not the banner the layout shows on a
// public page previewed for an administrator: before the layout's field
// had a name of its own, the page and variant editors printed their
// preview's whole HTML in a "Preview." banner across the top.
func TestDashboardEditorsShowNoPreviewBanner(t *testing.T) {
	admin := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	for _, s := range []tests.ApiScenario{
		{
			Name: "the page editor shows its preview beside the text, and no banner", Method: http.MethodGet, URL: "/dashboard/pages/landing",
			Headers: admin, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent:    []string{`<div id="preview" class="preview"`},
			NotExpectedContent: []string{`class="preview-banner"`},
		},
		{
			Name: "a new message variant's editor shows no banner", Method: http.MethodGet, URL: "/dashboard/program/variants/new",
			Headers: admin, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent:    []string{`id="variant-preview"`},
			NotExpectedContent: []string{`class="preview-banner"`},
		},
		{
			Name: "a public page previewed for an administrator keeps its banner", Method: http.MethodGet, URL: "/preview/landing",
			Headers: admin, ExpectedStatus: http.StatusOK, TestAppFactory: testapp.Bare,
			ExpectedContent: []string{`<aside class="preview-banner" aria-label="Preview">`},
		},
	} {
		s.Test(t)
	}
}
