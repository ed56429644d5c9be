package asks_test

import (
	"encoding/json"
	"maps"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/token"
	"warmloop/tests/schemaapp"
)

// The pass writes its asks, emails and cadence state in batches, past the
// record layer. Each case moves two customers alike but for their email:
// one as the pass did before (asks.TouchThroughRecords: a record save each)
// and one by the pass; their stored rows must match in every column but
// those that are drawn or stamped anew for every record.
func TestAPassStoresWhatTheRecordPathStored(t *testing.T) {
	cases := []struct {
		name     string
		touch    int
		optedOut bool
		asked    bool
	}{
		{"a follow-up", 1, false, true},
		{"the first touch of a new cycle", 0, false, true},
		{"the last touch of the cycle", 2, false, true},
		{"a spent cycle rests", 3, false, false},
		{"an opted-out customer rests", 1, true, false},
	}
	app := schemaapp.New(t)
	// One variant per touch, so both paths draw the same copy.
	if _, err := app.DB().NewQuery("UPDATE variants SET active = FALSE WHERE name = 'short'").Execute(); err != nil {
		t.Fatal(err)
	}
	now := t0.Add(42 * day)
	type pair struct{ byRecords, byPass *core.Record }
	pairs := make([]pair, len(cases))
	for i, c := range cases {
		fields := map[string]any{"company": "Acme", "touch": c.touch, "opted_out": c.optedOut,
			"next_ask_at": now.Add(-time.Hour), "last_asked_at": t0, "last_happy_at": t0}
		pairs[i] = pair{
			schemaapp.Customer(t, app, "Ana Lima", "ana"+string(rune('a'+i))+"@acme.example", fields),
			schemaapp.Customer(t, app, "Ana Lima", "ana"+string(rune('a'+i))+"@beta.example", fields),
		}
	}
	const longAgo = "2025-01-01 00:00:00.000Z"
	if _, err := app.DB().NewQuery("UPDATE customers SET updated = '" + longAgo + "'").Execute(); err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if err := asks.TouchThroughRecords(app, p.byRecords.Id, now); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := asks.RunCadence(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(cases); rep.Asked+rep.Rested != want {
		t.Fatalf("the pass moved %+v, want the %d customers the record path left due", rep, want)
	}

	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pairs[i]
			want, got := storedRow(t, app, "customers", "id", p.byRecords.Id), storedRow(t, app, "customers", "id", p.byPass.Id)
			if got["updated"] == longAgo || want["updated"] == longAgo {
				t.Errorf("updated: %s by the pass, %s by the records: both should be stamped by the save", got["updated"], want["updated"])
			}
			sameBut(t, "customer", want, got, "id", "email", "referral_code", "created", "updated")

			ask, wantAsk := storedRow(t, app, "asks", "customer", p.byPass.Id), storedRow(t, app, "asks", "customer", p.byRecords.Id)
			if !c.asked {
				if ask != nil || wantAsk != nil {
					t.Fatalf("a resting customer was asked: %v, %v", ask, wantAsk)
				}
				return
			}
			if len(ask["id"]) != len(wantAsk["id"]) {
				t.Errorf("ask id %q is not drawn like the record path's %q", ask["id"], wantAsk["id"])
			}
			for _, k := range []string{"token", "unsubscribe_token"} {
				// The record path's token with the time in front (draw_value.go).
				if len(ask[k]) != 9+len(wantAsk[k]) || !token.Plausible(ask[k]) {
					t.Errorf("ask %s %q is not the record path's kind of token %q with its time in front", k, ask[k], wantAsk[k])
				}
			}
			stamped(t, ask, "created", "updated")
			sameBut(t, "ask", wantAsk, ask, "id", "customer", "token", "unsubscribe_token", "created", "updated")

			email, wantEmail := storedRow(t, app, "outbox", "ask", ask["id"]), storedRow(t, app, "outbox", "ask", wantAsk["id"])
			if email["to"] != p.byPass.GetString("email") {
				t.Errorf("email to %q, want the customer's %q", email["to"], p.byPass.GetString("email"))
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

// storedRow is the first row of table whose column is value, as stored
// text, or nil.
func storedRow(t *testing.T, app core.App, table, column, value string) map[string]string {
	t.Helper()
	m := dbx.NullStringMap{}
	err := app.DB().Select("*").From(table).Where(dbx.HashExp{column: value}).Limit(1).One(m)
	if err != nil {
		return nil
	}
	return plain(m)
}

// sameBut fails for every column but those named where got differs from want.
func sameBut(t *testing.T, what string, want, got map[string]string, except ...string) {
	t.Helper()
	if want == nil || got == nil {
		t.Fatalf("%s: rows %v and %v", what, want, got)
	}
	for k, w := range want {
		if !contains(except, k) && got[k] != w {
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

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
