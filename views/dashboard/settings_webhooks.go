package dashboard

import (
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/intake"
	"warmloop/internal/locale"
	"warmloop/internal/program"
	"warmloop/views/form"
)

// settProviderLabel names a webhook provider as the admin knows it: its
// brand, or what the generic address is for.
func settProviderLabel(sp locale.Speaker, provider string) string {
	switch provider {
	case "generic":
		return sp.T("dash.settings.hooks.generic")
	case "delighted":
		return "Delighted"
	case "typeform":
		return "Typeform"
	case "asknicely":
		return "AskNicely"
	case "survicate":
		return "Survicate"
	case "wootric":
		return "Wootric / InMoment"
	case "calendly":
		return "Calendly"
	case "calcom":
		return "Cal.com"
	}
	return provider
}

// settProviderHow says how each provider that does not carry the secret in
// its URL proves it.
func settProviderHow(sp locale.Speaker, key string) string {
	switch key {
	case "nps/generic":
		return sp.T("dash.settings.hooks.how.nps_generic")
	case "nps/typeform":
		return sp.T("dash.settings.hooks.how.typeform")
	case "nps/delighted":
		return sp.T("dash.settings.hooks.how.delighted")
	case "nps/survicate":
		return sp.T("dash.settings.hooks.how.survicate")
	case "nps/wootric":
		return sp.T("dash.settings.hooks.how.wootric")
	case "nps/asknicely":
		return sp.T("dash.settings.hooks.how.asknicely")
	case "booking/generic":
		return sp.T("dash.settings.hooks.how.booking_generic")
	}
	return ""
}

// settHooks are the webhook addresses the settings screen offers to copy,
// and the two secrets the providers prove, for those who send them
// themselves. The secrets appear nowhere else.
type settHooks struct {
	locale.Speaker
	NPS, Booking             []settHook
	NPSSecret, BookingSecret *settReveal
}

// settReveal is a secret shown on request (a closed <details>), to copy
// into a tool that proves it itself; nil when the secret is not set.
type settReveal struct {
	locale.Speaker
	ID, Label, Value string
}

// settRevealOf is the reveal of a secret, nil when it is not set.
func settRevealOf(sp locale.Speaker, id, label, value string) *settReveal {
	if value == "" {
		return nil
	}
	return &settReveal{Speaker: sp, ID: id, Label: label, Value: value}
}

// settHook is one provider's webhook: the exact URL to paste, and how it
// proves the secret when the URL does not carry it.
type settHook struct {
	locale.Speaker
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

// settProviderKeyLabel names an NPS provider's own key field.
func settProviderKeyLabel(sp locale.Speaker, provider string) string {
	switch provider {
	case "delighted":
		return sp.T("dash.settings.hooks.key.delighted")
	case "survicate":
		return sp.T("dash.settings.hooks.key.survicate")
	case "wootric":
		return sp.T("dash.settings.hooks.key.wootric")
	case "asknicely":
		return sp.T("dash.settings.hooks.key.asknicely")
	}
	return provider
}

// settHooksFor builds each provider's webhook URL on base, with the secret
// as ?token= where the provider cannot send it otherwise.
func settHooksFor(sp locale.Speaker, base string, r *core.Record, f form.Form) settHooks {
	nps, booking := r.GetString("nps_secret"), r.GetString("booking_secret")
	h := settHooks{Speaker: sp, NPSSecret: settRevealOf(sp, "nps-secret-value", sp.T("dash.settings.hooks.nps_secret"), nps),
		BookingSecret: settRevealOf(sp, "booking-secret-value", sp.T("dash.settings.hooks.booking_secret"), booking)}
	for _, p := range intake.NPSProviders() {
		h.NPS = append(h.NPS, settNPSHookFor(sp, base, p, r, f))
	}
	for _, p := range intake.BookingProviders {
		h.Booking = append(h.Booking, settHookFor(sp, base, "booking", p, booking, intake.BookingTokenInURL(p)))
	}
	return h
}

// settHookFor is one provider's webhook.
func settHookFor(sp locale.Speaker, base, kind, provider, secret string, tokenInURL bool) settHook {
	key := kind + "/" + provider
	h := settHook{Speaker: sp, ID: "hook-" + kind + "-" + provider, Label: settProviderLabel(sp, provider), How: settProviderHow(sp, key),
		URL: base + "/hooks/" + key, NoSecret: secret == ""}
	if tokenInURL && secret != "" {
		h.URL += "?" + url.Values{"token": {secret}}.Encode()
	}
	return h
}

// settNPSHookFor is one NPS provider's webhook: its key is its own when one
// is set, else the NPS secret; a provider that signs with its own key
// carries no token in its URL once that key is set.
func settNPSHookFor(sp locale.Speaker, base, provider string, r *core.Record, f form.Form) settHook {
	field, ownKey := program.NPSKeyFields[provider]
	key, tokenInURL := r.GetString("nps_secret"), intake.NPSTokenInURL(provider)
	if own := r.GetString(field); ownKey && own != "" {
		key, tokenInURL = own, !intake.NPSSignsWithOwnKey(provider)
	}
	h := settHookFor(sp, base, "nps", provider, key, tokenInURL)
	if ownKey {
		k := settSecretOf(sp, settSecret{Name: field, Label: settProviderKeyLabel(sp, provider),
			Hint: sp.T("dash.settings.hooks.key_hint", "Tool", h.Label)}, r, f)
		h.Key = &k
		if !intake.NPSSignsWithOwnKey(provider) {
			h.Reveal = settRevealOf(sp, field+"-value", settProviderKeyLabel(sp, provider), r.GetString(field))
		}
	}
	return h
}
