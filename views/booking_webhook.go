package views

import (
	"errors"
	"io"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/booking"
	"warmloop/internal/program"
	"warmloop/internal/referring"
	"warmloop/internal/signature"
)

// bookingWebhook matches a booking made in a booking tool back to the
// referral of whoever booked: their latest open referral moves to booked.
func bookingWebhook(e *core.RequestEvent) error {
	provider := e.Request.PathValue("provider")
	if !slices.Contains(booking.Providers, provider) {
		return e.JSON(http.StatusNotFound, webhookError{Field: "provider",
			Message: "unknown provider " + provider + "; use one of generic, calendly, calcom"})
	}
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, maxWebhookBody+1))
	if err != nil || len(body) > maxWebhookBody {
		return e.JSON(http.StatusRequestEntityTooLarge, webhookError{Field: "body", Message: "the body is unreadable or over 64 KiB"})
	}
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	creds := signature.Credentials{
		Authorization: e.Request.Header.Get("Authorization"),
		Token:         e.Request.URL.Query().Get("token"),
		Signature:     e.Request.Header.Get("X-Warmloop-Signature"),
	}
	if !signature.Authorized(s.BookingSecret, creds, body) {
		msg := "missing or wrong secret: add ?token=<secret> to the URL, or send Authorization: Bearer <secret>"
		if s.BookingSecret == "" {
			msg = "booking webhooks are off until a shared secret (booking_secret) is set in the program settings"
		}
		return e.JSON(http.StatusUnauthorized, webhookError{Message: msg})
	}
	a, err := booking.Parse(provider, body)
	if errors.Is(err, booking.ErrIgnored) {
		return e.JSON(http.StatusOK, map[string]any{"matched": false, "ignored": true})
	} else if err != nil {
		return e.JSON(http.StatusBadRequest, webhookError{Field: "body", Message: err.Error()})
	}
	open, err := e.App.FindRecordsByFilter("referrals",
		"referee_email = {:email} && (status = 'invited' || status = 'visited' || status = 'booked')",
		"-created", 1, 0, dbx.Params{"email": a.Email})
	if err != nil {
		return err
	}
	if len(open) == 0 {
		return e.JSON(http.StatusOK, map[string]any{"matched": false})
	}
	r := open[0]
	if r.GetString("status") == "booked" {
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
	err = referring.Book(e.App, r, referring.Booking{Name: name, Email: a.Email, PreferredTimes: when, Phone: r.GetString("phone")})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"matched": true, "referral": r.Id})
}
