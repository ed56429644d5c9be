package referrals_test

import (
	"testing"

	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"

	"github.com/pocketbase/dbx"
)

func TestABookingMatchesOnlyAnOpenReferral(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", nil)
	refer := func(email, status string) string {
		return schemaapp.Save(t, app, "referrals", map[string]any{
			"referrer": ana.Id, "referee_name": "Jo", "referee_email": email, "status": status,
		}).Id
	}
	refer("won@fabrikam.example", "won")
	refer("lost@fabrikam.example", "lost")
	refer("qualified@fabrikam.example", "qualified")
	booked := refer("booked@fabrikam.example", "booked")
	older := refer("jo@fabrikam.example", "invited")
	if _, err := app.DB().Update("referrals", dbx.Params{"created": "2026-01-01 10:00:00.000Z"}, dbx.HashExp{"id": older}).Execute(); err != nil {
		t.Fatal(err)
	}
	latest := refer("jo@fabrikam.example", "visited")

	for email, want := range map[string]string{
		"won@fabrikam.example": "", "lost@fabrikam.example": "", "qualified@fabrikam.example": "",
		"booked@fabrikam.example": booked, "jo@fabrikam.example": latest, "nobody@fabrikam.example": "",
	} {
		r, err := referrals.LatestOpenByEmail(app, email)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if r != nil {
			got = r.Id
		}
		if got != want {
			t.Errorf("%s matched %q, want %q", email, got, want)
		}
	}
}

func TestMarkVisitedMovesOnlyAnInvitedReferral(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@acme.example", nil)
	for from, want := range map[string]string{"invited": "visited", "visited": "visited", "booked": "booked", "lost": "lost"} {
		r := schemaapp.Save(t, app, "referrals", map[string]any{
			"referrer": ana.Id, "referee_name": "Jo", "referee_email": from + "@fabrikam.example", "status": from,
		})
		if err := referrals.MarkVisited(app, r); err != nil {
			t.Fatal(err)
		}
		r, _ = referrals.FindByCode(app, r.GetString("code"))
		if r.GetString("status") != want {
			t.Errorf("a %s referral opened is %s, want %s", from, r.GetString("status"), want)
		}
	}
}
