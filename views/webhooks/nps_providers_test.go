package webhooks_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestProviderFixtures(t *testing.T) {
	cases := []struct {
		provider, file, decision string
		asks                     int
	}{
		{"delighted", "delighted_promoter.json", "asked", 1},
		{"delighted", "delighted_passive.json", "below_threshold", 0},
		{"delighted", "delighted_detractor.json", "below_threshold", 0},
		{"typeform", "typeform_promoter.json", "asked", 1},
		{"typeform", "typeform_passive.json", "below_threshold", 0},
		{"typeform", "typeform_detractor.json", "below_threshold", 0},
	}
	for _, c := range cases {
		body, err := os.ReadFile("../../internal/intake/testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		(&tests.ApiScenario{
			Name: c.provider + " " + c.file, Method: http.MethodPost, URL: "/hooks/nps/" + c.provider,
			Body: strings.NewReader(string(body)), Headers: bearer,
			ExpectedStatus: http.StatusCreated, ExpectedContent: []string{`"decision":"` + c.decision + `"`},
			TestAppFactory: withSecret, AfterTestFunc: expectWritten(1, c.asks, c.asks),
		}).Test(t)
	}
}
