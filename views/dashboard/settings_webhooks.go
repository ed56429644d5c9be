package dashboard

import (
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/program"
	"warmloop/views/form"
)

// settProviderLabels name each webhook provider as the admin knows it.
var settProviderLabels = map[string]string{
	"nps/generic": "Any tool or script (generic JSON)", "nps/delighted": "Delighted", "nps/typeform": "Typeform",
	"nps/asknicely": "AskNicely", "nps/survicate": "Survicate", "nps/wootric": "Wootric / InMoment",
	"booking/generic": "Any tool or script (generic JSON)", "booking/calendly": "Calendly", "booking/calcom": "Cal.com",
}

// settProviderHow says how each provider that does not carry the secret in
// its URL proves it.
var settProviderHow = map[string]string{
	"nps/generic":     "Send the NPS secret as Authorization: Bearer <secret>, or sign the body (X-Warmloop-Signature).",
	"nps/typeform":    "In Typeform's webhook settings, paste the NPS secret as the webhook's secret: Typeform signs each answer with it.",
	"nps/delighted":   "In Delighted, add this URL as a webhook. Once you paste the key Delighted signs its webhooks with (X-Delighted-Webhook-Signature) below, the URL carries no token.",
	"nps/survicate":   "In Survicate's webhook settings, add this URL for the question answered event, and copy the Signing Secret shown there into the field below: Survicate's Hmac header then proves each answer and the URL carries no token.",
	"nps/wootric":     "In Wootric (InMoment), add this URL as a webhook. Once you paste the key Wootric signs its webhooks with (X-Wootric-Signature) below, the URL carries no token.",
	"nps/asknicely":   "In AskNicely, App Store → Webhooks, paste this URL; or paste it without ?token= and add the custom header Authorization: Bearer <key>. AskNicely does not sign its webhooks, so the key is the proof: set one below to give AskNicely a key of its own.",
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
	// Key is the provider's own key, where it has one (empty means the NPS
	// secret is its key), typed here beside its URL; Reveal shows it on
	// request, for a tool that sends it itself.
	Key    *settSecret
	Reveal *settReveal
}

// settProviderKeyLabels name each NPS provider's own key field.
var settProviderKeyLabels = map[string]string{
	"delighted": "Delighted signing key", "survicate": "Survicate signing secret",
	"wootric": "Wootric signing key", "asknicely": "AskNicely key",
}

// settHooksFor builds each provider's webhook URL on base, with the secret
// as ?token= where the provider cannot send it otherwise.
func settHooksFor(base string, r *core.Record, f form.Form) settHooks {
	nps, booking := r.GetString("nps_secret"), r.GetString("booking_secret")
	h := settHooks{NPSSecret: settRevealOf("nps-secret-value", "NPS secret", nps),
		BookingSecret: settRevealOf("booking-secret-value", "booking secret", booking)}
	for _, p := range intake.NPSProviders() {
		h.NPS = append(h.NPS, settNPSHookFor(base, p, r, f))
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

// settNPSHookFor is one NPS provider's webhook: its key is its own when one
// is set, else the NPS secret; a provider that signs with its own key
// carries no token in its URL once that key is set.
func settNPSHookFor(base, provider string, r *core.Record, f form.Form) settHook {
	field, ownKey := program.NPSKeyFields[provider]
	key, tokenInURL := r.GetString("nps_secret"), intake.NPSTokenInURL(provider)
	if own := r.GetString(field); ownKey && own != "" {
		key, tokenInURL = own, !intake.NPSSignsWithOwnKey(provider)
	}
	h := settHookFor(base, "nps", provider, key, tokenInURL)
	if ownKey {
		k := settSecretOf(settSecret{Name: field, Label: settProviderKeyLabels[provider],
			Hint: "Empty means the NPS secret is " + h.Label + "'s key."}, r, f)
		h.Key = &k
		if !intake.NPSSignsWithOwnKey(provider) {
			h.Reveal = settRevealOf(field+"-value", settProviderKeyLabels[provider], r.GetString(field))
		}
	}
	return h
}
