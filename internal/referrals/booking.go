package referrals

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/customers"
	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// Booking is a referee's request for a meeting, as typed on their page.
type Booking struct {
	Name, Email, Company string
	PreferredTimes       string
	Phone                string
}

// Clean trims what was typed.
func (b Booking) Clean() Booking {
	b.Name = strings.Join(strings.Fields(b.Name), " ")
	b.Email = strings.TrimSpace(b.Email)
	b.Company = strings.Join(strings.Fields(b.Company), " ")
	b.PreferredTimes = strings.TrimSpace(strings.ReplaceAll(b.PreferredTimes, "\r\n", "\n"))
	b.Phone = strings.TrimSpace(b.Phone)
	return b
}

// Validate says, field by field, what must be fixed.
func (b Booking) Validate() Errors {
	errs := Errors{}
	switch n := utf8.RuneCountInString(b.Name); {
	case n == 0:
		errs["name"] = "Please tell us your name."
	case n > MaxName:
		errs["name"] = "That name is too long: keep it under 200 characters."
	}
	switch {
	case b.Email == "":
		errs["email"] = "Please give the email address we should write to."
	case len(b.Email) > MaxEmail || !IsEmail(b.Email):
		errs["email"] = "That doesn't look like an email address. Check it reads like name@company.com."
	}
	if utf8.RuneCountInString(b.Company) > MaxCompany {
		errs["company"] = "That company name is too long: keep it under 200 characters."
	}
	switch n := utf8.RuneCountInString(b.PreferredTimes); {
	case n == 0:
		errs["preferred_times"] = "Please tell us a few times that suit you, with your time zone."
	case n > 2000:
		errs["preferred_times"] = "That is a lot of times: keep it under 2,000 characters."
	}
	if utf8.RuneCountInString(b.Phone) > 50 {
		errs["phone"] = "That phone number is too long."
	}
	return errs
}

// Book records a meeting request on a referral and moves it to booked (the
// referrals hooks record the move and send the thank-you, the sales note and
// the webhook, in the same transaction). A referral already booked or further
// along keeps its status; its details are updated. The referee's booking
// confirmation is queued in the same transaction, once per referral, to the
// address the referral was made with (mail.QueueBookingConfirmation).
func Book(app core.App, referral *core.Record, b Booking) error {
	return app.RunInTransaction(func(tx core.App) error {
		to := referral.GetString("referee_email") // the address we were given, before the form changes it
		referral.Set("referee_name", b.Name)
		referral.Set("referee_email", customers.CanonicalEmail(b.Email))
		if b.Company != "" {
			referral.Set("referee_company", b.Company)
		}
		referral.Set("preferred_times", b.PreferredTimes)
		referral.Set("phone", b.Phone)
		if s := referral.GetString("status"); s == Invited || s == Visited {
			referral.Set("status", Booked)
		}
		if err := tx.Save(referral); err != nil {
			return err
		}
		if s := referral.GetString("status"); s != Booked && s != Qualified {
			return nil // won or lost: there is no meeting to confirm
		}
		s, err := program.Load(tx)
		if err != nil {
			return err
		}
		_, err = mail.QueueBookingConfirmation(tx, s, referral, to)
		return err
	})
}

// Decline records that the referee does not want to hear from us: the
// referral is lost (declined), and every email still waiting for them is
// cancelled. Nobody writes to them again.
func Decline(app core.App, referral *core.Record, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		if s := referral.GetString("status"); s != Won && s != Lost {
			referral.Set("status", Lost)
		}
		referral.Set("lost_reason", "declined")
		if err := tx.Save(referral); err != nil {
			return err
		}
		return outbox.Cancel(tx, referral.GetString("referee_email"), "cancelled: the person declined on "+now.UTC().Format("2006-01-02"))
	})
}

// BookingLink is the settings' booking URL with the referee's name and email
// added as the tool expects them (HubSpot splits the name), so its form is
// filled in already.
func BookingLink(base, name, email string) string {
	u, err := url.Parse(base)
	if err != nil || base == "" {
		return ""
	}
	q := u.Query()
	if strings.HasSuffix(u.Hostname(), "hubspot.com") {
		first, last, _ := strings.Cut(name, " ")
		q.Set("firstName", first)
		q.Set("lastName", last)
	} else {
		q.Set("name", name)
	}
	q.Set("email", email)
	u.RawQuery = q.Encode()
	return u.String()
}
