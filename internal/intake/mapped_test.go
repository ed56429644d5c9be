package intake_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/tests/schemaapp"
)

// acme is an nps source reading /data, keeping only completed responses.
var acme = intake.Source{
	Name: "acme", Kind: "nps", Email: "/data/contact/email", Score: "/data/score",
	Comment: "/data/comment", ExternalID: "/data/id", Time: "/data/at",
	Keep: "/event", KeepValue: "response.completed",
	Auth: intake.AuthToken, Secret: "tok-123456",
}

func TestMappingReadsEachPartThroughItsPointer(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, body, want string
	}{
		{"a whole event maps to its moment",
			`{"event":"response.completed","data":{"id":42,"at":1763900000,"score":"9","comment":"good","contact":{"email":" Ana@X.example "}}}`,
			"ana@x.example nps 9 good 42 2025-11-23T12:13:20Z"},
		{"a time may be RFC 3339 and the comment absent",
			`{"event":"response.completed","data":{"id":"a/b","at":"2026-11-24T09:30:00+01:00","score":10,"contact":{"email":"b@x.example"}}}`,
			"b@x.example nps 10  a/b 2026-11-24T08:30:00Z"},
		{"an event the keep rule leaves out is ignored",
			`{"event":"response.started","data":{}}`, "ignored: /event is \"response.started\", not response.completed"},
		{"no email at its pointer names the field", `{"event":"response.completed","data":{"id":1,"score":9}}`,
			"email: nothing at /data/contact/email"},
		{"a score of 11 names the field", `{"event":"response.completed","data":{"id":1,"score":11,"contact":{"email":"b@x.example"}}}`,
			"score: the value at /data/score must be a whole number from 0 to 10, got \"11\""},
		{"a time that is not one names the field",
			`{"event":"response.completed","data":{"id":1,"at":"soon","score":9,"contact":{"email":"b@x.example"}}}`,
			"occurred_at: the value at /data/at must be an RFC 3339 time such as 2026-11-24T09:30:00Z or Unix seconds, got \"soon\""},
		{"a body that is not JSON says so", `{"event":`, "body: is not valid JSON: unexpected EOF"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := acme.Map([]byte(c.body), now)
			var got string
			switch {
			case err != nil:
				got = err.Error()
			case m.Ignored != "":
				got = "ignored: " + m.Ignored
			default:
				mo := m.Moment
				got = fmt.Sprintf("%s %s %d %s %s %s", mo.Email, mo.Kind, mo.Score, mo.Comment, mo.ExternalID, mo.OccurredAt.Format(time.RFC3339))
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestARedactedBodyMasksEmailsLongTextAndTheSecret(t *testing.T) {
	body := `{"email":"ana.lima@northwind.example","note":"` + strings.Repeat("x", 41) + `","token":"tok-123456","score":9}`
	got := acme.Redact([]byte(body))
	want := `{"email":"•••@northwind.example","note":"[41 characters]","score":9,"token":"[secret]"}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// savedSource saves acme in app, keeping its id.
func savedSource(t *testing.T, app core.App) intake.Source {
	t.Helper()
	coll, err := app.FindCollectionByNameOrId("sources")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(coll)
	for k, v := range map[string]any{"name": acme.Name, "kind": acme.Kind, "email_pointer": acme.Email,
		"score_pointer": acme.Score, "external_id_pointer": acme.ExternalID, "auth": acme.Auth, "secret": acme.Secret} {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	s := acme
	s.ID = r.Id
	return s
}

func TestASourceKeepsItsNewestTwentyDeliveriesRedacted(t *testing.T) {
	app := schemaapp.New(t)
	src := savedSource(t, app)
	for i := range 25 {
		body := fmt.Sprintf(`{"n":%d,"email":"p%d@x.example"}`, i, i)
		if err := intake.LogDelivery(app, src.Inbox(), intake.Delivery{Outcome: intake.OutcomeAccepted, Status: 201, Reason: "ok"}, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := intake.Deliveries(app, src.Inbox())
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := app.CountRecords("source_deliveries"); n != intake.KeptDeliveries || len(got) != intake.KeptDeliveries {
		t.Fatalf("%d stored, %d listed, want %d", n, len(got), intake.KeptDeliveries)
	}
	if got[0].Body != `{"email":"•••@x.example","n":24}` || got[19].Body != `{"email":"•••@x.example","n":5}` {
		t.Errorf("newest %s, oldest kept %s; want 24 and 5, their emails masked", got[0].Body, got[19].Body)
	}
}

func TestAPreviewWritesNothing(t *testing.T) {
	app := schemaapp.New(t)
	body := `{"event":"response.completed","data":{"id":"p-1","at":"2026-11-24T09:30:00Z","score":10,"contact":{"email":"new@x.example"}}}`
	p, err := intake.PreviewSample(app, acme, []byte(body), time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if p.Problem != nil || p.Moment.Email != "new@x.example" || p.Decision != "asked" || p.Known {
		t.Errorf("the preview is %+v, want a promoter Warmloop would ask, not known yet", p)
	}
	for _, table := range []string{"customers", "moments", "asks", "outbox", "source_deliveries"} {
		if n, _ := app.CountRecords(table); n != 0 {
			t.Errorf("the preview wrote %d %s", n, table)
		}
	}
}

func TestEachProviderKeepsItsNewestTwentyDeliveriesApartFromTheSources(t *testing.T) {
	app := schemaapp.New(t)
	src := savedSource(t, app)
	if err := intake.LogDelivery(app, src.Inbox(), intake.Delivery{Outcome: intake.OutcomeAccepted, Status: 201}, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	for i := range 25 {
		body := fmt.Sprintf(`{"n":%d,"note":"signed with whsec_kept_out"}`, i)
		for _, provider := range []string{"stripe", "crm/generic"} {
			if err := intake.LogDelivery(app, intake.ProviderInbox(provider, "whsec_kept_out"),
				intake.Delivery{Outcome: intake.OutcomeRefused, Status: 401, Reason: "stale"}, []byte(body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, provider := range []string{"stripe", "crm/generic"} {
		got, err := intake.Deliveries(app, intake.ProviderInbox(provider))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != intake.KeptDeliveries || got[0].Body != `{"n":24,"note":"signed with [secret]"}` || got[19].Body != `{"n":5,"note":"signed with [secret]"}` {
			t.Errorf("%s keeps %d deliveries, newest %q, oldest %q; want 24 down to 5, the secret masked", provider, len(got), got[0].Body, got[len(got)-1].Body)
		}
	}
	if got, _ := intake.Deliveries(app, src.Inbox()); len(got) != 1 {
		t.Errorf("the source keeps %d deliveries; want its one, untouched by the providers'", len(got))
	}
	if n, _ := app.CountRecords("source_deliveries"); n != 1+2*intake.KeptDeliveries {
		t.Errorf("%d deliveries stored; want %d", n, 1+2*intake.KeptDeliveries)
	}
}
