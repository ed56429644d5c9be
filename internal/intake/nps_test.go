package intake_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"warmloop/internal/intake"
)

func TestParseGeneric(t *testing.T) {
	r, err := intake.ParseNPS("generic", []byte(`{"email":" Ana@Northwind.Example ","name":"Ana","company":"Northwind","score":"9","comment":"ok","id":1042,"occurred_at":"2026-11-20T10:00:00+01:00"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := intake.NPSResponse{Email: "ana@northwind.example", Name: "Ana", Company: "Northwind", Score: 9, Comment: "ok", ID: "1042",
		OccurredAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	if r != want {
		t.Errorf("got %+v\nwant %+v", r, want)
	}
}

func TestParseRefusesBadInputNamingTheField(t *testing.T) {
	cases := []struct{ name, provider, body, field string }{
		{"unknown provider", "surveymonkey", `{}`, "provider"},
		{"not JSON", "generic", `{"email":`, "body"},
		{"score of 11", "generic", `{"email":"a@b.example","score":11,"id":"x"}`, "score"},
		{"score of 9.5", "generic", `{"email":"a@b.example","score":9.5,"id":"x"}`, "score"},
		{"no email", "generic", `{"score":9,"id":"x"}`, "email"},
		{"no id", "generic", `{"email":"a@b.example","score":9}`, "id"},
		{"delighted event of another type", "delighted", `{"event_type":"unsubscribe.created","event_data":{}}`, "event_type"},
		{"typeform without an opinion scale", "typeform", `{"event_type":"form_response","form_response":{"token":"t","answers":[{"type":"email","email":"a@b.example","field":{"type":"email"}}]}}`, "form_response.answers"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := intake.ParseNPS(c.provider, []byte(c.body))
			var fe *intake.FieldError
			if !errors.As(err, &fe) || fe.Field != c.field {
				t.Errorf("error %v, want one about %s", err, c.field)
			}
		})
	}
}

func TestProviderFixturesParse(t *testing.T) {
	cases := []struct {
		provider, file string
		want           intake.NPSResponse
	}{
		{"delighted", "delighted_promoter.json", intake.NPSResponse{Email: "ana.lima@northwind.example", Name: "Ana Lima", Company: "Northwind Logistics",
			Score: 10, Comment: "Onboarding took a week and support is superb.", ID: "51324611", OccurredAt: time.Unix(1794300000, 0).UTC()}},
		{"delighted", "delighted_detractor.json", intake.NPSResponse{Email: "cara.dubois@corvid.example", Name: "Cara Dubois", Company: "Corvid Health",
			Score: 3, Comment: "The last release broke our integration.", ID: "51324613", OccurredAt: time.Unix(1794307200, 0).UTC()}},
		{"typeform", "typeform_promoter.json", intake.NPSResponse{Email: "dan.weber@drumlin.example", Name: "Dan Weber", Company: "Drumlin Energy",
			Score: 9, Comment: "Our board finally trusts the numbers.", ID: "a3f1c9e07b2d4c5e8f60718293a4b5c6",
			OccurredAt: time.Date(2026, 11, 20, 10, 15, 42, 0, time.UTC)}},
		{"typeform", "typeform_passive.json", intake.NPSResponse{Email: "eve.rossi@eastgate.example", Name: "Eve Rossi", Company: "Eastgate Legal",
			Score: 7, Comment: "Does the job; pricing is high.", ID: "b4e2d0f18c3e5d6f9071829304b5c6d7",
			OccurredAt: time.Date(2026, 11, 20, 10, 31, 7, 0, time.UTC)}},
	}
	for _, c := range cases {
		body, err := os.ReadFile("testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := intake.ParseNPS(c.provider, body)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.file, got, c.want)
		}
	}
}
