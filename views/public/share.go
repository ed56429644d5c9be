package public

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
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
	Known                         bool
	Sample                        bool // sample data: the form sends nothing
}

// shareFor fills the share page for a referrer.
func shareFor(e *core.RequestEvent, referrer *core.Record) (sharePage, error) {
	s, err := program.Load(e.App)
	if err != nil {
		return sharePage{}, err
	}
	via := ""
	if e.Request.URL.Query().Get("via") == "email" || e.Request.FormValue("via") == "email" {
		via = "email"
	}
	return sharePage{
		Layout: site.LayoutFor(e.App), Code: e.Request.PathValue("code"), Via: via,
		ReferrerName: referrer.GetString("name"), ReferrerCompany: referrer.GetString("company"),
		CompanyName: s.CompanyName, SenderAddress: s.SenderAddress,
	}, nil
}

// loadShare finds the share link's referrer and fills its page; ok false
// means the answer (the 404 page, or an error) is in err.
func loadShare(e *core.RequestEvent) (referrer *core.Record, page sharePage, ok bool, err error) {
	referrer, err = customers.FindByReferralCode(e.App, e.Request.PathValue("code"))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, page, false, site.NotFound(e)
	} else if err != nil {
		return nil, page, false, err
	}
	page, err = shareFor(e, referrer)
	return referrer, page, err == nil, err
}

// shareForm shows the share page.
func shareForm(e *core.RequestEvent) error {
	_, page, ok, err := loadShare(e)
	if !ok {
		return err
	}
	return renderKept(e, http.StatusOK, "share", page)
}

// shareIntroduce makes the visitor's referral, attributed to the referrer
// who shared the link, and takes them straight to their personal page. A
// visitor already known is told so and sent nowhere.
func shareIntroduce(e *core.RequestEvent) error {
	referrer, page, ok, err := loadShare(e)
	if !ok {
		return err
	}
	form := referrals.Form{
		RefereeName:    formValue(e, "name", "referee_name"),
		RefereeEmail:   formValue(e, "email", "referee_email"),
		RefereeCompany: formValue(e, "company", "referee_company"),
	}.Clean()
	page.Name, page.Email, page.Company = form.RefereeName, form.RefereeEmail, form.RefereeCompany
	if e.Request.FormValue(honeypot) != "" {
		page.Known = true // a bot is told nothing it can use
		return render(e, http.StatusOK, "share", page)
	}
	if page.Errors = form.Validate(true); len(page.Errors) > 0 {
		return render(e, http.StatusUnprocessableEntity, "share", page)
	}
	channel := referrals.ShareLink
	if page.Via == "email" {
		channel = referrals.OwnEmail
	}
	out, err := referrals.Refer(e.App, referrals.Introduction{
		Referrer: referrer, Form: form, Channel: channel, Now: time.Now(),
	})
	if err != nil {
		return err
	}
	if out.Known {
		page.Known = true
		return render(e, http.StatusOK, "share", page)
	}
	return e.Redirect(http.StatusSeeOther, "/i/"+out.Referral.GetString("code"))
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
