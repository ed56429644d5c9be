// Package outbox delivers what Warmloop sends: every email and every webhook
// is a row written in the same transaction as the change that caused it
// (queue.go). One loop (Loop) delivers the rows of a kind through its
// sender: SMTP for email (worker.go), a signed HTTP POST for webhooks
// (webhooks.go). Nothing else talks to SMTP. What follows a delivery
// elsewhere is the caller's, through an OnOutcome callback: the outbox reads
// and writes no collection but its own.
package outbox

import (
	"context"
	"math"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Sender delivers rows of one kind.
type Sender interface {
	// Kind is the kind of row it sends: "email" or "webhook".
	Kind() string
	// Ready reports whether it can send now; when not, due rows wait untouched.
	Ready() bool
	// Send delivers rows, in order, and answers an error per row: nil when
	// the row was delivered.
	Send(ctx context.Context, rows []*core.Record) []error
}

// OnOutcome is called, in the transaction that records it, when a row ends
// "sent" or "failed" (after its last attempt); never for a retry. An error
// rolls the outcome back.
type OnOutcome func(tx core.App, row *core.Record, status string, at time.Time) error

// Loop delivers the due rows of its sender's kind, with retries and backoff.
type Loop struct {
	App         core.App
	Sender      Sender
	Batch       int              // rows read at a time; default 100
	InFlight    int              // rows marked sending and handed over together; default Batch
	MaxAttempts int              // then the row is failed; default 8
	Now         func() time.Time // default: time.Now
	OnOutcome   OnOutcome        // optional
}

// Report says what one pass did.
type Report struct {
	Sent, Retried, Failed int
}

// Backoff is the wait before attempt n+1 after n failed attempts:
// one minute, doubling, at most six hours.
func Backoff(attempts int) time.Duration {
	d := time.Duration(math.Pow(2, float64(attempts-1))) * time.Minute
	if attempts < 1 {
		d = time.Minute
	}
	return min(d, 6*time.Hour)
}

func (l *Loop) defaults() {
	if l.Batch == 0 {
		l.Batch = 100
	}
	if l.InFlight == 0 {
		l.InFlight = l.Batch
	}
	if l.MaxAttempts == 0 {
		l.MaxAttempts = 8
	}
	if l.Now == nil {
		l.Now = time.Now
	}
}

// DeliverDue sends the rows that are due, InFlight at a time, until none is
// left or ctx is done. A sender that is not ready sends nothing.
func (l *Loop) DeliverDue(ctx context.Context) (Report, error) {
	l.defaults()
	var rep Report
	if !l.Sender.Ready() {
		return rep, nil
	}
	for {
		rows, err := l.due()
		if err != nil || len(rows) == 0 {
			return rep, err
		}
		for start := 0; start < len(rows); start += l.InFlight {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			if err := l.deliver(ctx, rows[start:min(start+l.InFlight, len(rows))], &rep); err != nil {
				return rep, err
			}
		}
	}
}

// due reads the next batch of pending rows whose time has come, oldest first.
func (l *Loop) due() ([]*core.Record, error) {
	return l.App.FindRecordsByFilter("outbox",
		"kind = {:kind} && status = 'pending' && (next_attempt_at = '' || next_attempt_at <= {:now})",
		"next_attempt_at", l.Batch, 0,
		dbx.Params{"kind": l.Sender.Kind(), "now": l.Now().UTC().Format(types.DefaultDateLayout)})
}

// deliver sends rows in flight together: every row is marked sending
// (committed) before the first send, so a crash re-sends at most these; the
// outcomes are written together after the sends.
func (l *Loop) deliver(ctx context.Context, rows []*core.Record, rep *Report) error {
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.Id
		r.Set("attempts", r.GetInt("attempts")+1)
	}
	if _, err := l.App.DB().Update("outbox",
		dbx.Params{"status": "sending", "attempts": dbx.NewExp("attempts + 1")},
		dbx.In("id", ids...)).Execute(); err != nil {
		return err
	}
	errs := l.Sender.Send(ctx, rows)
	var sent, missed []*core.Record
	for i, row := range rows {
		if errs[i] != nil {
			row.Set("last_error", errs[i].Error())
			missed = append(missed, row)
			continue
		}
		sent = append(sent, row)
	}
	now := l.Now().UTC()
	return l.App.RunInTransaction(func(tx core.App) error {
		if err := l.recordSent(tx, sent, now, rep); err != nil {
			return err
		}
		return l.recordMissed(tx, missed, now, rep)
	})
}

// recordSent marks the delivered rows sent, in one statement.
func (l *Loop) recordSent(tx core.App, rows []*core.Record, now time.Time, rep *Report) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.Id
	}
	stamp := now.Format(types.DefaultDateLayout)
	if _, err := tx.DB().Update("outbox",
		dbx.Params{"status": "sent", "sent_at": stamp, "last_error": "", "updated": stamp},
		dbx.In("id", ids...)).Execute(); err != nil {
		return err
	}
	rep.Sent += len(rows)
	for _, r := range rows {
		r.Set("status", "sent")
		r.Set("sent_at", now)
		r.Set("last_error", "")
		if err := l.outcome(tx, r, "sent", now); err != nil {
			return err
		}
	}
	return nil
}

// recordMissed puts each row that was not delivered back in the queue after
// its backoff, or fails it after its last attempt; its error is kept.
func (l *Loop) recordMissed(tx core.App, rows []*core.Record, now time.Time, rep *Report) error {
	for _, row := range rows {
		if row.GetInt("attempts") >= l.MaxAttempts {
			rep.Failed++
			row.Set("status", "failed")
		} else {
			rep.Retried++
			row.Set("status", "pending")
			row.Set("next_attempt_at", now.Add(Backoff(row.GetInt("attempts"))))
		}
		if err := tx.SaveNoValidate(row); err != nil {
			return err
		}
		if row.GetString("status") == "failed" {
			if err := l.outcome(tx, row, "failed", now); err != nil {
				return err
			}
		}
	}
	return nil
}

// outcome calls OnOutcome, if there is one.
func (l *Loop) outcome(tx core.App, row *core.Record, status string, at time.Time) error {
	if l.OnOutcome == nil {
		return nil
	}
	return l.OnOutcome(tx, row, status, at)
}
