package asks_test

import (
	"fmt"
	"testing"
	"time"

	"warmloop/internal/asks"
	"warmloop/tests/schemaapp"
)

// BenchmarkCadencePass100kCustomers10kDue times one cadence pass over a
// generated program of 100,000 customers of whom 10,000 are due:
//
//	go test -run '^$' -bench CadencePass -benchtime 3x -benchmem ./internal/asks/
func BenchmarkCadencePass100kCustomers10kDue(b *testing.B) {
	const customers, due = 100_000, 10_000
	app := schemaapp.New(b)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	past := now.Add(-time.Hour).Format("2006-01-02 15:04:05.000Z")
	future := now.Add(30 * 24 * time.Hour).Format("2006-01-02 15:04:05.000Z")

	// The fixture goes in with plain SQL: 100,000 saves through the record
	// layer would take longer than the pass being measured.
	insert := "INSERT INTO customers (id, name, email, source, referral_code, touch, next_ask_at, created, updated) VALUES "
	for start := 0; start < customers; start += 500 {
		q := insert
		for i := start; i < start+500; i++ {
			next := future
			if i%(customers/due) == 0 {
				next = past
			}
			if i > start {
				q += ","
			}
			q += fmt.Sprintf("('c%014d','Customer %d','c%d@bench.example','import','code%018d',1,'%s','%s','%s')", i, i, i, i, next, past, past)
		}
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			b.Fatal(err)
		}
	}
	reset := func() {
		for _, q := range []string{
			"DELETE FROM outbox", "DELETE FROM asks",
			fmt.Sprintf("UPDATE customers SET touch = 1, next_ask_at = '%s' WHERE CAST(substr(id, 2) AS INTEGER) %% %d = 0", past, customers/due),
		} {
			if _, err := app.DB().NewQuery(q).Execute(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		reset()
		b.StartTimer()
		rep, err := asks.RunCadence(app, now)
		if err != nil || rep.Asked != due {
			b.Fatalf("pass: %+v, %v", rep, err)
		}
	}
}
