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
		{"delighted event of another type", "delighted", `{"event_type":"survey_response.deleted","event_data":{}}`, "event_type"},
		{"asknicely score of 11", "asknicely", `{"count":1,"person":{"email":"a@b.example"},"question":{"id":"1","score":"11"}}`, "question.score"},
		{"asknicely without an email", "asknicely", `{"count":1,"person":{},"question":{"id":"1","score":"9"}}`, "person.email"},
		{"asknicely without a question id", "asknicely", `{"count":1,"person":{"email":"a@b.example"},"question":{"score":"9"}}`, "question.id"},
		{"asknicely count in words", "asknicely", `{"count":"two","person":{"email":"a@b.example"},"question":{"id":"1","score":"9"}}`, "count"},
		{"survicate NPS score of 11", "survicate", `{"event":{"questionAnswered":{"responseUuid":"u","respondent":{"attributes":{"email":"a@b.example"}},"choice":{"id":11,"body":"promoter"}}}}`, "event.questionAnswered.choice.id"},
		{"survicate respondent without an email", "survicate", `{"event":{"questionAnswered":{"responseUuid":"u","respondent":{"attributes":[]},"choice":{"id":9,"body":"promoter"}}}}`, "event.questionAnswered.respondent.attributes.email"},
		{"survicate event of another kind", "survicate", `{"event":{"surveyStarted":{}}}`, "event"},
		{"wootric score of 11", "wootric", `response[id]=1&response[email]=a%40b.example&response[score]=11`, "response[score]"},
		{"wootric without an email", "wootric", `response[id]=1&response[score]=9`, "response[email]"},
		{"wootric event of another type", "wootric", `response[id]=1&response[email]=a%40b.example&response[score]=9&event_name=deleted`, "event_name"},
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
			Score: 10, Comment: "Onboarding took a week and support is superb.", ID: "51324611", OccurredAt: time.Unix(1794300000, 0).UTC(), Revision: 1794300000}},
		{"delighted", "delighted_detractor.json", intake.NPSResponse{Email: "cara.dubois@corvid.example", Name: "Cara Dubois", Company: "Corvid Health",
			Score: 3, Comment: "The last release broke our integration.", ID: "51324613", OccurredAt: time.Unix(1794307200, 0).UTC(), Revision: 1794307200, Locale: "fr-CA"}},
		{"typeform", "typeform_promoter.json", intake.NPSResponse{Email: "dan.weber@drumlin.example", Name: "Dan Weber", Company: "Drumlin Energy",
			Score: 9, Comment: "Our board finally trusts the numbers.", ID: "a3f1c9e07b2d4c5e8f60718293a4b5c6", Locale: "de",
			OccurredAt: time.Date(2026, 11, 20, 10, 15, 42, 0, time.UTC)}},
		{"typeform", "typeform_passive.json", intake.NPSResponse{Email: "eve.rossi@eastgate.example", Name: "Eve Rossi", Company: "Eastgate Legal",
			Score: 7, Comment: "Does the job; pricing is high.", ID: "b4e2d0f18c3e5d6f9071829304b5c6d7", Locale: "nl",
			OccurredAt: time.Date(2026, 11, 20, 10, 31, 7, 0, time.UTC)}},
		{"asknicely", "asknicely_promoter.json", intake.NPSResponse{Email: "ana.lima@northwind.example", Name: "Ana Lima",
			Score: 10, Comment: "Onboarding took a week and support is superb.", ID: "345094", OccurredAt: time.Unix(1794300000, 0).UTC(), Revision: 1}},
		{"asknicely", "asknicely_detractor.json", intake.NPSResponse{Email: "cara.dubois@corvid.example", Name: "Cara Dubois",
			Score: 3, Comment: "The last release broke our integration.", ID: "345096", OccurredAt: time.Unix(1794307200, 0).UTC(), Revision: 1}},
		{"survicate", "survicate_promoter.json", intake.NPSResponse{Email: "ana.lima@northwind.example", Name: "Ana Lima", Company: "Northwind Logistics",
			Score: 10, Comment: "Onboarding took a week and support is superb.", ID: "3fa85f64-5717-4562-b3fc-2c963f66afa6", OccurredAt: time.Unix(1794300000, 0).UTC()}},
		{"survicate", "survicate_detractor.json", intake.NPSResponse{Email: "cara.dubois@corvid.example", Name: "Cara Dubois", Company: "Corvid Health",
			Score: 3, Comment: "The last release broke our integration.", ID: "5b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", OccurredAt: time.Unix(1794307200, 0).UTC()}},
		{"wootric", "wootric_promoter.form", intake.NPSResponse{Email: "ana.lima@northwind.example", Company: "Northwind Logistics",
			Score: 10, Comment: "Onboarding took a week and support is superb.", ID: "1128", OccurredAt: time.Unix(1794300000, 0).UTC(), Revision: 1794300000000}},
		{"wootric", "wootric_detractor.form", intake.NPSResponse{Email: "cara.dubois@corvid.example", Company: "Corvid Health",
			Score: 3, Comment: "The last release broke our integration.", ID: "1130", OccurredAt: time.Unix(1794307200, 0).UTC(), Revision: 1794307200000}},
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

func TestProvidersIgnoreDeliveriesThatAreNotAnNPSAnswer(t *testing.T) {
	cases := []struct{ name, provider, body string }{
		{"a Delighted unsubscribe", "delighted", `{"event_type":"unsubscribe.created","event_data":{}}`},
		{"a Survicate answer to a rating question", "survicate", `{"event":{"questionAnswered":{"responseUuid":"u","respondent":{"attributes":{"email":"a@b.example"}},"choice":{"id":201139,"body":"Great"}}}}`},
		{"a Survicate text answer", "survicate", `{"event":{"questionAnswered":{"responseUuid":"u","respondent":{"attributes":{"email":"a@b.example"}},"text":"fine"}}}`},
		{"a Survicate survey completed", "survicate", `{"event":{"surveyCompleted":{"responseUuid":"u"}}}`},
		{"a Wootric decline", "wootric", `decline[id]=19&decline[email]=a%40b.example&event_name=created`},
		{"a Wootric CSAT survey", "wootric", `response[id]=1&response[email]=a%40b.example&response[score]=4&survey_mode=CSAT`},
		{"a Wootric decline as JSON", "wootric", `{"decline":{"id":19,"email":"a@b.example"},"event_name":"created"}`},
	}
	for _, c := range cases {
		_, err := intake.ParseNPS(c.provider, []byte(c.body))
		var ign *intake.Ignored
		if !errors.As(err, &ign) {
			t.Errorf("%s: error %v, want it ignored", c.name, err)
		}
	}
}

func TestWootricJSONBodyReadsAsTheForm(t *testing.T) {
	body := `{"response":{"id":1128,"email":"ana.lima@northwind.example","score":10,"text":"Onboarding took a week and support is superb.",
		"end_user_properties":{"company":"Northwind Logistics"},"created_at":"2026-11-10T08:40:00.000+00:00","updated_at":"2026-11-10T08:40:00.000+00:00"},
		"event_name":"created","survey_mode":"NPS"}`
	form, err := os.ReadFile("testdata/wootric_promoter.form")
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := intake.ParseNPS("wootric", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	fromForm, err := intake.ParseNPS("wootric", form)
	if err != nil {
		t.Fatal(err)
	}
	if fromJSON != fromForm {
		t.Errorf("JSON %+v\nform %+v", fromJSON, fromForm)
	}
}
