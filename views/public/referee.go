package public

import (
	"database/sql"
	"errors"
	"html/template"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
	"warmloop/internal/mail"
	"warmloop/internal/pages"
	"warmloop/internal/prepared"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/token"
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
// Once booked it shows the booking_confirmation page, and says a
// confirmation email is on its way only when one was queued. A referral
// made through a share link first asks its referee to confirm it is them
// (Unconfirmed), or says its link has expired, or that the person is
// already in touch with us.
type bookingPanel struct {
	Code, FirstName, CompanyName string
	Email                        string // the address the referral was made with; the form cannot change it
	Form                         referrals.Booking
	Errors                       referrals.Errors
	Booked, Declined             bool
	Unconfirmed, Expired         bool
	AlreadyKnown                 bool // a confirmation found the person known meanwhile
	BookingURL                   string
	ConfirmHeading               string
	ConfirmBody                  template.HTML
	Emailed                      bool
	Sample                       bool   // sample data: the forms send nothing
	Test                         string // a test walk-through's address for the forms (preview_walk.go); "" on a real page
	// Speaker is the language the panel is written in: htmx swaps it
	// without the layout, so it carries its own.
	locale.Speaker
}

// refereePeople are the referee page's variables that differ per referral.
var refereePeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name", "referrer_company", "message"}

// confirmPeople are the booking confirmation's variables that differ per referral.
var confirmPeople = []string{"referee_first_name", "referee_name", "referrer_name", "referrer_first_name"}

// previewReferee is the banner a signed-in administrator sees on a referee's page.
const previewReferee = "You are signed in as an administrator, so opening this page counted no visit. Anything you send from it is real."

// refereeView shows the page. A person's first visit moves the referral
// from invited to visited; an administrator's, a machine's or a mail
// gateway's (package clicks) changes nothing, and neither does opening a
// referral that waits for its referee to confirm (the button does). A view
// reads the referral and its referrer in one prepared query (a first visit
// and a booked referral's page ask the outbox too), and the page is kept
// rendered until what it shows changes.
func refereeView(e *core.RequestEvent) error {
	code := e.Request.PathValue("code")
	if !token.Plausible(code) {
		return site.NotFound(e)
	}
	r, err := prepared.RefereeByCode(e.App, code)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	d, err := refereeDataOf(e.App, r, time.Now())
	if err != nil {
		return err
	}
	d.Lang = refereeLang(e, r)
	admin := site.IsAdmin(e)
	if !admin && d.Status == referrals.Invited && !d.Unconfirmed {
		d.Status = countVisit(e, r)
	}
	if admin {
		page, err := refereePageFor(e.App, d)
		if err != nil {
			return err
		}
		page.PreviewBanner = previewReferee
		return render(e, http.StatusOK, "referee", page)
	}
	html, err := site.CachedPage(e.App, d.key(), func() ([]byte, error) {
		page, err := refereePageFor(e.App, d)
		if err != nil {
			return nil, err
		}
		return renderPage("referee", page)
	})
	if err != nil {
		return err
	}
	return site.WritePage(e, http.StatusOK, html)
}

// countVisit marks the referral visited when a person opened the page,
// not a machine or a gateway scanning the introduction as it arrived, and
// returns the referral's status as it stands after.
func countVisit(e *core.RequestEvent, r prepared.Referee) string {
	if !openingOf(e, time.Time{}).IsPerson() { // a HEAD or a machine, whenever the email went
		return r.Status
	}
	sent, err := referrals.IntroSentAt(e.App, r.ID)
	if err != nil {
		e.App.Logger().Error("reading when an introduction was sent", "referral", r.ID, "error", err)
	}
	if !openingOf(e, sent).IsPerson() {
		return r.Status
	}
	referral, err := referrals.FindByCode(e.App, r.Code)
	if err == nil {
		err = referrals.MarkVisited(e.App, referral)
	}
	if err != nil {
		e.App.Logger().Error("marking a referral visited", "referral", r.ID, "error", err)
		return r.Status
	}
	return referral.GetString("status")
}

// refereePost declines, confirms, or books a meeting. Bad input comes back
// beside each field with what was typed; a bot filling the hidden field is
// told nothing and changes nothing. Whatever is posted, the referral keeps
// the address it was made with: an "email" field is not read.
func refereePost(e *core.RequestEvent) error {
	code := e.Request.PathValue("code")
	referral, err := referrals.FindByCode(e.App, code)
	if errors.Is(err, sql.ErrNoRows) {
		return site.NotFound(e)
	} else if err != nil {
		return err
	}
	switch {
	case e.Request.FormValue(honeypot) != "":
		return e.Redirect(http.StatusSeeOther, "/i/"+code)
	case e.Request.FormValue("decline") != "":
		if err := referrals.Decline(e.App, referral, time.Now()); err != nil {
			return err
		}
		return answerReferee(e, code, referrals.Booking{}, nil)
	case e.Request.FormValue("confirm") != "":
		err := referrals.Confirm(e.App, referral, time.Now())
		if errors.Is(err, referrals.ErrAlreadyKnown) {
			return answerKnownReferee(e, referral)
		} else if err != nil && !errors.Is(err, referrals.ErrConfirmExpired) {
			return err
		}
		return answerReferee(e, code, referrals.Booking{}, nil)
	}
	if s := referral.GetString("status"); s == referrals.Lost || s == referrals.Won || referrals.IsUnconfirmed(referral) {
		return answerReferee(e, code, referrals.Booking{}, nil)
	}
	b := referrals.Booking{
		Name: e.Request.FormValue("name"), Company: e.Request.FormValue("company"),
		PreferredTimes: e.Request.FormValue("preferred_times"), Phone: e.Request.FormValue("phone"),
	}.Clean().Plain()
	if errs := b.Validate(); len(errs) > 0 {
		return answerReferee(e, code, b, errs)
	}
	if err := referrals.Book(e.App, referral, b); err != nil {
		return err
	}
	return answerReferee(e, code, b, nil)
}

// answerReferee sends the outcome: the panel to htmx, a redirect to the page
// after a successful post without it, or the page with what to fix. The
// referral is read again, as the post left it.
func answerReferee(e *core.RequestEvent, code string, b referrals.Booking, errs referrals.Errors) error {
	if len(errs) == 0 && !site.IsHTMX(e) {
		return e.Redirect(http.StatusSeeOther, "/i/"+code)
	}
	page, err := refereeFor(e, code)
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

// answerKnownReferee tells someone who confirmed their email that we are
// already in touch with them: they became a customer, or someone else
// introduced them, since they introduced themself. Only the owner of the
// address reads it: the link that leads here went to that address alone.
func answerKnownReferee(e *core.RequestEvent, referral *core.Record) error {
	page, err := refereeFor(e, referral.GetString("code"))
	if err != nil {
		return err
	}
	page.Panel.AlreadyKnown = true
	if site.IsHTMX(e) {
		return renderPartial(e, http.StatusOK, "referee", "booking_panel", page.Panel)
	}
	return render(e, http.StatusOK, "referee", page)
}

// refereeData is what the referee page shows of a referral and its
// referrer: read from the records, or made up for a preview.
type refereeData struct {
	Code, Status                              string
	Unconfirmed, Expired                      bool // a share link's referral, not yet confirmed; its link too old
	RefereeName, RefereeEmail, RefereeCompany string
	PreferredTimes, Phone, Message            string
	ReferrerName, ReferrerCompany             string
	Emailed                                   bool   // a booking confirmation was queued
	Lang                                      string // the language the page is written in (refereeLang)
}

// refereeFor fills the page for the referral with this code, as it stands,
// for the request that asks for it.
func refereeFor(e *core.RequestEvent, code string) (refereePage, error) {
	r, err := prepared.RefereeByCode(e.App, code)
	if err != nil {
		return refereePage{}, err
	}
	d, err := refereeDataOf(e.App, r, time.Now())
	if err != nil {
		return refereePage{}, err
	}
	d.Lang = refereeLang(e, r)
	return refereePageFor(e.App, d)
}

// refereeLang is the language a referee reads their page in: the one their
// browser asks for when Warmloop ships it (Accept-Language, read on this
// page alone), else their referrer's (locale.Pick: the referrer's own, the
// program's default, English). A malformed header, or one naming only
// languages Warmloop lacks, keeps the referrer's.
func refereeLang(e *core.RequestEvent, r prepared.Referee) string {
	if l := locale.FromAcceptLanguage(e.Request.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return r.ReferrerLocale
}

// refereeDataOf is what the page shows of a referral read at now: a share
// link's referral waiting for its referee (referrals.IsUnconfirmed) expires
// ConfirmWithin after it was made (referrals.ConfirmExpired). Whether a
// booking confirmation was queued is asked of the outbox only for a booked
// referral, the one page that says so.
func refereeDataOf(app core.App, r prepared.Referee, now time.Time) (refereeData, error) {
	d := refereeData{
		Code: r.Code, Status: r.Status, Unconfirmed: r.Flag == referrals.Unconfirmed,
		RefereeName: r.RefereeName, RefereeEmail: r.RefereeEmail, RefereeCompany: r.RefereeCompany,
		PreferredTimes: r.PreferredTimes, Phone: r.Phone, Message: r.Message,
		ReferrerName: r.ReferrerName, ReferrerCompany: r.ReferrerCompany,
	}
	if d.Unconfirmed {
		created, _ := types.ParseDateTime(r.Created) // unreadable is zero: expired
		d.Expired = now.Sub(created.Time()) > referrals.ConfirmWithin
	}
	if !booked(d.Status) {
		return d, nil
	}
	emailed, err := mail.BookingConfirmed(app, r.ID)
	d.Emailed = emailed
	return d, err
}

// booked reports whether a referral in this status has its meeting booked:
// its page shows the booking confirmation.
func booked(status string) bool {
	return status == referrals.Booked || status == referrals.Qualified || status == referrals.Won
}

// key names the page rendered from d among the kept pages: every value it
// shows (the copy, the settings and the layout change the pages'
// generation instead).
func (d refereeData) key() string {
	return strings.Join([]string{"referee", d.Code, d.Status,
		strconv.FormatBool(d.Unconfirmed), strconv.FormatBool(d.Expired), strconv.FormatBool(d.Emailed),
		d.RefereeName, d.RefereeEmail, d.RefereeCompany, d.PreferredTimes, d.Phone, d.Message,
		d.ReferrerName, d.ReferrerCompany, d.Lang}, "\x00")
}

// refereePageFor renders the referee page's copy (the referee page, and
// the booking confirmation once booked) for d.
func refereePageFor(app core.App, d refereeData) (refereePage, error) {
	s, err := program.Load(app)
	if err != nil {
		return refereePage{}, err
	}
	layout := site.LayoutIn(app, d.Lang)
	sp := layout.Speaker
	fixed := pages.Vars{People: map[string]string{"company_name": s.CompanyName, "sender_name": s.SenderName,
		"what_we_do": pages.WhatWeDo(sp, s.WhatWeDo)}}
	p, err := pages.Load(app, "referee", sp.Lang, fixed, refereePeople, nil)
	if err != nil {
		return refereePage{}, err
	}
	values := refereeValues(sp, d)
	booking := referrals.BookingLink(s.BookingURL, d.RefereeName, d.RefereeEmail)
	panel := bookingPanel{
		Code: d.Code, FirstName: values["referee_first_name"], CompanyName: s.CompanyName,
		Booked:      booked(d.Status),
		Declined:    d.Status == referrals.Lost,
		Unconfirmed: d.Unconfirmed, Expired: d.Expired,
		BookingURL: booking, Emailed: d.Emailed, Email: d.RefereeEmail,
		Form: referrals.Booking{Name: d.RefereeName, Company: d.RefereeCompany,
			PreferredTimes: d.PreferredTimes, Phone: d.Phone},
		Speaker: sp,
	}
	if panel.Booked {
		c, err := pages.Load(app, "booking_confirmation", sp.Lang, fixed, confirmPeople, nil)
		if err != nil {
			return refereePage{}, err
		}
		heading := maps.Clone(values)
		maps.Copy(heading, fixed.People)
		panel.ConfirmHeading = pages.Line(c.Title, pages.Vars{People: heading})
		panel.ConfirmBody = template.HTML(c.Body.Fill(values))
	}
	return refereePage{
		Layout:       layout,
		Code:         d.Code,
		Heading:      pages.Line(p.Title, pages.Vars{People: values}),
		Body:         template.HTML(p.Body.Fill(values)),
		ReferrerName: d.ReferrerName, ReferrerCompany: d.ReferrerCompany,
		Panel: panel,
	}, nil
}

// refereeValues are the per-referral variables of the referee page and its
// booking confirmation.
func refereeValues(sp locale.Speaker, d refereeData) map[string]string {
	message := d.Message
	if message == "" {
		message = sp.T("referee.default_message", "Referrer", pages.FirstName(d.ReferrerName))
	}
	return map[string]string{
		"referee_first_name":  pages.FirstName(d.RefereeName),
		"referee_name":        d.RefereeName,
		"referrer_name":       d.ReferrerName,
		"referrer_first_name": pages.FirstName(d.ReferrerName),
		"referrer_company":    d.ReferrerCompany,
		"message":             message,
	}
}
