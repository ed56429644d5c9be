package asks_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"warmloop/internal/asks"
	"warmloop/tests/schemaapp"
)

// BenchmarkCadencePass100kCustomers10kDue times one cadence pass over a
// generated program of 100,000 customers, all in the cadence, of whom
// 10,000 are due (ns/op the time, cpu-ms/op the processor time of the
// whole process):
//
//	go test -run '^$' -bench CadencePass -benchtime 3x -benchmem ./internal/asks/
func BenchmarkCadencePass100kCustomers10kDue(b *testing.B) {
	benchPass(b, 100_000, 100_000, 10_000)
}

// BenchmarkCadencePass100kCustomers1kDue is the pass above with a tenth as
// many due: it should take about a tenth as long.
func BenchmarkCadencePass100kCustomers1kDue(b *testing.B) {
	benchPass(b, 100_000, 100_000, 1_000)
}

// BenchmarkCadencePass1MCustomers10kDue is a pass over ten times as many
// customers with the same 10,000 due, 100,000 in the cadence and 900,000
// outside it (no next ask): it should take as long as a pass over 100,000.
// Building its fixture takes a while.
func BenchmarkCadencePass1MCustomers10kDue(b *testing.B) {
	benchPass(b, 1_000_000, 100_000, 10_000)
}

// benchPass times passes over customers of whom enrolled have a next ask
// and due of those are due: every (customers/due)-th customer is due, every
// other (customers/enrolled)-th is due in a month, the rest are outside the
// cadence.
func benchPass(b *testing.B, customers, enrolled, due int) {
	app := schemaapp.New(b)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	past := now.Add(-time.Hour).Format("2006-01-02 15:04:05.000Z")
	future := now.Add(30 * 24 * time.Hour).Format("2006-01-02 15:04:05.000Z")
	insertCustomers(b, app, customers, past, func(i int) string {
		switch {
		case i%(customers/due) == 0:
			return past
		case i%(customers/enrolled) == 0:
			return future
		}
		return ""
	})
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
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		reset()
		b.StartTimer()
		start := cpuTime()
		rep, err := asks.RunCadence(app, now)
		cpu += cpuTime() - start
		if err != nil || rep.Asked != due {
			b.Fatalf("pass: %+v, %v", rep, err)
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the processor time the process has used, user and system: on
// a machine shared with other work it varies less than the time a pass
// takes, which counts the waits for a core too.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
