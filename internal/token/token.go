// Package token is the one place where Warmloop makes the secrets that open a
// referrer's or referee's page (asks, referral codes and share links),
// and the one that opens an invitation to the team (Keyed).
package token

import (
	"strings"

	"github.com/pocketbase/pocketbase/tools/security"
)

// Length is the number of characters in a token. With a 62-letter alphabet,
// 22 characters carry about 131 bits, above the 128 the design asks for.
const Length = 22

// Pattern is the autogenerate pattern given to every token field, so a record
// created by any path (REST API, admin UI, hooks) gets a fresh token.
const Pattern = "[a-zA-Z0-9]{22}"

// New returns a fresh random token drawn from crypto/rand.
func New() string {
	return security.RandomString(Length)
}

// Plausible reports whether s could be a token a link carries, before any
// database lookup: tokens made here are Length long, and older or imported
// ones may be longer, up to the fields' 64. Anything else is not worth a query.
func Plausible(s string) bool {
	return len(s) >= 16 && len(s) <= 64
}

// Keyed is a secret derived from a key the server keeps and the parts it
// binds: 64 hex characters of HMAC-SHA256. Warmloop stores only its hash
// and derives it again when it writes the link, so the link itself is kept
// nowhere, not even in the outbox; changing the key or a part voids it.
func Keyed(key string, parts ...string) string {
	return security.HS256(strings.Join(parts, "\x00"), key)
}
