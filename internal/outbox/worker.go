package outbox

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// Composer builds the messages a batch of email rows carries, one per row
// and in order; a row that cannot be composed gets its error instead.
type Composer func(app core.App, rows []*core.Record) ([]*mailer.Message, []error)

// Worker delivers email rows through the Loop, 100 a batch, over SMTP.
type Worker struct {
	App         core.App
	Compose     Composer
	Mailer      func() mailer.Mailer // default: App.NewMailClient (PocketBase's SMTP settings)
	Batch       int                  // rows per batch; default 100
	MaxAttempts int                  // then the row is failed; default 8
	Now         func() time.Time     // default: time.Now
	OnOutcome   OnOutcome            // what follows an email sent or failed; optional
}

// DeliverDue sends the email rows that are due, a batch at a time, until none
// is left. With no SMTP server configured it sends nothing: the rows wait,
// readable, until one is.
func (w *Worker) DeliverDue() (Report, error) {
	mailer := w.Mailer
	if mailer == nil {
		mailer = w.App.NewMailClient
	}
	l := &Loop{
		App:         w.App,
		Sender:      &smtpSender{app: w.App, compose: w.Compose, client: mailer},
		Batch:       w.Batch,
		MaxAttempts: w.MaxAttempts,
		Now:         w.Now,
		OnOutcome:   w.OnOutcome,
	}
	return l.DeliverDue(context.Background())
}

// smtpSender sends a batch of email rows: composed together, then sent one
// by one over one mail client.
type smtpSender struct {
	app     core.App
	compose Composer
	client  func() mailer.Mailer
}

// Kind is "email".
func (s *smtpSender) Kind() string { return "email" }

// Ready is false when SMTP is not set up and the client is PocketBase's,
// which would fall back to a local sendmail.
func (s *smtpSender) Ready() bool {
	if s.app.Settings().SMTP.Enabled {
		return true
	}
	_, isSendmail := s.client().(*mailer.Sendmail)
	return !isSendmail
}

// Send composes the rows' messages and sends each.
func (s *smtpSender) Send(ctx context.Context, rows []*core.Record) []error {
	client := s.client()
	msgs, errs := s.compose(s.app, rows)
	for i := range rows {
		if errs[i] == nil {
			errs[i] = client.Send(msgs[i])
		}
	}
	return errs
}
