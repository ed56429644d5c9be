package setup

import (
	"os"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/asks"
	"warmloop/internal/mail"
	"warmloop/internal/program"
)

// sendTimeout is how long a test email may take before it counts as failed.
const sendTimeout = 20 * time.Second

// SendTestAsk emails the administrator the ask a customer would get now
// (the copy a first ask would draw, the incentive on offer), addressed to a
// made-up customer at the administrator's address, with links into the
// walk-through. It returns where it went.
func SendTestAsk(app core.App, admin *core.Record, now time.Time) (string, error) {
	s, err := program.Load(app)
	if err != nil {
		return "", err
	}
	c, err := asks.FirstCopy(app)
	if err != nil {
		return "", err
	}
	p := people(admin, Introduction{})
	msg, err := mail.ComposeTestAsk(app, p, c.Variant, s.CurrentIncentive, walkLinks(app, WalkToken(admin, now), false))
	if err != nil {
		return "", err
	}
	return p.Address, send(app, msg)
}

// SendTestIntro emails the administrator the introduction the colleague
// named on the walk-through's landing form would get, whatever address was
// typed there.
func SendTestIntro(app core.App, admin *core.Record, tok string, in Introduction, now time.Time) error {
	if !ValidWalk(admin, tok, now) {
		return ErrWalkExpired
	}
	msg, err := mail.ComposeTestIntro(app, people(admin, in), walkLinks(app, tok, false))
	if err != nil {
		return err
	}
	return send(app, msg)
}

// SendTestBooking emails the administrator the confirmation a referee gets
// on booking a meeting, for the name typed on the walk-through's booking
// form. As for a real booking, nothing is sent without a sales inbox to
// read the replies; sent says whether it was.
func SendTestBooking(app core.App, admin *core.Record, tok, refereeName string, now time.Time) (sent bool, err error) {
	if !ValidWalk(admin, tok, now) {
		return false, ErrWalkExpired
	}
	s, err := program.Load(app)
	if err != nil || s.SalesInbox == "" {
		return false, err
	}
	msg, err := mail.ComposeTestBookingConfirmation(app, people(admin, Introduction{RefereeName: refereeName}), walkLinks(app, tok, true))
	if err != nil {
		return false, err
	}
	return true, send(app, msg)
}

// send hands a test email straight to the SMTP server, not the outbox: no
// row is written, and the administrator learns at once if it failed.
func send(app core.App, msg *mailer.Message) error {
	if !app.Settings().SMTP.Enabled {
		return ErrNoSMTP
	}
	done := make(chan error, 1)
	go func() { done <- app.NewMailClient().Send(msg) }()
	select {
	case err := <-done:
		return err
	case <-time.After(sendTimeout):
		return os.ErrDeadlineExceeded
	}
}
