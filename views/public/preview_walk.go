package public

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
	"warmloop/internal/setup"
	"warmloop/views/site"
)

// The test walk-through's pages: the previews of the landing page, the
// unsubscribe page and the referee's page before and after booking, opened
// from the test emails with ?test=<token>, for the signed-in administrator
// the token was signed for. Their forms work: the landing form emails the
// administrator the introduction, the booking form the booking
// confirmation (package setup). They read and write no record. The forms
// post as plain forms, so a failure to send shows as a page of its own.

// walkBanners say, over each page of the walk-through, where it stands.
var walkBanners = map[string]string{
	"landing":     "Test walk-through: the page your test ask opens, as a customer sees it. Send the form: the introduction comes to you, whatever address is typed, and nothing is recorded.",
	"referee":     "Test walk-through: the page the introduction opens, as the person introduced sees it. Request a meeting to get the booking confirmation; nothing is recorded.",
	"booking":     "Test walk-through: the referee's page once they have booked. That is the whole flow; nothing was recorded and the figures have not moved.",
	"unsubscribe": "Test walk-through: the page the ask's unsubscribe link opens. In a test its button is off: there is no customer to unsubscribe.",
}

// walkView shows one step of the walk-through, or says the link is spent.
func walkView(e *core.RequestEvent, name string) error {
	admin, tok := site.SignedInAdmin(e), e.Request.URL.Query().Get("test")
	if !setup.ValidWalk(admin, tok, time.Now()) {
		return walkExpired(e)
	}
	sample := previewSamples(e.App)
	banner := walkBanners[name]
	switch name {
	case "landing":
		page, err := sampleLanding(e.App, sample, banner)
		if err != nil {
			return err
		}
		page.Panel.Form.RefereeName, page.Panel.Form.RefereeCompany = sample["referee_name"], sample["referee_company"]
		page.Panel.Form.RefereeEmail = admin.Email()
		page.Panel.Test, page.Panel.Sent = setup.WalkPath("landing", tok), e.Request.URL.Query().Has("sent")
		return render(e, http.StatusOK, "landing", page)
	case "referee", "booking":
		return walkReferee(e, http.StatusOK, walkReferral(e, sample, name), nil)
	case "unsubscribe":
		return render(e, http.StatusOK, "unsubscribe", sampleUnsubscribe(e.App, sample, banner))
	}
	// Share and thanks have no step in the walk: their sample previews.
	return previews[name](e, sample)
}

// walkReferral is the made-up referral the walk-through's referee page
// shows: visited, booked, or declined after "Not for me right now".
func walkReferral(e *core.RequestEvent, sample map[string]string, name string) refereeData {
	d := sampleRefereeData(sample, referrals.Visited)
	d.RefereeEmail = site.SignedInAdmin(e).Email()
	switch {
	case name == "booking":
		d.Status = referrals.Booked
	case e.Request.URL.Query().Has("declined"):
		d.Status = referrals.Lost
	}
	return d
}

// walkReferee renders the walk-through's referee page, with what was typed
// and what to fix when the booking form was refused.
func walkReferee(e *core.RequestEvent, status int, d refereeData, refused *bookingPanel) error {
	name := "referee"
	if d.Status == referrals.Booked {
		name = "booking"
	}
	page, err := sampleReferee(e.App, d, walkBanners[name])
	if err != nil {
		return err
	}
	page.Panel.Test = setup.WalkPath("referee", e.Request.URL.Query().Get("test"))
	if refused != nil {
		page.Panel.Form, page.Panel.Errors = refused.Form, refused.Errors
	}
	return render(e, status, "referee", page)
}

// walkSend takes the walk-through's two forms: the landing page's sends the
// introduction, the referee page's the booking confirmation, each to the
// administrator. Anything else, or anyone else, gets the 404 page.
func walkSend(e *core.RequestEvent) error {
	name := e.Request.PathValue("page")
	admin, tok := site.SignedInAdmin(e), e.Request.URL.Query().Get("test")
	if admin == nil || (name != "landing" && name != "referee") {
		return site.NotFound(e)
	}
	if !setup.ValidWalk(admin, tok, time.Now()) {
		return walkExpired(e)
	}
	if name == "landing" {
		return walkIntroduce(e, admin, tok)
	}
	return walkBook(e, admin, tok)
}

// walkIntroduce checks the landing form as the real one does, then emails
// the introduction to the administrator.
func walkIntroduce(e *core.RequestEvent, admin *core.Record, tok string) error {
	form := referrals.Form{
		RefereeName: e.Request.FormValue("referee_name"), RefereeEmail: e.Request.FormValue("referee_email"),
		RefereeCompany: e.Request.FormValue("referee_company"), Message: e.Request.FormValue("message"),
		CopyMe: e.Request.FormValue("copy_me") != "", OnWall: e.Request.FormValue("wall_opt_in") != "",
	}.Clean()
	if errs := form.Validate(false); len(errs) > 0 {
		page, err := sampleLanding(e.App, previewSamples(e.App), walkBanners["landing"])
		if err != nil {
			return err
		}
		page.Panel.Form, page.Panel.Errors, page.Panel.Test = form, errs, setup.WalkPath("landing", tok)
		return render(e, http.StatusUnprocessableEntity, "landing", page)
	}
	in := setup.Introduction{RefereeName: form.RefereeName, RefereeCompany: form.RefereeCompany, Message: form.Message}
	if err := setup.SendTestIntro(e.App, admin, tok, in, time.Now()); err != nil {
		return walkSendFailed(e, "introduction", err)
	}
	return e.Redirect(http.StatusSeeOther, setup.WalkPath("landing", tok)+"&sent=1")
}

// walkBook checks the booking form as the real one does, then emails the
// booking confirmation to the administrator (when a real booking would
// send one); "Not for me right now" sends nothing.
func walkBook(e *core.RequestEvent, admin *core.Record, tok string) error {
	if e.Request.FormValue("decline") != "" {
		return e.Redirect(http.StatusSeeOther, setup.WalkPath("referee", tok)+"&declined=1")
	}
	b := referrals.Booking{
		Name:    e.Request.FormValue("name"),
		Company: e.Request.FormValue("company"), PreferredTimes: e.Request.FormValue("preferred_times"),
		Phone: e.Request.FormValue("phone"),
	}.Clean().Plain()
	if errs := b.Validate(); len(errs) > 0 {
		d := walkReferral(e, previewSamples(e.App), "referee")
		return walkReferee(e, http.StatusUnprocessableEntity, d, &bookingPanel{Form: b, Errors: errs})
	}
	if _, err := setup.SendTestBooking(e.App, admin, tok, b.Name, time.Now()); err != nil {
		return walkSendFailed(e, "booking confirmation", err)
	}
	return e.Redirect(http.StatusSeeOther, setup.WalkPath("booking", tok))
}

// walkExpired answers a test link that is too old or not the signed-in
// administrator's.
func walkExpired(e *core.RequestEvent) error {
	return site.Error(e, site.AdminLayout(e.App), http.StatusGone, "This test link has expired",
		"A test ask's links work for a day, and only for the administrator it was sent to. Send a fresh one from the dashboard's overview.")
}

// walkSendFailed says why a walk-through's email did not go, and what to do.
func walkSendFailed(e *core.RequestEvent, what string, err error) error {
	if errors.Is(err, setup.ErrWalkExpired) {
		return walkExpired(e)
	}
	e.App.Logger().Warn("a test walk-through's email failed", "email", what, "error", err)
	msg := "It could not be sent: " + err.Error() + ". Check Settings → Email delivery (its test email says whether your SMTP server works), then go back and send this form again."
	if errors.Is(err, setup.ErrNoSMTP) {
		msg = "No SMTP server is set, so nothing can be sent. Set one in Settings → Email delivery, then go back and send this form again."
	}
	return site.Error(e, site.AdminLayout(e.App), http.StatusBadGateway, "The test "+what+" was not sent", msg)
}
