package customers_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/ozzo-validation/v4/is"

	"warmloop/internal/customers"
)

func TestValidEmailAcceptsPlainAddressesOnly(t *testing.T) {
	local64 := strings.Repeat("a", 64)
	label63 := strings.Repeat("b", 63)
	cases := []struct {
		email string
		valid bool
		why   string
	}{
		{"ana@acme.com", true, "a plain address"},
		{"Ana.Lima@Acme.COM", true, "either case"},
		{"ana+crm@mail.acme.co.uk", true, "a plus tag and a deep domain"},
		{"o'brien@acme.ie", true, "an apostrophe"},
		{"jo_bloggs-2@x-ray.example", true, "underscores and hyphens"},
		{"ana@xn--bcher-kva.example", true, "an internationalised domain in its xn-- form"},
		{local64 + "@acme.com", true, "a 64-character local part"},
		{"a@" + label63 + ".com", true, "a 63-character label"},

		{"", false, "empty"},
		{"ana", false, "no @"},
		{"ana@", false, "no domain"},
		{"@acme.com", false, "no local part"},
		{"a@[127.0.0.1]", false, "an IP literal"},
		{"a@[IPv6:::1]", false, "an IPv6 literal"},
		{"a@127.0.0.1", false, "a bare IP address"},
		{"ana@localhost", false, "a host without a dot"},
		{"ana@acme.", false, "a trailing dot"},
		{"ana@.acme.com", false, "a leading dot in the domain"},
		{"ana@acme..com", false, "an empty label"},
		{"ana@-acme.com", false, "a label starting with a hyphen"},
		{"ana@acme-.com", false, "a label ending with a hyphen"},
		{"ana@acme.c", false, "a one-letter top-level domain"},
		{"ana@acme.123", false, "a numeric top-level domain"},
		{"ana@ac_me.com", false, "an underscore in the domain"},
		{`"ana lima"@acme.com`, false, "a quoted local part"},
		{"Ana <ana@acme.com>", false, "a display name"},
		{"ana@acme.com (Ana)", false, "a comment"},
		{"ana lima@acme.com", false, "a space"},
		{" ana@acme.com", false, "untrimmed"},
		{".ana@acme.com", false, "a leading dot"},
		{"ana.@acme.com", false, "a trailing dot in the local part"},
		{"ana..lima@acme.com", false, "a doubled dot"},
		{"ana@b@acme.com", false, "two @"},
		{"ana\x00@acme.com", false, "a NUL"},
		{"ana\r\nbcc: x@acme.com", false, "a header injection"},
		{"josé@acme.com", false, "a non-ASCII local part"},
		{"ana@bücher.example", false, "a non-ASCII domain not in its xn-- form"},
		{"ana@acme.com\u202e", false, "a direction override"},
		{"a" + local64 + "@acme.com", false, "a 65-character local part"},
		{"a@" + label63 + "b.com", false, "a 64-character label"},
		{"a@" + strings.Repeat(label63+".", 4) + "com", false, "an address over 254 characters"},
	}
	for _, c := range cases {
		t.Run(c.why, func(t *testing.T) {
			if got := customers.ValidEmail(c.email); got != c.valid {
				t.Errorf("ValidEmail(%q) = %v, want %v", c.email, got, c.valid)
			}
			if c.valid && is.EmailFormat.Validate(c.email) != nil {
				t.Errorf("%q is accepted here but refused by PocketBase's email fields", c.email)
			}
		})
	}
}
