package webhooks

import (
	"errors"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// bookingWebhook matches a booking made in a booking tool back to the
// referral of whoever booked: their latest open referral moves to booked.
func bookingWebhook(e *core.RequestEvent) error {
	provider := e.Request.PathValue("provider")
	if !slices.Contains(intake.BookingProviders, provider) {
		return e.JSON(http.StatusNotFound, webhookError{Field: "provider",
			Message: "unknown provider " + provider + "; use one of generic, calendly, calcom"})
	}
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	body, ok, err := signedBody(e, s.BookingSecret, "booking webhooks", "booking_secret")
	if !ok {
		return err
	}
	a, err := intake.ParseBooking(provider, body)
	if errors.Is(err, intake.ErrIgnored) {
		return e.JSON(http.StatusOK, map[string]any{"matched": false, "ignored": true})
	} else if err != nil {
		return e.JSON(http.StatusBadRequest, webhookError{Field: "body", Message: err.Error()})
	}
	r, err := referrals.LatestOpenByEmail(e.App, a.Email)
	if err != nil {
		return err
	}
	if r == nil {
		return e.JSON(http.StatusOK, map[string]any{"matched": false})
	}
	if r.GetString("status") == referrals.Booked {
		return e.JSON(http.StatusOK, map[string]any{"matched": true, "referral": r.Id, "already_booked": true})
	}
	name := a.Name
	if name == "" {
		name = r.GetString("referee_name")
	}
	when := "Booked in " + provider
	if a.Start != "" {
		when += " for " + a.Start
	}
	referrals.SetActor(r, referrals.ActorBooking)
	err = referrals.Book(e.App, r, referrals.Booking{Name: name, PreferredTimes: when, Phone: r.GetString("phone")})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"matched": true, "referral": r.Id})
}
