package dashboard

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/privacy"
	"warmloop/views/form"
)

// privacySubject is the person a privacy action is about, found from the
// record the dashboard shows them on, and where its pages lead.
type privacySubject struct {
	Name, Email string
	// Role says how the dashboard knows them: "customer" or "referee".
	Role string
	// Back is the page the action was opened from; Done, where an erasure
	// lands (with its notice).
	Back, Done          string
	ExportURL, EraseURL string
}

// subjectOf finds the person of a privacy route's record; ok is false for
// a record that does not exist.
type subjectOf func(e *core.RequestEvent) (s privacySubject, ok bool)

// customerSubject is the customer a customer route names.
func customerSubject(e *core.RequestEvent) (privacySubject, bool) {
	c, err := e.App.FindRecordById("customers", e.Request.PathValue("id"))
	if err != nil {
		return privacySubject{}, false
	}
	page := "/dashboard/customers/" + c.Id
	return privacySubject{
		Name: c.GetString("name"), Email: c.GetString("email"), Role: "customer",
		Back: page, Done: page, ExportURL: page + "/privacy/export", EraseURL: page + "/privacy/erase",
	}, true
}

// refereeSubject is the person a referral introduced.
func refereeSubject(e *core.RequestEvent) (privacySubject, bool) {
	r, err := e.App.FindRecordById("referrals", e.Request.PathValue("id"))
	if err != nil {
		return privacySubject{}, false
	}
	page := referralsPath + "/" + r.Id
	return privacySubject{
		Name: r.GetString("referee_name"), Email: r.GetString("referee_email"), Role: "referee",
		Back: referralsPath + "?view=table", Done: referralsPath + "?view=table",
		ExportURL: page + "/privacy/export", EraseURL: page + "/privacy/erase",
	}, true
}

// privacyPage is the confirmation step before an erasure: who, what is
// stored about them, and the form where the admin types their email.
type privacyPage struct {
	adminPage
	Person   privacySubject
	Stored   privacy.Counts
	Form     form.Form
	Erased   bool // the person was erased already
	Unstored bool // nothing is stored under their address (nothing to erase)
}

// privacyExport downloads everything stored about the person as one JSON file.
func privacyExport(of subjectOf) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		s, ok := of(e)
		if !ok {
			return adminNotFound(e)
		}
		x, err := privacy.ExportOf(e.App, s.Email)
		if errors.Is(err, privacy.ErrUnknown) || errors.Is(err, privacy.ErrNotEmail) {
			sp := adminSpeaker(e)
			return adminError(e, http.StatusNotFound, sp.T("dash.erase.nothing_to_export"), sp.T("dash.erase.nothing_to_export_help"))
		}
		if err != nil {
			return err
		}
		raw, err := x.JSON()
		if err != nil {
			return err
		}
		h := e.Response.Header()
		h.Set("Content-Disposition", `attachment; filename="warmloop-`+s.Role+`-`+e.Request.PathValue("id")+`.json"`)
		h.Set("Cache-Control", "no-store")
		return e.Blob(http.StatusOK, "application/json; charset=utf-8", raw)
	}
}

// privacyEraseForm shows the confirmation step.
func privacyEraseForm(of subjectOf) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		s, ok := of(e)
		if !ok {
			return adminNotFound(e)
		}
		return renderPrivacy(e, http.StatusOK, s, form.Form{Values: map[string][]string{}, Errors: map[string]string{}})
	}
}

// privacyErase erases the person once the admin typed their email, and
// goes back to where the action was opened, saying so.
func privacyErase(of subjectOf) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		s, ok := of(e)
		if !ok {
			return adminNotFound(e)
		}
		f := form.New(e)
		if customers.CanonicalEmail(f.Get("confirm")) != customers.CanonicalEmail(s.Email) {
			f.Fail("confirm", adminSpeaker(e).T("dash.erase.mismatch", "Email", s.Email))
			return renderPrivacy(e, http.StatusUnprocessableEntity, s, f)
		}
		if privacy.IsErased(s.Email) {
			return renderPrivacy(e, http.StatusConflict, s, f)
		}
		done, err := privacy.Erase(e.App, s.Email)
		if errors.Is(err, privacy.ErrUnknown) || errors.Is(err, privacy.ErrNotEmail) {
			return renderPrivacy(e, http.StatusConflict, s, f)
		}
		if err != nil {
			return err
		}
		e.App.Logger().Info("a person was erased from the dashboard", "by", e.Auth.Email(), "role", s.Role,
			"record", e.Request.PathValue("id"), "records", done.String())
		return redirectNotice(e, s.Done, "erased")
	}
}

// renderPrivacy shows the confirmation step with what is stored about the
// person and the form as typed.
func renderPrivacy(e *core.RequestEvent, status int, s privacySubject, f form.Form) error {
	page := privacyPage{adminPage: newAdminPage(e, "customers"), Person: s, Form: f, Erased: privacy.IsErased(s.Email)}
	if s.Role == "referee" {
		page.Section = "referrals"
	}
	if !page.Erased {
		x, err := privacy.ExportOf(e.App, s.Email)
		switch {
		case errors.Is(err, privacy.ErrUnknown) || errors.Is(err, privacy.ErrNotEmail):
			page.Unstored = true
		case err != nil:
			return err
		}
		page.Stored = x.Counts()
	}
	return render(e, status, "admin/privacy_erase", page)
}
