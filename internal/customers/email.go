package customers

import (
	"strings"

	"github.com/pocketbase/ozzo-validation/v4/is"
)

// Limits of an address, from RFC 5321: the whole, the part before the @,
// and each dot-separated label of the domain.
const (
	MaxEmail      = 254
	maxEmailLocal = 64
	maxEmailLabel = 63
)

// emailAtext are the characters a local part may hold besides letters,
// digits and the dots between them (RFC 5322's atext).
const emailAtext = "!#$%&'*+/=?^_`{|}~-"

// ValidEmail is the one rule for an email address, on every path where one
// arrives: the public forms, the webhooks, the CSV files, the REST API and
// the dashboard. It accepts a plain address, name@company.example, either
// case: a local part of letters, digits, dots and RFC 5322's symbols, with
// no quotes; an @; a domain of two or more labels of ASCII letters, digits
// and inner hyphens (an internationalised domain in its xn-- form), ending
// in a label that starts with a letter. It refuses display names
// ("Ana <ana@acme.com>"), IP literals (a@[127.0.0.1]), bare IP addresses,
// hosts without a dot, spaces and control characters, and anything longer
// than RFC 5321 allows. What it accepts, PocketBase's email fields accept too.
func ValidEmail(s string) bool {
	if len(s) > MaxEmail {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || !validLocal(local) || !validDomain(domain) {
		return false
	}
	return is.EmailFormat.Validate(s) == nil
}

// validLocal reports whether s is a dot-atom local part of at most 64 characters.
func validLocal(s string) bool {
	if s == "" || len(s) > maxEmailLocal {
		return false
	}
	for _, atom := range strings.Split(s, ".") {
		if atom == "" {
			return false // a leading, trailing or doubled dot
		}
		for _, r := range atom {
			if !asciiAlnum(r) && !strings.ContainsRune(emailAtext, r) {
				return false
			}
		}
	}
	return true
}

// validDomain reports whether s is a dotted host name: two or more labels of
// letters, digits and inner hyphens, the last starting with a letter.
func validDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 || len(s) > MaxEmail-2 {
		return false
	}
	for _, label := range labels {
		if label == "" || len(label) > maxEmailLabel || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !asciiAlnum(r) && r != '-' {
				return false
			}
		}
	}
	top := labels[len(labels)-1]
	return len(top) >= 2 && asciiLetter(rune(top[0]))
}

func asciiAlnum(r rune) bool { return asciiLetter(r) || r >= '0' && r <= '9' }

func asciiLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
