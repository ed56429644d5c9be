package dashboard

import (
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
)

// settProviderLabels name each webhook provider as the admin knows it.
var settProviderLabels = map[string]string{
	"nps/generic": "Any tool or script (generic JSON)", "nps/delighted": "Delighted", "nps/typeform": "Typeform",
	"booking/generic": "Any tool or script (generic JSON)", "booking/calendly": "Calendly", "booking/calcom": "Cal.com",
}

// settProviderHow says how each provider that does not carry the secret in
// its URL proves it.
var settProviderHow = map[string]string{
	"nps/generic":     "Send the NPS secret as Authorization: Bearer <secret>, or sign the body (X-Warmloop-Signature).",
	"nps/typeform":    "In Typeform's webhook settings, paste the NPS secret as the webhook's secret: Typeform signs each answer with it.",
	"booking/generic": "Send the booking secret as Authorization: Bearer <secret>.",
}

// settHooks are the webhook addresses the settings screen offers to copy,
// and the two secrets the providers prove, for those who send them
// themselves. The secrets appear nowhere else.
type settHooks struct {
	NPS, Booking             []settHook
	NPSSecret, BookingSecret *settReveal
}

// settReveal is a secret shown on request (a closed <details>), to copy
// into a tool that proves it itself; nil when the secret is not set.
type settReveal struct {
	ID, Label, Value string
}

// settRevealOf is the reveal of a secret, nil when it is not set.
func settRevealOf(id, label, value string) *settReveal {
	if value == "" {
		return nil
	}
	return &settReveal{ID: id, Label: label, Value: value}
}

// settHook is one provider's webhook: the exact URL to paste, and how it
// proves the secret when the URL does not carry it.
type settHook struct {
	ID, Label, URL, How string
	// NoSecret is set when the secret this hook needs is not set: every
	// delivery is refused until it is.
	NoSecret bool
}

// settHooksFor builds each provider's webhook URL on base, with the secret
// as ?token= where the provider cannot send it otherwise.
func settHooksFor(base string, r *core.Record) settHooks {
	nps, booking := r.GetString("nps_secret"), r.GetString("booking_secret")
	h := settHooks{NPSSecret: settRevealOf("nps-secret-value", "NPS secret", nps),
		BookingSecret: settRevealOf("booking-secret-value", "booking secret", booking)}
	for _, p := range intake.NPSProviders() {
		h.NPS = append(h.NPS, settHookFor(base, "nps", p, nps, intake.NPSTokenInURL(p)))
	}
	for _, p := range intake.BookingProviders {
		h.Booking = append(h.Booking, settHookFor(base, "booking", p, booking, intake.BookingTokenInURL(p)))
	}
	return h
}

// settHookFor is one provider's webhook.
func settHookFor(base, kind, provider, secret string, tokenInURL bool) settHook {
	key := kind + "/" + provider
	h := settHook{ID: "hook-" + kind + "-" + provider, Label: settProviderLabels[key], How: settProviderHow[key],
		URL: base + "/hooks/" + key, NoSecret: secret == ""}
	if h.Label == "" {
		h.Label = provider
	}
	if tokenInURL && secret != "" {
		h.URL += "?" + url.Values{"token": {secret}}.Encode()
	}
	return h
}
