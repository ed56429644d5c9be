// A webhook request proves it knows the shared secret with a bearer token, a
// ?token= parameter, or an HMAC-SHA256 of the body.

package intake

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Credentials are what a webhook request offers as proof it knows the secret.
type Credentials struct {
	Authorization string // "Bearer <secret>"
	Token         string // ?token=<secret>, for tools that cannot set headers
	Signature     string // X-Warmloop-Signature: sha256=<hex HMAC-SHA256 of the body>
	Typeform      string // Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>
}

// Authorized reports whether the request proves knowledge of secret, by a
// bearer token or an HMAC-SHA256 signature of the body, compared in constant
// time. An empty secret authorizes nothing.
func Authorized(secret string, c Credentials, body []byte) bool {
	if secret == "" {
		return false
	}
	equal := func(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
	if bearer, ok := strings.CutPrefix(c.Authorization, "Bearer "); ok && equal(strings.TrimSpace(bearer), secret) {
		return true
	}
	if c.Token != "" && equal(c.Token, secret) {
		return true
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	sum := mac.Sum(nil)
	if sig, ok := strings.CutPrefix(c.Signature, "sha256="); ok && equal(strings.ToLower(sig), hex.EncodeToString(sum)) {
		return true
	}
	if sig, ok := strings.CutPrefix(c.Typeform, "sha256="); ok && equal(sig, base64.StdEncoding.EncodeToString(sum)) {
		return true
	}
	return false
}

// NPSTokenInURL reports whether an NPS provider carries the secret in its
// webhook's URL (?token=): Delighted can neither send a header nor sign the
// body with a secret of ours. Typeform signs with the secret; generic
// senders are scripts that can send Authorization.
func NPSTokenInURL(provider string) bool { return provider == "delighted" }

// BookingTokenInURL reports whether a booking provider carries the secret
// in its webhook's URL: Calendly and Cal.com sign with keys of their own,
// so only the generic hook, for scripts, sends Authorization instead.
func BookingTokenInURL(provider string) bool { return provider != "generic" }
