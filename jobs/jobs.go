// Package jobs runs Warmloop's schedules with gocron: started on serve,
// stopped gracefully on terminate, each job in singleton mode so a slow run
// never overlaps the next.
package jobs

import (
	"context"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/mail"
	"warmloop/internal/metrics"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/summary"
)

// CadenceEvery is how often the cadence looks for customers who are due.
const CadenceEvery = 5 * time.Minute

// OutboxEvery is how often the outbox worker looks for emails to send.
const OutboxEvery = 5 * time.Second

// FiguresEvery is how often the dashboard's kept figures are read again
// when the data behind them changed.
const FiguresEvery = time.Minute

// RetentionEvery is how often sent outbox rows past the retention lose their body.
const RetentionEvery = 24 * time.Hour

// Register starts the scheduler when the server starts and stops it, letting
// a running job finish, when the app terminates. CLI commands never serve,
// so they never run jobs.
func Register(app core.App) {
	var scheduler gocron.Scheduler
	ctx, cancel := context.WithCancel(context.Background())
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		s, err := gocron.NewScheduler()
		if err != nil {
			return err
		}
		// An ask follows its email: sent or failed with it.
		worker := &outbox.Worker{App: se.App, Compose: mail.ComposeBatch, OnOutcome: asks.FollowEmail}
		hooks := &outbox.Webhooks{App: se.App, Secret: func() string {
			s, _ := program.Load(se.App)
			return s.WebhookSecret
		}}
		// Rows a crash left mid-delivery go back in the queue first.
		if err := outbox.Recover(se.App); err != nil {
			return err
		}
		for _, j := range []struct {
			name  string
			every time.Duration
			run   func()
		}{
			{"cadence", CadenceEvery, func() { runCadence(se.App) }},
			{"outbox", OutboxEvery, func() { deliver(worker) }},
			{"webhooks", OutboxEvery, func() { deliverWebhooks(ctx, hooks) }},
			{"figures", FiguresEvery, func() { metrics.Warm(se.App) }},
			{"retention", RetentionEvery, func() { pruneOutbox(se.App, time.Now()) }},
		} {
			_, err = s.NewJob(gocron.DurationJob(j.every),
				gocron.NewTask(j.run),
				gocron.WithName(j.name),
				gocron.WithSingletonMode(gocron.LimitModeReschedule),
				gocron.WithStartAt(gocron.WithStartImmediately()),
			)
			if err != nil {
				return err
			}
		}
		if err := scheduleSummary(s, se.App); err != nil {
			return err
		}
		s.Start()
		scheduler = s
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		cancel() // a webhook waiting on a slow endpoint gives up at once
		if scheduler != nil {
			if err := scheduler.Shutdown(); err != nil {
				e.App.Logger().Error("stopping the scheduler", "error", err)
			}
		}
		return e.Next()
	})
}

// runCadence makes one cadence pass and logs what it did.
func runCadence(app core.App) {
	rep, err := asks.RunCadence(app, time.Now())
	if err != nil {
		app.Logger().Error("cadence pass failed", "error", err, "asked", rep.Asked)
		return
	}
	if rep.Asked > 0 || rep.Rested > 0 {
		app.Logger().Info("cadence pass", "asked", rep.Asked, "rested", rep.Rested)
	}
}

// deliver sends the emails that are due and logs what it did.
func deliver(w *outbox.Worker) {
	rep, err := w.DeliverDue()
	if err != nil {
		w.App.Logger().Error("outbox delivery failed", "error", err, "sent", rep.Sent)
		return
	}
	if rep.Sent > 0 || rep.Retried > 0 || rep.Failed > 0 {
		w.App.Logger().Info("outbox delivery", "sent", rep.Sent, "retried", rep.Retried, "failed", rep.Failed)
	}
}

// deliverWebhooks sends the webhooks that are due and logs what it did.
func deliverWebhooks(ctx context.Context, w *outbox.Webhooks) {
	rep, err := w.DeliverDue(ctx)
	if err != nil && ctx.Err() == nil {
		w.App.Logger().Error("webhook delivery failed", "error", err, "sent", rep.Sent)
		return
	}
	if rep.Sent > 0 || rep.Retried > 0 || rep.Failed > 0 {
		w.App.Logger().Info("webhook delivery", "sent", rep.Sent, "retried", rep.Retried, "failed", rep.Failed)
	}
}

// pruneOutbox removes the bodies of the outbox rows sent longer ago than
// the settings' retention, and logs how many.
func pruneOutbox(app core.App, now time.Time) {
	s, err := program.Load(app)
	if err != nil {
		app.Logger().Error("outbox retention: reading the settings failed", "error", err)
		return
	}
	n, err := outbox.Prune(app, now.Add(-s.OutboxRetention()))
	if err != nil {
		app.Logger().Error("outbox retention failed", "error", err)
		return
	}
	if n > 0 {
		app.Logger().Info("outbox retention", "pruned", n, "days", s.OutboxRetention().Hours()/24)
	}
}

// scheduleSummary looks every hour, on the hour, whether the weekly
// summary is due (summary.Due: Monday at summary.SendHour in the program's
// time zone, or later in a week the server missed), and once at start; the
// week recorded on the settings keeps each week to one summary.
func scheduleSummary(s gocron.Scheduler, app core.App) error {
	_, err := s.NewJob(
		gocron.CronJob("0 * * * *", false),
		gocron.NewTask(func() { sendSummary(app, summary.Due) }),
		gocron.WithName("summary"),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
	)
	if err != nil {
		return err
	}
	_, err = s.NewJob(gocron.OneTimeJob(gocron.OneTimeJobStartImmediately()),
		gocron.NewTask(func() { sendSummary(app, summary.CatchUp) }),
		gocron.WithName("summary catch-up"))
	return err
}

// sendSummary runs one way of sending the summary now and logs what it did.
func sendSummary(app core.App, send func(core.App, time.Time) (bool, error)) {
	now := summary.InZone(app, time.Now())
	sent, err := send(app, now)
	if err != nil {
		app.Logger().Error("weekly summary failed", "week", summary.Week(now), "error", err)
		return
	}
	if sent {
		app.Logger().Info("weekly summary queued", "week", summary.Week(now))
	}
}
