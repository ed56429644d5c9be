// Package outbox delivers what Warmloop sends: every email (and, later,
// every webhook) is a row written in the same transaction as the change that
// caused it; the worker here is the only thing that talks to SMTP.
package outbox

import (
	"fmt"
	"math"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// Composer builds the messages a batch of email rows carries, one per row
// and in order; a row that cannot be composed gets its error instead.
type Composer func(app core.App, rows []*core.Record) ([]*mailer.Message, []error)

// Worker delivers pending rows in batches, with retries and backoff.
type Worker struct {
	App         core.App
	Compose     Composer
	Mailer      func() mailer.Mailer // default: App.NewMailClient (PocketBase's SMTP settings)
	Batch       int                  // rows per batch; default 100
	MaxAttempts int                  // then the row is failed; default 8
	Now         func() time.Time     // default: time.Now
}

// Report says what one pass did.
type Report struct {
	Sent, Retried, Failed int
}

func (w *Worker) defaults() {
	if w.Mailer == nil {
		w.Mailer = w.App.NewMailClient
	}
	if w.Batch == 0 {
		w.Batch = 100
	}
	if w.MaxAttempts == 0 {
		w.MaxAttempts = 8
	}
	if w.Now == nil {
		w.Now = time.Now
	}
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

// Recover puts rows a crash left mid-delivery back in the queue. They may
// have reached the SMTP server before the crash, so each is sent at most
// one extra time; nothing is lost.
func (w *Worker) Recover() error {
	_, err := w.App.DB().NewQuery("UPDATE outbox SET status = 'pending' WHERE status = 'sending'").Execute()
	return err
}

// Retry puts a failed row back in the queue, for an admin who fixed the cause.
func Retry(app core.App, id string) error {
	row, err := app.FindRecordById("outbox", id)
	if err != nil {
		return err
	}
	if row.GetString("status") != "failed" {
		return fmt.Errorf("outbox row %s is %s: only failed rows can be retried", id, row.GetString("status"))
	}
	row.Set("status", "pending")
	row.Set("attempts", 0)
	row.Set("next_attempt_at", time.Now().UTC())
	return app.Save(row)
}

// DeliverDue sends the email rows that are due, a batch at a time, until none
// is left. With no SMTP server configured it sends nothing: the rows wait,
// readable, until one is.
func (w *Worker) DeliverDue() (Report, error) {
	w.defaults()
	var rep Report
	if !w.App.Settings().SMTP.Enabled && w.mailerIsDefault() {
		return rep, nil
	}
	for {
		now := w.Now().UTC()
		rows, err := w.App.FindRecordsByFilter("outbox",
			"kind = 'email' && status = 'pending' && (next_attempt_at = '' || next_attempt_at <= {:now})",
			"next_attempt_at", w.Batch, 0, dbx.Params{"now": now.Format("2006-01-02 15:04:05.000Z")})
		if err != nil || len(rows) == 0 {
			return rep, err
		}
		if err := w.deliverBatch(w.Mailer(), rows, &rep); err != nil {
			return rep, err
		}
	}
}

// mailerIsDefault reports whether the worker would use PocketBase's client,
// which without SMTP settings falls back to a local sendmail.
func (w *Worker) mailerIsDefault() bool {
	_, isSendmail := w.Mailer().(*mailer.Sendmail)
	return isSendmail
}

// deliverBatch sends a batch: every row is marked sending (committed) before
// the first send, so a crash re-sends at most this batch; the outcomes are
// written together after the sends.
func (w *Worker) deliverBatch(client mailer.Mailer, rows []*core.Record, rep *Report) error {
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.Id
		r.Set("attempts", r.GetInt("attempts")+1)
	}
	if _, err := w.App.DB().Update("outbox",
		dbx.Params{"status": "sending", "attempts": dbx.NewExp("attempts + 1")},
		dbx.In("id", ids...)).Execute(); err != nil {
		return err
	}

	var sent []any
	var sentAsks []any
	var failed []*core.Record
	msgs, errs := w.Compose(w.App, rows)
	for i, row := range rows {
		msg, err := msgs[i], errs[i]
		if err == nil {
			err = client.Send(msg)
		}
		if err != nil {
			row.Set("last_error", err.Error())
			failed = append(failed, row)
			continue
		}
		sent = append(sent, row.Id)
		if ask := row.GetString("ask"); ask != "" {
			sentAsks = append(sentAsks, ask)
		}
	}

	now := w.Now().UTC()
	stamp := now.Format("2006-01-02 15:04:05.000Z")
	return w.App.RunInTransaction(func(tx core.App) error {
		if len(sent) > 0 {
			rep.Sent += len(sent)
			if _, err := tx.DB().Update("outbox",
				dbx.Params{"status": "sent", "sent_at": stamp, "last_error": "", "updated": stamp},
				dbx.In("id", sent...)).Execute(); err != nil {
				return err
			}
			if len(sentAsks) > 0 {
				// The ask follows its email, unless it has moved on already.
				if _, err := tx.DB().Update("asks",
					dbx.Params{"status": "sent", "sent_at": stamp, "updated": stamp},
					dbx.And(dbx.In("id", sentAsks...), dbx.In("status", "queued", "failed"))).Execute(); err != nil {
					return err
				}
			}
		}
		for _, row := range failed {
			if row.GetInt("attempts") >= w.MaxAttempts {
				rep.Failed++
				row.Set("status", "failed")
				if err := followEmail(tx, row, "failed", now); err != nil {
					return err
				}
			} else {
				rep.Retried++
				row.Set("status", "pending")
				row.Set("next_attempt_at", now.Add(Backoff(row.GetInt("attempts"))))
			}
			if err := tx.SaveNoValidate(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// followEmail moves the ask an email carries along with it: sent or failed.
// An ask already clicked or referred stays where it is.
func followEmail(tx core.App, row *core.Record, status string, at time.Time) error {
	askID := row.GetString("ask")
	if askID == "" {
		return nil
	}
	ask, err := tx.FindRecordById("asks", askID)
	if err != nil {
		return err
	}
	if s := ask.GetString("status"); s != "queued" && s != "failed" {
		return nil
	}
	ask.Set("status", status)
	if status == "sent" {
		ask.Set("sent_at", at)
	}
	return tx.SaveNoValidate(ask)
}
