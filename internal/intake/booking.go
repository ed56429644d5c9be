// Booking webhooks (Calendly, Cal.com, or a generic JSON body) are read
// here into one shape, so a booking made in the tool is matched back to the
// referral of the person who booked.

package intake

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// Attendee is who booked and when the meeting is.
type Attendee struct {
	Email, Name, Start string
}

// ErrIgnored is an event that is not a new booking (a cancellation, a ping).
var ErrIgnored = errors.New("not a new booking")

// BookingProviders are the accepted booking provider names.
var BookingProviders = []string{"generic", "calendly", "calcom"}

// ParseBooking reads a provider's booking webhook.
func ParseBooking(provider string, body []byte) (Attendee, error) {
	var a Attendee
	switch provider {
	case "calendly":
		var p struct {
			Event   string `json:"event"`
			Payload struct {
				Email, Name    string
				ScheduledEvent struct {
					StartTime string `json:"start_time"`
				} `json:"scheduled_event"`
			} `json:"payload"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return a, errors.New("the body is not JSON: " + err.Error())
		}
		if p.Event != "invitee.created" {
			return a, ErrIgnored
		}
		a = Attendee{p.Payload.Email, p.Payload.Name, p.Payload.ScheduledEvent.StartTime}
	case "calcom":
		var p struct {
			TriggerEvent string `json:"triggerEvent"`
			Payload      struct {
				StartTime string `json:"startTime"`
				Attendees []struct{ Email, Name string }
			} `json:"payload"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return a, errors.New("the body is not JSON: " + err.Error())
		}
		if p.TriggerEvent != "BOOKING_CREATED" {
			return a, ErrIgnored
		}
		if len(p.Payload.Attendees) == 0 {
			return a, errors.New("payload.attendees is empty: no one to match")
		}
		a = Attendee{p.Payload.Attendees[0].Email, p.Payload.Attendees[0].Name, p.Payload.StartTime}
	case "generic":
		var p struct {
			Email, Name string
			StartTime   string `json:"start_time"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return a, errors.New("the body is not JSON: " + err.Error())
		}
		a = Attendee{p.Email, p.Name, p.StartTime}
	default:
		return a, errors.New("unknown provider " + provider + "; use one of " + strings.Join(BookingProviders, ", "))
	}
	a.Email, a.Name, a.Start = customers.CanonicalEmail(a.Email), text.Line(a.Name), text.Line(a.Start)
	if a.Email == "" {
		return a, errors.New("no attendee email in the body")
	}
	if !customers.ValidEmail(a.Email) {
		return a, errors.New("the attendee email " + strconv.Quote(a.Email) + " is not an email address")
	}
	return a, nil
}
