package prepared_test

import (
	"database/sql"
	"errors"
	"testing"

	"warmloop/internal/prepared"
	"warmloop/tests/schemaapp"

	"github.com/pocketbase/pocketbase/core"
)

const introTemplate, bookingTemplate = "intro_email", "booking_confirmation_email"

func TestTheRefereeReadIsTheReferralItsReferrerAndItsEmails(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", map[string]any{"company": "Acme"})
	refer := func(email string) *core.Record {
		return schemaapp.Save(t, app, "referrals", map[string]any{
			"referrer": ana.Id, "referee_name": "Jo Bloggs", "referee_email": email, "referee_company": "Fabrikam",
			"status": "booked", "flag": "unconfirmed", "preferred_times": "Tuesdays", "phone": "+44 20 7946 0000",
			"message": "Jo runs ops at Fabrikam.",
		})
	}
	jo, other := refer("jo@fabrikam.example"), refer("sam@fabrikam.example")
	email := func(referral *core.Record, template, status, sentAt string) {
		schemaapp.Save(t, app, "outbox", map[string]any{"kind": "email", "to": referral.GetString("referee_email"),
			"referral": referral.Id, "status": status, "sent_at": sentAt,
			"payload": map[string]any{"template": template, "referral": referral.Id}})
	}
	email(jo, introTemplate, "sent", "2026-11-02 09:00:00.000Z")
	email(jo, introTemplate, "sent", "2026-11-03 09:00:00.000Z") // sent again: the latest counts
	email(jo, introTemplate, "pending", "")
	email(jo, bookingTemplate, "pending", "")
	email(other, introTemplate, "sent", "2026-11-09 09:00:00.000Z")

	got, err := prepared.RefereeByCode(app, jo.GetString("code"), introTemplate, bookingTemplate)
	if err != nil {
		t.Fatal(err)
	}
	want := prepared.Referee{
		ID: jo.Id, Code: jo.GetString("code"), Status: "booked", Flag: "unconfirmed", Created: got.Created,
		RefereeName: "Jo Bloggs", RefereeEmail: "jo@fabrikam.example", RefereeCompany: "Fabrikam",
		PreferredTimes: "Tuesdays", Phone: "+44 20 7946 0000", Message: "Jo runs ops at Fabrikam.",
		ReferrerName: "Ana Lima", ReferrerCompany: "Acme",
		IntroSentAt: "2026-11-03 09:00:00.000Z", BookingQueued: true,
	}
	if got != want || got.Created != jo.GetDateTime("created").String() {
		t.Errorf("read\n%+v\nwant\n%+v (created %s)", got, want, jo.GetDateTime("created"))
	}

	// The other referral's introduction waits in the outbox; nothing else is queued for it.
	email(other, introTemplate, "pending", "")
	got, err = prepared.RefereeByCode(app, other.GetString("code"), introTemplate, bookingTemplate)
	if err != nil || got.IntroSentAt != "2026-11-09 09:00:00.000Z" || got.BookingQueued {
		t.Errorf("the other referral: %+v, %v", got, err)
	}
}

func TestAnUnknownRefereeCodeIsErrNoRows(t *testing.T) {
	app := schemaapp.New(t)
	if _, err := prepared.RefereeByCode(app, "nobody-has-this-code", introTemplate, bookingTemplate); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("RefereeByCode: %v, want sql.ErrNoRows", err)
	}
}
