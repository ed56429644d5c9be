// A webhook request proves it knows the shared secret with a bearer token, a
// ?token= parameter, an HMAC of the body in Warmloop's own header (with or
// without a timestamp), or the signature header of the tool that sent it.

package intake

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
)

// Credentials are what a webhook request offers as proof it knows the secret.
type Credentials struct {
	Authorization string // "Bearer <secret>"
	Token         string // ?token=<secret>, for tools that cannot set headers
	// Signature is X-Warmloop-Signature: "t=<unix seconds>,v1=<hex>", the
	// HMAC-SHA256 of the timestamp, a dot and the body (refused once older
	// than SignatureTolerance), or the older "sha256=<hex HMAC-SHA256 of the
	// body>", which carries no time and keeps working.
	Signature string
	Typeform  string // Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>
	Delighted string // X-Delighted-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>
	Survicate string // Hmac: <hex HMAC-SHA256 of the body>
	Wootric   string // X-Wootric-Signature: sha1=<hex HMAC-SHA1 of the body>
}

// SignatureTolerance is how far a timestamped signature's time may be from
// now, either way, before the delivery is refused as a replay (or a clock
// too far off to trust).
const SignatureTolerance = 5 * time.Minute

// ErrStale is the refusal of a timestamped signature whose time is outside
// SignatureTolerance; the error Verify returns wraps it.
var ErrStale = errors.New("the signature's timestamp is more than 5 minutes from now: sign each delivery when it is sent")

// errUnproven is the refusal of a request that proves nothing.
var errUnproven = errors.New("missing or wrong secret")

// Authorized reports whether the request proves knowledge of secret now.
func Authorized(secret string, c Credentials, body []byte) bool {
	return Verify(secret, c, body, time.Now()) == nil
}

// Verify checks that the request proves knowledge of secret at the time
// now, comparing in constant time, and says why when it does not. An empty
// secret proves nothing.
func Verify(secret string, c Credentials, body []byte, now time.Time) error {
	if secret == "" {
		return errUnproven
	}
	if bearer, ok := strings.CutPrefix(c.Authorization, "Bearer "); ok && equal(strings.TrimSpace(bearer), secret) {
		return nil
	}
	if c.Token != "" && equal(c.Token, secret) {
		return nil
	}
	hexOf := func(h func() hash.Hash) string { return hex.EncodeToString(bodyMAC(h, secret, body)) }
	hexSHA256 := hexOf(sha256.New)
	for _, p := range []struct {
		offered, prefix, want string
		isHex                 bool // hex compares in any case; base64 as sent
	}{
		{c.Signature, "sha256=", hexSHA256, true},
		{c.Delighted, "sha256=", hexSHA256, true},
		{c.Survicate, "", hexSHA256, true},
		{c.Typeform, "sha256=", base64.StdEncoding.EncodeToString(bodyMAC(sha256.New, secret, body)), false},
		{c.Wootric, "sha1=", hexOf(sha1.New), true},
	} {
		sig, ok := strings.CutPrefix(strings.TrimSpace(p.offered), p.prefix)
		if p.isHex {
			sig = strings.ToLower(sig)
		}
		if ok && sig != "" && equal(sig, p.want) {
			return nil
		}
	}
	if strings.HasPrefix(c.Signature, "t=") {
		return verifyTimestamped(secret, c.Signature, body, now)
	}
	return errUnproven
}

// verifyTimestamped checks X-Warmloop-Signature's timestamped form,
// "t=<unix seconds>,v1=<hex>[,v1=<hex>…]": one v1 must be the HMAC-SHA256
// of "<t>.<body>", and t within SignatureTolerance of now.
func verifyTimestamped(secret, header string, body []byte, now time.Time) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, strings.ToLower(v))
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return fmt.Errorf("%w: X-Warmloop-Signature must be t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>", errUnproven)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	matched := false
	for _, s := range sigs {
		matched = matched || equal(s, want)
	}
	if !matched {
		return errUnproven
	}
	if age := now.Sub(time.Unix(sec, 0)); age > SignatureTolerance || age < -SignatureTolerance {
		return fmt.Errorf("%w (it is %s)", ErrStale, age.Round(time.Second))
	}
	return nil
}

// bodyMAC is the HMAC of body keyed with secret.
func bodyMAC(h func() hash.Hash, secret string, body []byte) []byte {
	mac := hmac.New(h, []byte(secret))
	mac.Write(body)
	return mac.Sum(nil)
}

// equal compares two strings in constant time.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// NPSTokenInURL reports whether an NPS provider carries the secret in its
// webhook's URL (?token=) while its own key is not set: Delighted, Wootric
// and Survicate sign with keys they make themselves, and AskNicely can only
// send a fixed header, which not every admin can set. Typeform signs with
// the secret; generic senders are scripts that can send Authorization.
func NPSTokenInURL(provider string) bool {
	switch provider {
	case "delighted", "survicate", "wootric", "asknicely":
		return true
	}
	return false
}

// NPSSignsWithOwnKey reports whether a provider signs its bodies with a key
// of its own: once that key is set, its URL carries no token.
func NPSSignsWithOwnKey(provider string) bool {
	switch provider {
	case "delighted", "survicate", "wootric":
		return true
	}
	return false
}

// BookingTokenInURL reports whether a booking provider carries the secret
// in its webhook's URL: Calendly and Cal.com sign with keys of their own,
// so only the generic hook, for scripts, sends Authorization instead.
func BookingTokenInURL(provider string) bool { return provider != "generic" }
