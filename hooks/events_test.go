package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"warmloop/tests/testapp"
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
