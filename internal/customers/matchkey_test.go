package customers_test

import (
	"testing"

	"warmloop/internal/customers"
)

func TestMatchKeyMakesTheVariantsOfOneMailboxOneAddress(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
		why  string
	}{
		{"Jo@Fabrikam.example", "jo@fabrikam.example", true, "case and spaces"},
		{" jo@fabrikam.example ", "jo@fabrikam.example", true, "surrounding spaces"},
		{"jo+news@fabrikam.example", "jo@fabrikam.example", true, "a +tag on a company domain"},
		{"jo+a+b@outlook.com", "jo@outlook.com", true, "a +tag holding another +"},
		{"jo+x@icloud.com", "jo@icloud.com", true, "a +tag on iCloud"},
		{"j.o.bloggs+x@gmail.com", "jobloggs@gmail.com", true, "dots and a +tag on Gmail"},
		{"J.O.Bloggs@GoogleMail.com", "jobloggs@gmail.com", true, "googlemail.com is gmail.com"},
		{"j.o@fabrikam.example", "jo@fabrikam.example", false, "dots count outside Gmail"},
		{"j.o@outlook.com", "jo@outlook.com", false, "dots count on Outlook.com"},
		{"jo@fabrikam.example", "jo@fabrikam.example.com", false, "another domain"},
		{"+jo@fabrikam.example", "@fabrikam.example", false, "a leading + is not a tag"},
		{"jo-news@yahoo.com", "jo@yahoo.com", false, "a hyphen is not a tag"},
	}
	for _, c := range cases {
		if got := customers.MatchKey(c.a) == customers.MatchKey(c.b); got != c.same {
			t.Errorf("%s: MatchKey(%q) = %q, MatchKey(%q) = %q; same = %v, want %v",
				c.why, c.a, customers.MatchKey(c.a), c.b, customers.MatchKey(c.b), got, c.same)
		}
	}
	if got := customers.MatchKey("J.O.Bloggs+crm@GoogleMail.com"); got != "jobloggs@gmail.com" {
		t.Errorf("MatchKey of a Gmail variant = %q, want jobloggs@gmail.com", got)
	}
}
