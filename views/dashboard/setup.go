package dashboard

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/setup"
)

// setupPanel is the setup checklist the overview leads with until every
// step is done, and the "Send a test ask to me" button under it.
type setupPanel struct {
	Steps    []setup.Step
	Done     int
	Complete bool
	// Started is set once the program has asked anyone: until then the
	// overview shows the checklist and a note instead of zero figures.
	Started bool
	// CanTestAsk is set once SMTP is proven: the test ask can go out.
	CanTestAsk bool
	SignedIn   string
	// TestAskSent is set on the page a sent test ask redirects to.
	TestAskSent bool
}

// readSetup reads the checklist for the overview. What cannot be read is
// logged and leaves the overview as it was before the checklist existed:
// the figures, no list.
func readSetup(e *core.RequestEvent) setupPanel {
	p := setupPanel{Complete: true, Started: true}
	steps, err := setup.Checklist(e.App)
	if err != nil {
		e.App.Logger().Error("reading the setup checklist failed", "error", err)
		return p
	}
	if p.Started, err = setup.Started(e.App); err != nil {
		e.App.Logger().Error("reading whether the program has asked anyone failed", "error", err)
		p.Started = true
	}
	p.Steps, p.Complete, p.CanTestAsk = steps, setup.Complete(steps), smtpProven(steps)
	for _, s := range steps {
		if s.Done {
			p.Done++
		}
	}
	if e.Auth != nil {
		p.SignedIn = e.Auth.Email()
	}
	p.TestAskSent = e.Request.URL.Query().Get("test_ask") == "sent"
	return p
}

// smtpProven reports whether the checklist's SMTP step is done.
func smtpProven(steps []setup.Step) bool {
	for _, s := range steps {
		if s.Key == "smtp" {
			return s.Done
		}
	}
	return false
}

// view is the overview's template: the figures, or, before the program
// has asked anyone, the checklist with a note on when figures appear.
func (p overviewPage) view() string {
	if !p.Setup.Started {
		return "admin/overview_empty"
	}
	return "admin/overview"
}

// setupTestAsk emails the signed-in admin the ask a customer would get,
// straight through SMTP, with links into a walk-through of the referrer's
// and the referee's pages that writes nothing (package setup).
func setupTestAsk(e *core.RequestEvent) error {
	steps, err := setup.Checklist(e.App)
	if err != nil {
		return err
	}
	if !smtpProven(steps) {
		return adminError(e, http.StatusConflict, "Prove SMTP works first",
			"The test ask goes through your SMTP server. Set it in Settings → Email delivery and send the test email there; then send the test ask from the overview.")
	}
	to, err := setup.SendTestAsk(e.App, e.Auth, time.Now())
	if err != nil {
		e.App.Logger().Warn("the test ask failed", "to", to, "error", err)
		return adminError(e, http.StatusBadGateway, "The test ask was not sent",
			"It could not be sent: "+err.Error()+". Check Settings → Email delivery (its test email says whether your SMTP server works), then send the test ask again from the overview.")
	}
	return e.Redirect(http.StatusSeeOther, "/dashboard?test_ask=sent#setup-checklist")
}
