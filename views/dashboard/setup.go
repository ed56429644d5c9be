package dashboard

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/setup"
)

// setupPanel is the setup checklist the overview leads with until every
// step is done, and the "Send a test ask to me" button under it, in the
// reader's language.
type setupPanel struct {
	locale.Speaker
	Steps    []setupStep
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
	p := setupPanel{Speaker: adminSpeaker(e), Complete: true, Started: true}
	steps, err := setup.Checklist(e.App)
	if err != nil {
		e.App.Logger().Error("reading the setup checklist failed", "error", err)
		return p
	}
	if p.Started, err = setup.Started(e.App); err != nil {
		e.App.Logger().Error("reading whether the program has asked anyone failed", "error", err)
		p.Started = true
	}
	p.Complete, p.CanTestAsk = setup.Complete(steps), smtpProven(steps)
	for _, s := range steps {
		p.Steps = append(p.Steps, sayStep(p.Speaker, s))
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
	sp := adminSpeaker(e)
	if !smtpProven(steps) {
		return adminError(e, http.StatusConflict, sp.T("dash.setup.smtp_first"), sp.T("dash.setup.smtp_first_help"))
	}
	to, err := setup.SendTestAsk(e.App, e.Auth, time.Now())
	if err != nil {
		e.App.Logger().Warn("the test ask failed", "to", to, "error", err)
		return adminError(e, http.StatusBadGateway, sp.T("dash.setup.not_sent"), sp.T("dash.setup.not_sent_help", "Detail", err.Error()))
	}
	return e.Redirect(http.StatusSeeOther, "/dashboard?test_ask=sent#setup-checklist")
}
