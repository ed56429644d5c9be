package public

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/asks"
	"warmloop/internal/customers"
	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/token"
	"warmloop/views/site"
)

// sharePage is the page behind a referrer's share link: who shared it, and
// a short form for the visitor to introduce themself.
type sharePage struct {
	site.Layout
	Code, Via                     string
	ReferrerName, ReferrerCompany string
	CompanyName, SenderAddress    string
	Name, Email, Company          string
	Errors                        referrals.Errors
	Sent                          bool // the form was sent: check your email
	Sample                        bool // sample data: the form sends nothing
	// Own is the referrer's record when the referrer is the one looking
	// (ownerRecord); empty for everyone else.
	Own ownRecord
}

// ownerCookie tells a share page that its own referrer is looking. It is
// set when they open one of their ask links, holds that link's token, and
// goes only to their own share page: the share link itself is meant to be
// passed around, so it never shows the record to whoever holds it.
const ownerCookie = "warmloop_referrer"

// rememberReferrer remembers, in the browser that opened an ask link, that
// its person is the referrer of the share link code, for as long as an ask
// link works.
func rememberReferrer(e *core.RequestEvent, tok, code string) {
	s, err := program.Load(e.App)
	if err != nil || code == "" {
		return
	}
	http.SetCookie(e.Response, &http.Cookie{
		Name: ownerCookie, Value: tok, Path: "/s/" + code, MaxAge: int(s.AskLinkAge().Seconds()),
		HttpOnly: true, Secure: e.IsTLS(), SameSite: http.SameSiteLaxMode,
	})
}

// ownerRecord is the record of the share link's referrer when they are the
// one looking: the browser holds an ask link of theirs (ownerCookie) that
// still works. Anyone else, an expired link or another referrer's link
// gets an empty record, and no cookie means no read at all.
func ownerRecord(e *core.RequestEvent, code string, sp locale.Speaker) (ownRecord, error) {
	c, err := e.Request.Cookie(ownerCookie)
	if err != nil || !token.Plausible(c.Value) {
		return ownRecord{}, nil
	}
	v, err := referrals.VisitByToken(e.App, c.Value)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && v.Code != code) {
		return ownRecord{}, nil
	} else if err != nil {
		return ownRecord{}, err
	}
	if link, err := visitLink(e.App, v); err != nil || link != asks.LinkOpen {
		return ownRecord{}, err
	}
	own, _, err := readOwnRecord(e.App, v.CustomerID, v.Name, v.OnWall, "/r/"+c.Value+"#refer", sp)
	return own, err
}

// shareFor fills the share page for a referrer.
func shareFor(e *core.RequestEvent, referrer customers.Sharer) (sharePage, error) {
	s, err := program.Load(e.App)
	if err != nil {
		return sharePage{}, err
	}
	via := ""
	if e.Request.URL.Query().Get("via") == "email" || e.Request.FormValue("via") == "email" {
		via = "email"
	}
	return sharePage{
		Layout: site.LayoutIn(e.App, shareLang(e, referrer)), Code: e.Request.PathValue("code"), Via: via,
		ReferrerName: referrer.Name, ReferrerCompany: referrer.Company,
		CompanyName: s.CompanyName, SenderAddress: s.SenderAddress,
	}, nil
}

// loadShare finds the share link's referrer (kept in memory per code,
// customers.SharerByCodeKept) and fills its page; ok false means the
// answer (the 404 page, or an error) is in err.
func loadShare(e *core.RequestEvent) (referrer customers.Sharer, page sharePage, ok bool, err error) {
	referrer, err = customers.SharerByCodeKept(e.App, e.Request.PathValue("code"))
	if errors.Is(err, sql.ErrNoRows) {
		return referrer, page, false, site.NotFound(e)
	} else if err != nil {
		return referrer, page, false, err
	}
	if referrer.OptedOut {
		return referrer, page, false, shareOff(e, shareLang(e, referrer))
	}
	page, err = shareFor(e, referrer)
	return referrer, page, err == nil, err
}

// shareForm shows the share page: to a stranger, from what is kept in
// memory (the referrer, the rendered page); to its referrer, with their
// record too.
func shareForm(e *core.RequestEvent) error {
	_, page, ok, err := loadShare(e)
	if !ok {
		return err
	}
	if page.Own, err = ownerRecord(e, page.Code, page.Speaker); err != nil {
		return err
	}
	return renderKept(e, http.StatusOK, "share", page)
}

// shareAnswerTime is the least time the share form takes to answer a form
// it accepts. What it does differs by who the visitor is (a new person gets
// a referral and an email, a known one nothing), so every answer waits
// until then: how long it took tells no more than what it says.
const shareAnswerTime = 300 * time.Millisecond

// shareIntroduce makes the visitor's referral, attributed to the referrer
// who shared the link, unconfirmed until they follow the link emailed to
// the address they gave (referrals.Refer). Whoever they are (someone new,
// already a customer, introduced already, someone who declined, or a bot)
// the answer is the same page with the same status, and it takes at least
// shareAnswerTime: the form cannot be used to learn whether an address is
// known. Only a form with something to fix is answered otherwise.
func shareIntroduce(e *core.RequestEvent) error {
	start := time.Now()
	sharer, page, ok, err := loadShare(e)
	if !ok {
		return err
	}
	form := referrals.Form{
		RefereeName:    formValue(e, "name", "referee_name"),
		RefereeEmail:   formValue(e, "email", "referee_email"),
		RefereeCompany: formValue(e, "company", "referee_company"),
	}.Clean()
	page.Name, page.Email, page.Company = form.RefereeName, form.RefereeEmail, form.RefereeCompany
	if e.Request.FormValue(honeypot) == "" {
		if page.Errors = form.Validate(true); len(page.Errors) > 0 {
			return render(e, http.StatusUnprocessableEntity, "share", page)
		}
		channel := referrals.ShareLink
		if page.Via == "email" {
			channel = referrals.OwnEmail
		}
		referrer, err := e.App.FindRecordById("customers", sharer.ID)
		if err != nil {
			return err
		}
		_, err = referrals.Refer(e.App, referrals.Introduction{
			Referrer: referrer, Form: form, Channel: channel, Now: time.Now(),
		})
		if err != nil {
			return err
		}
	}
	page.Sent = true
	waitUntil(e.Request.Context(), start.Add(shareAnswerTime))
	return render(e, http.StatusOK, "share", page)
}

// waitUntil returns at t, or sooner when the request is gone.
func waitUntil(ctx context.Context, t time.Time) {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}

// formValue is the first non-empty of a form's fields, for forms that
// accept a short name and the contract's name.
func formValue(e *core.RequestEvent, names ...string) string {
	for _, n := range names {
		if v := e.Request.FormValue(n); v != "" {
			return v
		}
	}
	return ""
}

// shareLang is the language of a share link's page: like a referee's page
// (refereeLang), the visitor's browser's when Warmloop ships it, else the
// referrer's.
func shareLang(e *core.RequestEvent, referrer customers.Sharer) string {
	if l := locale.FromAcceptLanguage(e.Request.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return referrer.Locale
}
