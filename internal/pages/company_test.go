package pages_test

import (
	"strings"
	"testing"

	"warmloop/internal/locale"
	"warmloop/internal/pages"
)

func TestWhatWeDoIsTheSettingOrALineTrueOfAnyCompany(t *testing.T) {
	if got := pages.WhatWeDo(locale.For("de"), "  Northwind ships spare parts overnight.  "); got != "Northwind ships spare parts overnight." {
		t.Errorf("WhatWeDo(a line) = %q", got)
	}
	neutral := pages.WhatWeDo(locale.Speaker{}, " ")
	if neutral == "" || strings.Contains(strings.ToLower(neutral), "referr") || strings.Contains(neutral, "{{") {
		t.Errorf("WhatWeDo(empty) = %q: want a plain line that describes no product", neutral)
	}
	for _, lang := range []string{"de", "fr", "es", "nl"} {
		if got := pages.WhatWeDo(locale.For(lang), ""); got == neutral || got == "" {
			t.Errorf("WhatWeDo(empty) in %s = %q: want the line in %s, not English", lang, got, lang)
		}
	}
}

func TestTheCopyShownToProspectsDescribesNoReferralProductAndPromisesNothingUnkept(t *testing.T) {
	for _, c := range []struct {
		slug      string
		mustUse   []string
		mustAvoid []string
	}{
		// The referee page describes the company only through what the admin fills in.
		{"referee", []string{"{{what_we_do}}", "{{company_name}}"},
			[]string{"referral", "turn the customers", "source of new business", "sales cycles", "What {{company_name}} does"}},
		// The confirmation on the page promises no delay and no email: the
		// page adds the email line itself, only when one was queued.
		{"booking_confirmation", []string{"{{company_name}}"}, []string{"working day", "reply", "email", "within"}},
		// The email's reply reaches the sales inbox (its Reply-To), so it may say so; no delay is promised.
		{"booking_confirmation_email", []string{"{{link}}", "reply"}, []string{"working day", "within", "referral"}},
	} {
		title, body, ok := pages.Shipped(c.slug)
		if !ok {
			t.Errorf("%s is not shipped", c.slug)
			continue
		}
		text := strings.ToLower(title + "\n" + body)
		for _, want := range c.mustUse {
			if !strings.Contains(text, strings.ToLower(want)) {
				t.Errorf("the shipped %s does not use %q", c.slug, want)
			}
		}
		for _, bad := range c.mustAvoid {
			if strings.Contains(text, strings.ToLower(bad)) {
				t.Errorf("the shipped %s says %q", c.slug, bad)
			}
		}
	}
}
