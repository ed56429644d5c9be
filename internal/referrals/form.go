package referrals

import (
	"strings"
	"unicode/utf8"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// Limits on what a form accepts; they match the referrals collection.
const (
	MaxName    = 200
	MaxCompany = 200
	MaxEmail   = customers.MaxEmail
	MaxMessage = 5000
)

// Form is an introduction as typed: by a referrer on the landing page, or by
// a visitor introducing themself through a share link.
type Form struct {
	RefereeName    string
	RefereeEmail   string
	RefereeCompany string
	Message        string
	CopyMe         bool // the referrer is copied on the introduction
	OnWall         bool // the referrer consents to the recognition wall
}

// Errors maps a form field, by its contract name, to what is wrong with it:
// a message id of the catalog (form.error.*, internal/locale), which the
// page writes in its reader's language.
type Errors map[string]string

// Clean trims what was typed and removes what nobody types on purpose
// (control and direction characters, bytes that are not UTF-8), keeping
// the message's line breaks.
func (f Form) Clean() Form {
	f.RefereeName = text.Line(f.RefereeName)
	f.RefereeEmail = strings.TrimSpace(f.RefereeEmail)
	f.RefereeCompany = text.Line(f.RefereeCompany)
	f.Message = text.Block(f.Message)
	return f
}

// Plain removes from a cleaned booking what nobody types on purpose, as
// Form.Clean does for an introduction: the name and company become one
// line, the preferred times keep their line breaks.
func (b Booking) Plain() Booking {
	b.Name, b.Company, b.Phone = text.Line(b.Name), text.Line(b.Company), text.Line(b.Phone)
	b.PreferredTimes = text.Block(b.PreferredTimes)
	return b
}

// Validate says, field by field, what must be fixed before the form can be
// sent; an empty result means it can. Self is a visitor introducing
// themself (the share link), whom the messages address directly.
func (f Form) Validate(self bool) Errors {
	errs := Errors{}
	switch n := utf8.RuneCountInString(f.RefereeName); {
	case n == 0 && self:
		errs["referee_name"] = "form.error.name_self"
	case n == 0:
		errs["referee_name"] = "form.error.name"
	case n > MaxName:
		errs["referee_name"] = "form.error.name_long"
	}
	switch {
	case f.RefereeEmail == "" && self:
		errs["referee_email"] = "form.error.email_self"
	case f.RefereeEmail == "":
		errs["referee_email"] = "form.error.email"
	case len(f.RefereeEmail) > MaxEmail:
		errs["referee_email"] = "form.error.email_long"
	case !IsEmail(f.RefereeEmail):
		errs["referee_email"] = "form.error.email_bad"
	}
	if utf8.RuneCountInString(f.RefereeCompany) > MaxCompany {
		errs["referee_company"] = "form.error.company_long"
	}
	if utf8.RuneCountInString(f.Message) > MaxMessage {
		errs["message"] = "form.error.note_long"
	}
	return errs
}

// IsEmail reports whether s is an email address by the one rule every path
// shares, customers.ValidEmail ("ana@acme.com"; not "Ana <ana@acme.com>",
// "ana@localhost" or "a@[127.0.0.1]").
func IsEmail(s string) bool {
	return customers.ValidEmail(s)
}
