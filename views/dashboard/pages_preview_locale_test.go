package dashboard_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

func TestAnEmailPreviewInAnotherLanguageHasThatLanguagesFooterAndUnsubscribeWords(t *testing.T) {
	session := map[string]string{"Cookie": "warmloop_session=" + testapp.SuperuserToken}
	htmx := pagesPostHeaders()
	german := []string{"Sie erhalten diese E-Mail, weil Sie Kunde von Acme sind.", "Diese E-Mails abbestellen"}
	english := []string{"You are receiving this because you are a customer of", "Unsubscribe from these emails"}
	scenarios := []tests.ApiScenario{
		{
			Name: "the German ask email's editor previews it with the German footer", Method: http.MethodGet,
			URL: "/dashboard/pages/ask_email?locale=de", Headers: session, TestAppFactory: testapp.Bare,
			ExpectedStatus: http.StatusOK, ExpectedContent: german, NotExpectedContent: english,
		},
		{
			Name: "the preview of what is typed in German has the German footer and unsubscribe words", Method: http.MethodPost,
			URL:     "/dashboard/pages/ask_email/preview?locale=de",
			Body:    webtest.Form(url.Values{"title": {"Hallo {{first_name}}"}, "body": {"Kennen Sie jemanden? [Vorstellen]({{link}})"}}),
			Headers: htmx, TestAppFactory: testapp.Bare,
			ExpectedStatus: http.StatusOK, ExpectedContent: append([]string{"Hallo Dana"}, german...), NotExpectedContent: english,
		},
		{
			Name: "the English ask email still previews in English", Method: http.MethodGet,
			URL: "/dashboard/pages/ask_email", Headers: session, TestAppFactory: testapp.Bare,
			ExpectedStatus: http.StatusOK, ExpectedContent: english, NotExpectedContent: german,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
