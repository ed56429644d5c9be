package public

import (
	"database/sql"
	"errors"
	"html/template"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/views/site"
)

// refereePage is the referee's personal page: who introduced them and why,
// the product in short, and one next step.
type refereePage struct {
	site.Layout
	Code, Heading                 string
	Body                          template.HTML
	ReferrerName, ReferrerCompany string
	BookingURL                    string
	Panel                         bookingPanel
}

// bookingPanel is the part htmx swaps: the booking form, or where it stands.
type bookingPanel struct {
	Code, FirstName, CompanyName string
	Form                         referrals.Booking
	Errors                       referrals.Errors
	Booked, Declined             bool
	BookingURL                   string
}

// refereePeople are the referee page's variables that differ per referral.
var refereePeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name", "referrer_company", "message"}

// refereeView shows the page. The first visit moves the referral from
// invited to visited.
func refereeView(e *core.RequestEvent) error {
	referral, err := referrals.FindByCode(e.App, e.Request.PathValue("code"))
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	if err := referrals.MarkVisited(e.App, referral); err != nil {
		e.App.Logger().Error("marking a referral visited", "referral", referral.Id, "error", err)
	}
	page, err := refereeFor(e.App, referral)
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "referee", page)
}

// refereePost books a meeting, or declines. Bad input comes back beside
// each field with what was typed; a bot filling the hidden field is told
// nothing and changes nothing.
func refereePost(e *core.RequestEvent) error {
	code := e.Request.PathValue("code")
	referral, err := referrals.FindByCode(e.App, code)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	if e.Request.FormValue(honeypot) != "" {
		return e.Redirect(http.StatusSeeOther, "/i/"+code)
	}
	if e.Request.FormValue("decline") != "" {
		if err := referrals.Decline(e.App, referral, time.Now()); err != nil {
			return err
		}
		return answerReferee(e, referral, referrals.Booking{}, nil)
	}
	if s := referral.GetString("status"); s == referrals.Lost || s == referrals.Won {
		return answerReferee(e, referral, referrals.Booking{}, nil)
	}
	b := referrals.Booking{
		Name: e.Request.FormValue("name"), Email: e.Request.FormValue("email"),
		Company: e.Request.FormValue("company"), PreferredTimes: e.Request.FormValue("preferred_times"),
		Phone: e.Request.FormValue("phone"),
	}.Clean().Plain()
	if errs := b.Validate(); len(errs) > 0 {
		return answerReferee(e, referral, b, errs)
	}
	if err := referrals.Book(e.App, referral, b); err != nil {
		return err
	}
	return answerReferee(e, referral, b, nil)
}

// answerReferee sends the outcome: the panel to htmx, a redirect to the page
// after a successful post without it, or the page with what to fix.
func answerReferee(e *core.RequestEvent, referral *core.Record, b referrals.Booking, errs referrals.Errors) error {
	if len(errs) == 0 && !site.IsHTMX(e) {
		return e.Redirect(http.StatusSeeOther, "/i/"+referral.GetString("code"))
	}
	page, err := refereeFor(e.App, referral)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		page.Panel.Form, page.Panel.Errors = b, errs
	}
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "referee", "booking_panel", page.Panel)
	}
	return render(e, http.StatusUnprocessableEntity, "referee", page)
}

// refereeFor fills the page for a referral.
func refereeFor(app core.App, referral *core.Record) (refereePage, error) {
	s, err := program.Load(app)
	if err != nil {
		return refereePage{}, err
	}
	referrer, err := app.FindRecordById("customers", referral.GetString("referrer"))
	if err != nil {
		return refereePage{}, err
	}
	p, err := pages.Load(app, "referee", pages.Vars{People: map[string]string{"company_name": s.CompanyName, "sender_name": s.SenderName}},
		refereePeople, nil)
	if err != nil {
		return refereePage{}, err
	}
	message := referral.GetString("message")
	if message == "" {
		message = pages.FirstName(referrer.GetString("name")) + " thought we could help you and your team."
	}
	company := referrer.GetString("company")
	values := map[string]string{
		"referee_first_name":  pages.FirstName(referral.GetString("referee_name")),
		"referee_name":        referral.GetString("referee_name"),
		"referrer_name":       referrer.GetString("name"),
		"referrer_first_name": pages.FirstName(referrer.GetString("name")),
		"referrer_company":    company,
		"message":             message,
	}
	status := referral.GetString("status")
	booking := referrals.BookingLink(s.BookingURL, referral.GetString("referee_name"), referral.GetString("referee_email"))
	return refereePage{
		Layout:       site.LayoutFor(app),
		Code:         referral.GetString("code"),
		Heading:      pages.Line(p.Title, pages.Vars{People: values}),
		Body:         template.HTML(p.Body.Fill(values)),
		ReferrerName: referrer.GetString("name"), ReferrerCompany: company,
		Panel: bookingPanel{
			Code: referral.GetString("code"), FirstName: values["referee_first_name"], CompanyName: s.CompanyName,
			Booked:     status == referrals.Booked || status == referrals.Qualified || status == referrals.Won,
			Declined:   status == referrals.Lost,
			BookingURL: booking,
			Form: referrals.Booking{
				Name: referral.GetString("referee_name"), Email: referral.GetString("referee_email"),
				Company: referral.GetString("referee_company"), PreferredTimes: referral.GetString("preferred_times"),
				Phone: referral.GetString("phone"),
			},
		},
	}, nil
}
