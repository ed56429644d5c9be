package intake_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/customers"
	"warmloop/internal/intake"
	"warmloop/internal/metrics"
	"warmloop/internal/program"
	"warmloop/internal/rewards"
	"warmloop/internal/token"
	"warmloop/tests/testapp"
)

// The committer writes past the record layer. Each case records one answer
// twice, alike but for the customer's email domain and the delivery's id:
// once through intake.Record (the record path, every hook bound) and once
// through the committer; every stored column of the customer, the moment,
// the ask, its email and the customer.created event must match, but those
// drawn or stamped anew for every record and those naming the other rows.
func TestTheCommitterStoresWhatTheRecordPathStored(t *testing.T) {
	ago := time.Now().UTC().Add(-3 * 24 * time.Hour).Truncate(time.Millisecond)
	hourAgo := time.Now().UTC().Add(-time.Hour).Truncate(time.Millisecond)
	cases := []struct {
		name     string
		existing map[string]any // nil: a new customer
		m        intake.Moment
		decision string
	}{
		{"a new promoter", nil, intake.Moment{Name: "Pat Lee", Company: "Bench Co", Score: 10, Comment: "Great\x00 work\r\n"}, "asked"},
		{"a new promoter without a name", nil, intake.Moment{Score: 9}, "asked"},
		{"a new detractor", nil, intake.Moment{Name: "Dee Tractor", Score: 2, Comment: "slow"}, "below_threshold"},
		{"a known customer's promoter answer", map[string]any{"company": "Acme"}, intake.Moment{Score: 10}, "asked"},
		{"a known customer asked lately", map[string]any{"last_asked_at": ago, "touch": 1}, intake.Moment{Score: 10}, "cooldown"},
		{"a known customer who opted out", map[string]any{"opted_out": true}, intake.Moment{Score: 10, OccurredAt: ago}, "opted_out"},
	}
	app := testapp.New(t)
	// One first-touch variant, so both paths draw the same copy; an
	// endpoint for the customer.created event.
	if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE WHERE name = 'short'").Execute(); err != nil {
		t.Fatal(err)
	}
	settings, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("webhook_url", "https://hooks.example/warmloop")
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	committer := intake.NewCommitter(app)
	defer committer.Close()

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			local := "pat" + string(rune('a'+i))
			byRecords, byBatch := c.m, c.m
			byRecords.Email, byBatch.Email = local+"@records.example", local+"@batch.example"
			byRecords.Kind, byBatch.Kind = "nps", "nps"
			if c.m.OccurredAt.IsZero() {
				byRecords.OccurredAt, byBatch.OccurredAt = hourAgo, hourAgo
			}
			byRecords.Source, byBatch.Source = "generic", "generic"
			byRecords.ExternalID, byBatch.ExternalID = "r-"+local, "b-"+local
			if c.existing != nil {
				testapp.Customer(t, app, "Ana Lima", byRecords.Email, c.existing)
				testapp.Customer(t, app, "Ana Lima", byBatch.Email, c.existing)
			}
			want, err := intake.Record(app, byRecords)
			if err != nil {
				t.Fatal(err)
			}
			got, err := committer.Record(byBatch)
			if err != nil {
				t.Fatal(err)
			}
			if got.Decision != c.decision || want.Decision != c.decision || got.Duplicate {
				t.Fatalf("decided %+v by the committer, %+v by the record path; want %s", got, want, c.decision)
			}

			customer, wantCustomer := storedRow(t, app, "customers", "email", byBatch.Email), storedRow(t, app, "customers", "email", byRecords.Email)
			if customer["email_key"] != customers.MatchKey(byBatch.Email) {
				t.Errorf("email_key %q, want %q", customer["email_key"], customers.MatchKey(byBatch.Email))
			}
			stamped(t, customer, "created", "updated")
			// An ask's dates are counted from the moment it is decided.
			sameBut(t, "customer", wantCustomer, customer, "id", "email", "email_key", "referral_code", "created", "updated", "last_asked_at", "next_ask_at")
			for _, k := range []string{"last_asked_at", "next_ask_at"} {
				if (customer[k] == "") != (wantCustomer[k] == "") || customer[k] < wantCustomer[k] {
					t.Errorf("customer %s = %q, the record path stores %q, an earlier decision", k, customer[k], wantCustomer[k])
				}
			}
			if len(customer["referral_code"]) != len(wantCustomer["referral_code"]) || !token.Plausible(customer["referral_code"]) {
				t.Errorf("referral_code %q is not drawn like the record path's %q", customer["referral_code"], wantCustomer["referral_code"])
			}

			moment, wantMoment := storedRow(t, app, "moments", "id", got.ID), storedRow(t, app, "moments", "id", want.ID)
			if moment["customer"] != customer["id"] {
				t.Errorf("the moment is of customer %s, want %s", moment["customer"], customer["id"])
			}
			stamped(t, moment, "created", "updated")
			sameBut(t, "moment", wantMoment, moment, "id", "customer", "external_id", "created", "updated")

			if c.existing == nil {
				event, wantEvent := customerEvent(t, app, customer["id"]), customerEvent(t, app, wantCustomer["id"])
				sameBut(t, "customer.created event", wantEvent, event, "id", "payload", "created", "updated", "next_attempt_at")
				sameEvent(t, wantEvent["payload"], event["payload"])
			}

			ask, wantAsk := storedRow(t, app, "asks", "moment", got.ID), storedRow(t, app, "asks", "moment", want.ID)
			if c.decision != "asked" {
				if ask != nil || wantAsk != nil {
					t.Fatalf("an answer decided %s was asked: %v, %v", c.decision, ask, wantAsk)
				}
				return
			}
			for _, k := range []string{"token", "unsubscribe_token"} {
				// The record path's token with the time in front (asks/draw_value.go).
				if len(ask[k]) != 9+len(wantAsk[k]) || !token.Plausible(ask[k]) {
					t.Errorf("ask %s %q is not the record path's kind of token %q with its time in front", k, ask[k], wantAsk[k])
				}
			}
			if ask["customer"] != customer["id"] {
				t.Errorf("the ask is to customer %s, want %s", ask["customer"], customer["id"])
			}
			stamped(t, ask, "created", "updated")
			sameBut(t, "ask", wantAsk, ask, "id", "customer", "moment", "token", "unsubscribe_token", "created", "updated")

			email, wantEmail := storedRow(t, app, "outbox", "ask", ask["id"]), storedRow(t, app, "outbox", "ask", wantAsk["id"])
			if email["to"] != byBatch.Email {
				t.Errorf("email to %q, want %q", email["to"], byBatch.Email)
			}
			var payload, wantPayload map[string]any
			if json.Unmarshal([]byte(email["payload"]), &payload) != nil || json.Unmarshal([]byte(wantEmail["payload"]), &wantPayload) != nil {
				t.Fatalf("payloads %s and %s", email["payload"], wantEmail["payload"])
			}
			if payload["ask"] != ask["id"] {
				t.Errorf("the email's payload carries ask %v, want %s", payload["ask"], ask["id"])
			}
			payload["ask"] = wantAsk["id"]
			if !maps.Equal(payload, wantPayload) {
				t.Errorf("payload %v, want %v", payload, wantPayload)
			}
			stamped(t, email, "created", "updated", "next_attempt_at")
			sameBut(t, "email", wantEmail, email, "id", "ask", "to", "payload", "created", "updated", "next_attempt_at")
		})
	}
}

// customerEvent is the queued customer.created webhook about customer id.
func customerEvent(t *testing.T, app core.App, id string) map[string]string {
	t.Helper()
	m := dbx.NullStringMap{}
	err := app.DB().Select("*").From("outbox").
		Where(dbx.HashExp{"kind": "webhook", "subject": "customer.created"}).
		AndWhere(dbx.Like("payload", id)).Limit(1).One(m)
	if err != nil {
		t.Fatalf("no customer.created event for %s: %v", id, err)
	}
	return plain(m)
}

// sameEvent compares two customer.created payloads but for what differs
// between any two customers and any two events.
func sameEvent(t *testing.T, want, got string) {
	t.Helper()
	read := func(payload string) map[string]any {
		var p struct{ Event, Body string }
		var body struct {
			Type string
			Data struct{ Customer map[string]any }
		}
		if json.Unmarshal([]byte(payload), &p) != nil || json.Unmarshal([]byte(p.Body), &body) != nil {
			t.Fatalf("the event's payload %s", payload)
		}
		c := body.Data.Customer
		for _, k := range []string{"id", "email", "created", "updated", "last_asked_at", "next_ask_at"} {
			if v, ok := c[k]; !ok {
				t.Errorf("the event's customer has no %s: %v", k, c)
			} else {
				c[k] = v != "" // set, or not
			}
		}
		c["event"], c["type"] = p.Event, body.Type
		return c
	}
	if w, g := read(want), read(got); !reflect.DeepEqual(w, g) {
		t.Errorf("event customer %v, the record path's %v", g, w)
	}
}

// storedRow is the first row of table whose column is value, as stored
// text, or nil.
func storedRow(t *testing.T, app core.App, table, column, value string) map[string]string {
	t.Helper()
	m := dbx.NullStringMap{}
	if err := app.DB().Select("*").From(table).Where(dbx.HashExp{column: value}).Limit(1).One(m); err != nil {
		return nil
	}
	return plain(m)
}

// plain is a row's columns as text.
func plain(m dbx.NullStringMap) map[string]string {
	row := make(map[string]string, len(m))
	for k, v := range m {
		row[k] = v.String
	}
	return row
}

// sameBut fails for every column but those named where got differs from want.
func sameBut(t *testing.T, what string, want, got map[string]string, except ...string) {
	t.Helper()
	if want == nil || got == nil {
		t.Fatalf("%s: rows %v and %v", what, want, got)
	}
	for k, w := range want {
		if !strings.Contains(" "+strings.Join(except, " ")+" ", " "+k+" ") && got[k] != w {
			t.Errorf("%s %s = %q, the record path stores %q", what, k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s has %d columns, the record path's %d", what, len(got), len(want))
	}
}

// stamped fails unless each named column holds a date.
func stamped(t *testing.T, row map[string]string, columns ...string) {
	t.Helper()
	for _, c := range columns {
		if d, err := types.ParseDateTime(row[c]); err != nil || d.IsZero() || d.String() != row[c] {
			t.Errorf("%s = %q, want a date as PocketBase stores it", c, row[c])
		}
	}
}

func TestABatchTheCommitterWroteMakesTheFiguresAndTheWallReadAgain(t *testing.T) {
	app := testapp.New(t)
	span := func() (time.Time, time.Time) { return time.Now().Add(-time.Hour), time.Now() }
	before, _, err := metrics.Snapshot(app, "test", span)
	if err != nil {
		t.Fatal(err)
	}
	wall := rewards.WallVersion(app)
	c := intake.NewCommitter(app)
	defer c.Close()
	if _, err := c.Record(intake.Moment{Email: "fig@batch.example", Kind: "nps", Score: 10, Source: "generic", ExternalID: "fig"}); err != nil {
		t.Fatal(err)
	}
	after, stale, err := metrics.Snapshot(app, "test", span)
	if err != nil {
		t.Fatal(err)
	}
	if after.ComputedAt.Equal(before.ComputedAt) && !stale {
		t.Error("the dashboard's figures were kept as they were before the batch")
	}
	if rewards.WallVersion(app) == wall {
		t.Error("the Wall of Thanks was not told its customers changed")
	}
}

// TestTheCommitterDrawsFromTheVariantsAsTheyAreNow keeps the drawable
// variants between batches: an admin who pauses every first-touch variant
// but a new one has the next promoter's ask written in the new one.
func TestTheCommitterDrawsFromTheVariantsAsTheyAreNow(t *testing.T) {
	app := testapp.New(t)
	committer := intake.NewCommitter(app)
	defer committer.Close()
	variantOf := func(email string) string {
		t.Helper()
		res, err := committer.Record(intake.Moment{Email: email, Kind: "nps", Score: 10, Source: "generic", ExternalID: email})
		if err != nil || res.Decision != "asked" {
			t.Fatalf("%s: %+v, %v", email, res, err)
		}
		ask, err := app.FindFirstRecordByData("asks", "moment", res.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ask.GetString("variant")
	}
	if v := variantOf("first@batch.example"); v == "" || v == "fresh" {
		t.Fatalf("the first ask's variant is %q, want one of the demo's", v)
	}
	old, err := app.FindAllRecords("variants", dbx.HashExp{"touch": "first"})
	if err != nil || len(old) == 0 {
		t.Fatalf("%d first-touch variants, %v", len(old), err)
	}
	for _, v := range old {
		v.Set("active", false)
		if err := app.Save(v); err != nil {
			t.Fatal(err)
		}
	}
	coll, err := app.FindCollectionByNameOrId("variants")
	if err != nil {
		t.Fatal(err)
	}
	fresh := core.NewRecord(coll)
	fresh.Load(map[string]any{"name": "fresh", "touch": "first", "subject": "A fresh ask", "body": "Would you introduce us? {{link}}", "weight": 1, "active": true})
	if err := app.Save(fresh); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if v := variantOf(fmt.Sprintf("next%d@batch.example", i)); v != "fresh" {
			t.Fatalf("ask %d after the change was written in %q, want the only drawable variant, fresh", i, v)
		}
	}
}
