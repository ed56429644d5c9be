package referrals

import (
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// Booking is a referee's request for a meeting, as typed on their page or
// sent by a booking tool. It has no email: a booking never changes whose
// referral it is, so the referral keeps the address it was made with.
type Booking struct {
	Name, Company  string
	PreferredTimes string
	Phone          string
}

// Clean trims what was typed.
func (b Booking) Clean() Booking {
	b.Name = strings.Join(strings.Fields(b.Name), " ")
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
		errs["name"] = "form.error.name_self"
	case n > MaxName:
		errs["name"] = "form.error.name_long"
	}
	if utf8.RuneCountInString(b.Company) > MaxCompany {
		errs["company"] = "form.error.company_long"
	}
	switch n := utf8.RuneCountInString(b.PreferredTimes); {
	case n == 0:
		errs["preferred_times"] = "form.error.times"
	case n > 2000:
		errs["preferred_times"] = "form.error.times_long"
	}
	if utf8.RuneCountInString(b.Phone) > 50 {
		errs["phone"] = "form.error.phone_long"
	}
	return errs
}

// ErrUnconfirmed refuses to book a referral whose referee has not yet
// confirmed their email (see Confirm).
var ErrUnconfirmed = errors.New("this referral waits for its referee to confirm their email")

// Book records a meeting request on a referral and moves it to booked, by
// the referee on their page unless the caller named another actor (the
// booking webhook; SetActor) (the
// referrals hooks record the move and send the thank-you, the sales note and
// the webhook, in the same transaction). A referral already booked or further
// along keeps its status; its details are updated. The referral's email
// never changes: the booking confirmation, queued in the same transaction
// and once per referral (mail.QueueBookingConfirmation), goes to the address
// the referral was made with.
func Book(app core.App, referral *core.Record, b Booking) error {
	if IsUnconfirmed(referral) {
		return ErrUnconfirmed
	}
	return app.RunInTransaction(func(tx core.App) error {
		referral.Set("referee_name", b.Name)
		if b.Company != "" {
			referral.Set("referee_company", b.Company)
		}
		referral.Set("preferred_times", b.PreferredTimes)
		referral.Set("phone", b.Phone)
		if s := referral.GetString("status"); s == Invited || s == Visited {
			referral.Set("status", Booked)
		}
		if ActorOf(referral) == ActorUnnamed {
			SetActor(referral, ActorReferee) // on their own page, unless a webhook said otherwise
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
		_, err = mail.QueueBookingConfirmation(tx, s, referral, referral.GetString("referee_email"))
		return err
	})
}

// Decline records that the referee does not want to hear from us: the
// referral is lost (declined), and the emails still waiting to go to them
// about this referral are cancelled. Another referral's emails, and mail
// to anyone else, are left alone; an address declined once is never
// introduced again (isKnown). A won referral is final: declining it changes
// nothing. The referral is read again in the transaction; the record passed
// is not changed.
func Decline(app core.App, referral *core.Record, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("referrals", referral.Id)
		if err != nil {
			return err
		}
		if fresh.GetString("status") == Won {
			return nil
		}
		fresh.Set("status", Lost)
		fresh.Set("lost_reason", "declined")
		SetActor(fresh, ActorReferee)
		if err := tx.Save(fresh); err != nil {
			return err
		}
		return outbox.CancelForReferral(tx, fresh.Id, fresh.GetString("referee_email"),
			"cancelled: the person declined on "+now.UTC().Format("2006-01-02"))
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
