package outbox_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/outbox"
	"warmloop/tests/schemaapp"
)

// saveRow writes an outbox row with the given id and fields.
func saveRow(t *testing.T, app core.App, id string, fields map[string]any) {
	t.Helper()
	row := map[string]any{"id": id, "kind": "email", "to": id + "@x.example", "payload": map[string]any{"template": "ask_email"}}
	for k, v := range fields {
		row[k] = v
	}
	schemaapp.Save(t, app, "outbox", row)
}

// idsOf lists the ids of rows, in order.
func idsOf(rows []outbox.Row) []string {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestTheWaitingBoxHoldsRowsBeingSentSoonestDueFirst(t *testing.T) {
	app := schemaapp.New(t)
	now := time.Now().UTC()
	saveRow(t, app, "laterpending001", map[string]any{"status": "pending", "next_attempt_at": now.Add(2 * time.Hour)})
	saveRow(t, app, "sendingnow00001", map[string]any{"status": "sending", "next_attempt_at": now})
	saveRow(t, app, "soonpending0001", map[string]any{"status": "pending", "next_attempt_at": now.Add(time.Hour)})
	saveRow(t, app, "failedrow000001", map[string]any{"status": "failed"})
	rows, err := outbox.FindRows(app, outbox.Waiting, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := idsOf(rows), []string{"sendingnow00001", "soonpending0001", "laterpending001"}; !slices.Equal(got, want) {
		t.Errorf("waiting rows %v, want %v", got, want)
	}
	page, err := outbox.FindRows(app, outbox.Waiting, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := idsOf(page); !slices.Equal(got, []string{"soonpending0001"}) {
		t.Errorf("the second page of one row is %v", got)
	}
}

func TestTheFailedBoxListsTheLatestFailureFirstAndTheSentBoxTheNewest(t *testing.T) {
	app := schemaapp.New(t)
	saveRow(t, app, "failedfirst0001", map[string]any{"status": "failed"})
	saveRow(t, app, "failedsecond001", map[string]any{"status": "failed"})
	saveRow(t, app, "sentfirst000001", map[string]any{"status": "sent"})
	saveRow(t, app, "sentsecond00001", map[string]any{"status": "sent"})
	time.Sleep(5 * time.Millisecond)
	first, err := app.FindRecordById("outbox", "failedfirst0001")
	if err != nil {
		t.Fatal(err)
	}
	first.Set("attempts", 8) // it failed again, after the other
	if err := app.Save(first); err != nil {
		t.Fatal(err)
	}
	failed, err := outbox.FindRows(app, outbox.Failed, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := idsOf(failed), []string{"failedfirst0001", "failedsecond001"}; !slices.Equal(got, want) {
		t.Errorf("failed rows %v, want %v", got, want)
	}
	sent, err := outbox.FindRows(app, outbox.Sent, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := idsOf(sent), []string{"sentsecond00001", "sentfirst000001"}; !slices.Equal(got, want) {
		t.Errorf("sent rows %v, want %v", got, want)
	}
}

func TestCountBoxesCountsARowBeingSentAsWaitingAndOneKindAlone(t *testing.T) {
	app := schemaapp.New(t)
	saveRow(t, app, "pendingemail001", map[string]any{"status": "pending"})
	saveRow(t, app, "sendingemail001", map[string]any{"status": "sending"})
	saveRow(t, app, "failedemail0001", map[string]any{"status": "failed"})
	saveRow(t, app, "pendinghook0001", map[string]any{"kind": "webhook", "to": "https://crm.example/", "status": "pending"})
	saveRow(t, app, "senthook0000001", map[string]any{"kind": "webhook", "to": "https://crm.example/", "status": "sent"})
	all, err := outbox.CountBoxes(app, "")
	if err != nil {
		t.Fatal(err)
	}
	if all[outbox.Waiting] != 3 || all[outbox.Failed] != 1 || all[outbox.Sent] != 1 {
		t.Errorf("every kind: %v", all)
	}
	emails, err := outbox.CountBoxes(app, "email")
	if err != nil {
		t.Fatal(err)
	}
	if emails[outbox.Waiting] != 2 || emails[outbox.Failed] != 1 || emails[outbox.Sent] != 0 {
		t.Errorf("emails: %v", emails)
	}
}

func TestLastSentIsTheLatestOfItsKindAndZeroWhenNoneWent(t *testing.T) {
	app := schemaapp.New(t)
	if at, err := outbox.LastSent(app, "email"); err != nil || !at.IsZero() {
		t.Fatalf("with nothing sent: %v, %v", at, err)
	}
	saveRow(t, app, "sentearlier0001", map[string]any{"status": "sent", "sent_at": "2026-11-20 09:00:00.000Z"})
	saveRow(t, app, "sentlater000001", map[string]any{"status": "sent", "sent_at": "2026-11-24 15:04:05.000Z"})
	saveRow(t, app, "senthook0000001", map[string]any{"kind": "webhook", "to": "https://crm.example/", "status": "sent",
		"sent_at": "2026-12-01 00:00:00.000Z"})
	at, err := outbox.LastSent(app, "email")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 24, 15, 4, 5, 0, time.UTC); !at.Time().Equal(want) {
		t.Errorf("last email sent at %v, want %v", at, want)
	}
}

func TestOnlyAFailedRowThatWasNotCancelledMayBeRetried(t *testing.T) {
	app := schemaapp.New(t)
	saveRow(t, app, "failedemail0001", map[string]any{"status": "failed", "last_error": "550 no such user"})
	saveRow(t, app, "cancelledemail1", map[string]any{"status": "failed", "last_error": "cancelled: the person declined"})
	saveRow(t, app, "pendingemail001", map[string]any{"status": "pending"})
	for id, want := range map[string]error{"failedemail0001": nil, "cancelledemail1": outbox.ErrCancelled, "pendingemail001": outbox.ErrNotFailed} {
		row, err := outbox.FindRow(app, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := outbox.CheckRetry(row); !errors.Is(err, want) {
			t.Errorf("%s: CheckRetry = %v, want %v", id, err, want)
		}
	}
	ids, err := outbox.RetryableIDs(app)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{"failedemail0001"}) {
		t.Errorf("retryable rows %v, want only the failed email", ids)
	}
}

func TestRetryAllPutsBackEveryFailedRowButTheCancelled(t *testing.T) {
	app := schemaapp.New(t)
	saveRow(t, app, "failedemail0001", map[string]any{"status": "failed", "attempts": 8, "last_error": "550 no such user"})
	saveRow(t, app, "failedhook00001", map[string]any{"kind": "webhook", "to": "https://crm.example/", "status": "failed", "attempts": 8})
	saveRow(t, app, "cancelledemail1", map[string]any{"status": "failed", "last_error": "cancelled: the person declined"})
	n, err := outbox.RetryAll(app)
	if err != nil || n != 2 {
		t.Fatalf("RetryAll = %d, %v; want 2", n, err)
	}
	for id, want := range map[string]string{"failedemail0001": "pending", "failedhook00001": "pending", "cancelledemail1": "failed"} {
		r, err := app.FindRecordById("outbox", id)
		if err != nil {
			t.Fatal(err)
		}
		if r.GetString("status") != want || (want == "pending" && r.GetInt("attempts") != 0) {
			t.Errorf("%s is %s after %d attempts, want %s", id, r.GetString("status"), r.GetInt("attempts"), want)
		}
	}
	if n, err := outbox.RetryAll(app); err != nil || n != 0 {
		t.Errorf("a second RetryAll = %d, %v; want nothing to do", n, err)
	}
}
