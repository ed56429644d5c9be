package main

import (
	"fmt"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/hooks"
	"warmloop/tests/smtptest"
)

// TestEndToEndOutboxSurvivesSIGKILLMidDelivery starts the real binary with
// 500 pending emails and a slow SMTP server, kills it with SIGKILL while it
// is delivering, starts it again, and checks every email arrived, with at
// most the rows that were in flight (one batch) sent twice.
func TestEndToEndOutboxSurvivesSIGKILLMidDelivery(t *testing.T) {
	bin := buildBinary(t)
	const emails, batch = 500, 100
	sink := smtptest.Start(t)
	sink.Delay.Store(int64(8 * time.Millisecond))

	// A data directory with the migrations, SMTP pointed at the sink, and
	// 500 promoters, each with a queued ask email.
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	hooks.Register(app)
	customers, _ := app.FindCollectionByNameOrId("customers")
	moments, _ := app.FindCollectionByNameOrId("moments")
	for i := range emails {
		c := core.NewRecord(customers)
		c.Set("name", fmt.Sprintf("Person %d", i))
		c.Set("email", fmt.Sprintf("p%d@crash.example", i))
		c.Set("source", "import")
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
		m := core.NewRecord(moments)
		m.Set("customer", c.Id)
		m.Set("kind", "renewal")
		m.Set("source", "test")
		m.Set("occurred_at", time.Now())
		if err := app.Save(m); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := app.CountRecords("outbox"); n != emails {
		t.Fatalf("%d pending emails, want %d", n, emails)
	}
	settings := app.Settings()
	settings.SMTP.Enabled = true
	settings.SMTP.Host = sink.Host
	settings.SMTP.Port = sink.Port
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	dir := app.DataDir()
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}

	start := func() (*exec.Cmd, *syncBuffer) {
		var logs syncBuffer
		cmd := exec.Command(bin, "serve", "--dir", dir, "--http", fmt.Sprintf("127.0.0.1:%d", freePort(t)))
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &logs
	}
	waitFor := func(what string, logs *syncBuffer, ok func(n int) bool) {
		deadline := time.Now().Add(60 * time.Second)
		for !ok(len(sink.Messages())) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the sink has %d messages after 60s\n%s", what, len(sink.Messages()), logs.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	first, logs := start()
	waitFor("first run", logs, func(n int) bool { return n >= 150 })
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	killedAt := len(sink.Messages())
	if killedAt >= emails {
		t.Fatalf("all %d emails were sent before the kill; the test proves nothing", killedAt)
	}

	second, logs := start()
	unique := func() int {
		seen := map[string]bool{}
		for _, m := range sink.Messages() {
			seen[m.To[0]] = true
		}
		return len(seen)
	}
	waitFor("after the restart", logs, func(int) bool { return unique() == emails })
	_ = second.Process.Signal(syscall.SIGTERM)
	_ = second.Wait()

	got := sink.Messages()
	dupes := len(got) - emails
	t.Logf("killed after %d messages; %d messages in all for %d emails (%d sent twice)", killedAt, len(got), emails, dupes)
	if dupes > batch {
		t.Errorf("%d emails were sent twice, more than the %d a batch can hold in flight", dupes, batch)
	}

	check, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Cleanup()
	if n, _ := check.CountRecords("outbox", dbx.HashExp{"status": "sent"}); n != emails {
		t.Errorf("%d outbox rows are sent, want all %d", n, emails)
	}
	if n, _ := check.CountRecords("asks", dbx.HashExp{"status": "sent"}); n != emails {
		t.Errorf("%d asks are sent, want all %d", n, emails)
	}
}
