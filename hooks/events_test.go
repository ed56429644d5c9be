package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

func TestNewCustomersAndRewardsAreSentToTheWebhook(t *testing.T) {
	app := testapp.New(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("webhook_url", "https://crm.example/hook")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	c := newCustomer(t, app, "ana@acme.example", nil)
	tier, _ := app.FindFirstRecordByFilter("tiers", "threshold = 1 && counts = 'referrals'")
	testapp.Save(t, app, "rewards", map[string]any{"referrer": c.Id, "tier": tier.Id, "status": "earned"})

	rows, _ := app.FindAllRecords("outbox", dbx.HashExp{"kind": "webhook"})
	var events []string
	for _, r := range rows {
		events = append(events, r.GetString("subject"))
		if r.GetString("to") != "https://crm.example/hook" || !strings.Contains(r.GetString("payload"), c.Id) {
			t.Errorf("webhook row %v", r.FieldsData())
		}
	}
	if strings.Join(events, ",") != "customer.created,reward.earned" {
		t.Errorf("events %v", events)
	}

	s.Set("webhook_events", []string{"reward.earned"})
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	newCustomer(t, app, "ben@acme.example", nil)
	if n, _ := app.CountRecords("outbox", dbx.HashExp{"kind": "webhook"}); n != 2 {
		t.Errorf("%d webhook rows; customer.created was no longer asked for", n)
	}
}

func TestWebhookBodiesCarryIdsButNoTokensOrCodes(t *testing.T) {
	app := testapp.New(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("webhook_url", "https://crm.example/hook")
	s.Set("nps_secret", "nps-secret")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	post := func(path, contentType, body string, headers map[string]string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode >= 400 {
			t.Fatalf("POST %s answered %d", path, res.StatusCode)
		}
	}
	// A promoter's answer makes the customer and their ask; their
	// introduction makes a referral (and earns the first tier); the referee
	// books.
	post("/hooks/nps/generic", "application/json", `{"email":"ana@northwind.example","name":"Ana Lima","score":10,"id":"r-1"}`,
		map[string]string{"Authorization": "Bearer nps-secret"})
	ask, err := app.FindFirstRecordByFilter("asks", "")
	if err != nil {
		t.Fatal(err)
	}
	post("/r/"+ask.GetString("token"), "application/x-www-form-urlencoded",
		url.Values{"referee_name": {"Jo Bloggs"}, "referee_email": {"jo@fabrikam.example"}, "message": {"Meet Jo."}}.Encode(), nil)
	referral, err := app.FindFirstRecordByFilter("referrals", "")
	if err != nil {
		t.Fatal(err)
	}
	post("/i/"+referral.GetString("code"), "application/x-www-form-urlencoded",
		url.Values{"name": {"Jo Bloggs"}, "email": {"jo@fabrikam.example"}, "preferred_times": {"Tuesday"}}.Encode(), nil)

	ana := webtest.MustAna(t, app)
	secrets := map[string]string{"the ask's token": ask.GetString("token"), "the referral's code": referral.GetString("code"),
		"the referrer's referral_code": ana.GetString("referral_code")}
	rows, _ := app.FindAllRecords("outbox", dbx.HashExp{"kind": "webhook"})
	seen := map[string]bool{}
	for _, r := range rows {
		event := r.GetString("subject")
		seen[event] = true
		var queued struct{ Body string }
		if err := json.Unmarshal([]byte(r.GetString("payload")), &queued); err != nil || queued.Body == "" {
			t.Fatalf("the %s row's payload is not a queued body: %v", event, err)
		}
		for what, value := range secrets {
			if value == "" || strings.Contains(queued.Body, value) {
				t.Errorf("the %s webhook carries %s (%q):\n%s", event, what, value, queued.Body)
			}
		}
		var sent struct{ Data map[string]any }
		if err := json.Unmarshal([]byte(queued.Body), &sent); err != nil {
			t.Fatalf("the %s body is not an event: %v", event, err)
		}
		for name, value := range sent.Data {
			record, ok := value.(map[string]any)
			if !ok {
				continue // previous_status, or an ask the referral has not
			}
			for _, field := range []string{"token", "code", "referral_code"} {
				if _, ok := record[field]; ok {
					t.Errorf("the %s webhook's %s has a %s field", event, name, field)
				}
			}
			if id, _ := record["id"].(string); id == "" {
				t.Errorf("the %s webhook's %s has no id", event, name)
			}
		}
	}
	for _, event := range []string{"customer.created", "referral.created", "referral.status_changed", "referral.booked", "reward.earned"} {
		if !seen[event] {
			t.Errorf("no %s webhook was queued (queued: %v)", event, seen)
		}
	}
	created, _ := app.FindFirstRecordByData("outbox", "subject", "referral.created")
	if body := created.GetString("payload"); !strings.Contains(body, referral.Id) || !strings.Contains(body, ask.Id) || !strings.Contains(body, ana.Id) {
		t.Errorf("referral.created lacks the ids of the referral, its ask and its referrer:\n%s", body)
	}
}
