package outbox_test

import (
	"fmt"
	"testing"
	"time"

	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/asks"
	"warmloop/internal/smtptest"
	"warmloop/internal/testapp"
)

// BenchmarkOutboxAgainstBareSMTPLoop delivers 500 queued ask emails through
// the outbox worker to a local SMTP sink, beside a bare loop that sends the
// same 500 messages to the same sink, in the same run:
//
//	go test -run '^$' -bench OutboxAgainstBare -benchtime 1x ./internal/outbox/
func BenchmarkOutboxAgainstBareSMTPLoop(b *testing.B) {
	const emails = 500
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		app := testapp.New(b)
		sink := smtptest.Start(b)
		for n := 0; n < emails; n++ {
			c := testapp.Customer(b, app, fmt.Sprintf("Person %d", n), fmt.Sprintf("p%d@bench.example", n), nil)
			testapp.Save(b, app, "moments", map[string]any{"customer": c.Id, "kind": "renewal", "source": "bench", "occurred_at": time.Now()})
		}
		rows, err := app.FindAllRecords("outbox")
		if err != nil || len(rows) != emails {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
		var msgs []*pbmailer.Message
		for _, r := range rows {
			m, err := asks.ComposeEmail(app, r)
			if err != nil {
				b.Fatal(err)
			}
			msgs = append(msgs, m)
		}
		client := func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }
		b.StartTimer()

		start := time.Now()
		bare := client()
		for _, m := range msgs {
			if err := bare.Send(m); err != nil {
				b.Fatal(err)
			}
		}
		bareTime := time.Since(start)

		start = time.Now()
		w := worker(app, sink, time.Now)
		w.Mailer = client
		rep, err := w.DeliverDue()
		workerTime := time.Since(start)
		if err != nil || rep.Sent != emails {
			b.Fatalf("worker: %+v, %v", rep, err)
		}
		if got := len(sink.Messages()); got != 2*emails {
			b.Fatalf("the sink got %d messages, want %d", got, 2*emails)
		}
		bareRate := emails / bareTime.Seconds()
		workerRate := emails / workerTime.Seconds()
		b.ReportMetric(bareRate, "bare-emails/s")
		b.ReportMetric(workerRate, "outbox-emails/s")
		b.ReportMetric(workerRate/bareRate, "ratio")
	}
}
