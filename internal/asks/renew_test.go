package asks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/tests/schemaapp"
)

// agedAsk is an ask of customer made age ago, in the variant "reminder".
func agedAsk(t *testing.T, app core.App, customer *core.Record, age time.Duration) *core.Record {
	t.Helper()
	ask := schemaapp.Save(t, app, "asks", map[string]any{"customer": customer.Id, "touch": 2, "status": "sent", "variant": "reminder"})
	made := time.Now().Add(-age).UTC().Format(types.DefaultDateLayout)
	if _, err := app.DB().Update("asks", dbx.Params{"created": made}, dbx.HashExp{"id": ask.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	ask, err := app.FindRecordById("asks", ask.Id)
	if err != nil {
		t.Fatal(err)
	}
	return ask
}

// askEmailsTo counts the ask emails queued to an address.
func askEmailsTo(t *testing.T, app core.App, to string) int {
	t.Helper()
	var n int
	err := app.DB().NewQuery(`SELECT COUNT(*) FROM outbox WHERE "to" = {:to} AND json_extract(payload, '$.template') = 'ask_email'`).
		Bind(dbx.Params{"to": to}).Row(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAFreshLinkIsANewAskEmailedToTheCustomerOnFileAtMostOnceADay(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example",
		map[string]any{"touch": 2, "next_ask_at": "2027-03-01 09:00:00.000Z", "last_asked_at": "2026-01-01 09:00:00.000Z"})
	old := agedAsk(t, app, ana, 100*24*time.Hour)
	older := agedAsk(t, app, ana, 200*24*time.Hour)
	now := time.Now()

	if got, err := asks.Renew(app, old, now); err != nil || got != asks.Renewed {
		t.Fatalf("first request: %v, %v; want renewed", got, err)
	}
	fresh, err := app.FindFirstRecordByData("asks", "renewed_from", old.Id)
	if err != nil {
		t.Fatal("no new ask:", err)
	}
	if fresh.GetString("token") == old.GetString("token") || len(fresh.GetString("token")) != 22 ||
		len(fresh.GetString("unsubscribe_token")) != 22 || fresh.GetString("unsubscribe_token") == fresh.GetString("token") {
		t.Errorf("the new ask's keys: token %q, unsubscribe %q", fresh.GetString("token"), fresh.GetString("unsubscribe_token"))
	}
	if fresh.GetString("status") != asks.Queued || fresh.GetInt("touch") != 2 || fresh.GetString("variant") != "reminder" ||
		fresh.GetString("customer") != ana.Id || fresh.GetString("moment") != "" {
		t.Errorf("the new ask: %v", fresh.FieldsData())
	}
	row, err := app.FindFirstRecordByData("outbox", "ask", fresh.Id)
	if err != nil || row.GetString("to") != "ana@northwind.example" || !strings.Contains(row.GetString("payload"), fresh.Id) {
		t.Errorf("its email: %v, %v", row, err)
	}
	after, _ := app.FindRecordById("customers", ana.Id)
	for _, f := range []string{"touch", "next_ask_at", "last_asked_at"} {
		if after.GetString(f) != ana.GetString(f) {
			t.Errorf("a fresh link moved the cadence: %s %q, was %q", f, after.GetString(f), ana.GetString(f))
		}
	}

	for _, again := range []*core.Record{old, older} {
		if got, err := asks.Renew(app, again, now.Add(time.Hour)); err != nil || got != asks.RenewedRecently {
			t.Errorf("a second request the same day: %v, %v; want renewed_recently", got, err)
		}
	}
	if n := askEmailsTo(t, app, "ana@northwind.example"); n != 1 {
		t.Errorf("%d ask emails after three requests in a day, want 1", n)
	}
	if got, err := asks.Renew(app, older, now.Add(asks.RenewGap+time.Hour)); err != nil || got != asks.Renewed {
		t.Errorf("a request the next day: %v, %v; want renewed", got, err)
	}
}

func TestNoFreshLinkForAnOptedOutCustomerOrALinkStillOpen(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	open := agedAsk(t, app, ana, 10*24*time.Hour)
	if got, err := asks.Renew(app, open, time.Now()); err != nil || got != asks.RenewStillOpen {
		t.Errorf("an open link: %v, %v; want still_open", got, err)
	}
	old := agedAsk(t, app, ana, 100*24*time.Hour)
	ana.Set("opted_out", true)
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	if got, err := asks.Renew(app, old, time.Now()); err != nil || got != asks.RenewOptedOut {
		t.Errorf("an opted-out customer: %v, %v; want opted_out", got, err)
	}
	if n := askEmailsTo(t, app, "ana@northwind.example"); n != 0 {
		t.Errorf("%d ask emails, want none", n)
	}
}

func TestTheLinkLifeIsTheSetting(t *testing.T) {
	app := schemaapp.New(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("ask_link_days", 7)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	week := agedAsk(t, app, ana, 8*24*time.Hour)
	if got, err := asks.Renew(app, week, time.Now()); err != nil || got != asks.Renewed {
		t.Errorf("an 8-day-old link with a 7-day life: %v, %v; want renewed", got, err)
	}
}

func TestTheUnsubscribeKeyAndTheAskTokenOpenOnlyTheirOwnPage(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	ask := agedAsk(t, app, ana, time.Hour)
	tok, unsub := ask.GetString("token"), ask.GetString("unsubscribe_token")
	if got, _, err := asks.FindByUnsubscribeToken(app, unsub); err != nil || got.Id != ask.Id {
		t.Errorf("the unsubscribe key found %v, %v", got, err)
	}
	if _, _, err := asks.FindByUnsubscribeToken(app, tok); err == nil {
		t.Error("the ask's token found the ask as an unsubscribe key")
	}
	if _, _, err := asks.FindByToken(app, unsub); err == nil {
		t.Error("the unsubscribe key found the ask as its token")
	}
}
