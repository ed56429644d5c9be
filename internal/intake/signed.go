// What the systems of record (Zendesk, HubSpot, Stripe) and CRMs send share
// a few pieces: a signature over a timestamp that must be recent, and an
// event that becomes a moment or is ignored.

package intake

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"warmloop/internal/customers"
	"warmloop/internal/text"
)

// SignatureError says why a signed webhook was not believed: a 401 that
// names the header and the reason.
type SignatureError struct {
	Header, Reason string
}

func (e *SignatureError) Error() string { return e.Header + ": " + e.Reason }

// signatureError is a SignatureError for header.
func signatureError(header, format string, args ...any) error {
	return &SignatureError{Header: header, Reason: fmt.Sprintf(format, args...)}
}

// SignedMoment is what a system of record's webhook says: a moment to
// record, or, when Ignored is set, an event Warmloop was sent but makes
// nothing of (answered 2xx so the tool does not retry it).
type SignedMoment struct {
	Moment  Moment
	Ignored string // why the event makes no moment; "" when it makes one
}

// ignored is a SignedMoment that makes no moment, for the reason given.
func ignored(format string, args ...any) SignedMoment {
	return SignedMoment{Ignored: fmt.Sprintf(format, args...)}
}

// hmacSHA256 is the HMAC-SHA256 of the parts, in order, keyed with secret.
func hmacSHA256(secret string, parts ...[]byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	for _, p := range parts {
		mac.Write(p)
	}
	return mac.Sum(nil)
}

// sameString compares two strings in constant time.
func sameString(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// fresh says what is wrong with a signed timestamp at, given now and how far
// from now it may be (either way: a sender's clock may run ahead), or "".
func fresh(at, now time.Time, tolerance time.Duration) string {
	if d := now.Sub(at); d > tolerance || d < -tolerance {
		return fmt.Sprintf("the timestamp %s is more than %s from now: a stale or replayed delivery is refused",
			at.UTC().Format(time.RFC3339), tolerance)
	}
	return ""
}

// unixSeconds reads a whole number of seconds since 1970.
func unixSeconds(s string) (time.Time, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return time.Unix(n, 0), err == nil && n > 0
}

// stringOrNumber reads a JSON value sent as a string or a number as text;
// HubSpot, for one, sends ids and amounts either way.
func stringOrNumber(raw json.RawMessage) string {
	if s := idString(raw); s != "" {
		return strings.TrimSpace(s)
	}
	return ""
}

// amount reads a money amount sent as a number or a string ("12000.50");
// ok is false when none was sent.
func amount(field string, raw json.RawMessage) (float64, bool, error) {
	s := stringOrNumber(raw)
	if s == "" {
		return 0, false, nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || f < 0 || f > 1e12 {
		return 0, false, fieldError(field, "must be an amount such as 12000 or 12000.50, got %q", s)
	}
	return f, true, nil
}

// checkMoment enforces what every signed moment must carry, cleaning the
// name, company and comment as NPS answers are; emailField is the sender's
// own name for the email, for the 400.
func checkMoment(m *Moment, emailField string) error {
	m.Email = customers.CanonicalEmail(m.Email)
	m.Name, m.Company, m.Comment = text.Line(m.Name), text.Line(m.Company), text.Block(m.Comment)
	switch {
	case m.Email == "":
		return fieldError(emailField, "is required")
	case !customers.ValidEmail(m.Email):
		return fieldError(emailField, "%q is not an email address", m.Email)
	case len(m.ExternalID) > 255:
		return fieldError("id", "is longer than 255 characters")
	case len(m.Comment) > 5000:
		return fieldError("comment", "is longer than 5000 characters")
	case len(m.Name) > 200 || len(m.Company) > 200:
		return fieldError("name", "name and company must be at most 200 characters")
	}
	return nil
}
