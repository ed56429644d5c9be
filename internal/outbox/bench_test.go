package outbox_test

import (
	"fmt"
	"testing"
	"time"

	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/mail"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

// BenchmarkOutboxAgainstBareSMTPLoop delivers 500 queued ask emails through
// the outbox worker to a local SMTP sink, beside a bare loop that sends the
// same 500 messages to the same sink, in the same run:
//
//	go test -run '^$' -bench OutboxAgainstBare -benchtime 1x ./internal/outbox/
func BenchmarkOutboxAgainstBareSMTPLoop(b *testing.B) {
	const count = 500
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		app := schemaapp.New(b)
		sink := smtptest.Start(b)
		for n := 0; n < count; n++ {
			c := schemaapp.Customer(b, app, fmt.Sprintf("Person %d", n), fmt.Sprintf("p%d@bench.example", n), nil)
			decideRenewal(b, app, c, "bench") // the moment, the ask and its email
		}
		rows, err := app.FindAllRecords("outbox")
		if err != nil || len(rows) != count {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
		var msgs []*pbmailer.Message
		for _, r := range rows {
			m, err := mail.Compose(app, r)
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
		if err != nil || rep.Sent != count {
			b.Fatalf("worker: %+v, %v", rep, err)
		}
		if got := len(sink.Messages()); got != 2*count {
			b.Fatalf("the sink got %d messages, want %d", got, 2*count)
		}
		bareRate := count / bareTime.Seconds()
		workerRate := count / workerTime.Seconds()
		b.ReportMetric(bareRate, "bare-emails/s")
		b.ReportMetric(workerRate, "outbox-emails/s")
		b.ReportMetric(workerRate/bareRate, "ratio")
	}
}
