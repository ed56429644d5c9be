package pages_test

import (
	"slices"
	"strings"
	"testing"

	"warmloop/internal/locale"
	"warmloop/internal/pages"
)

// shippedSlugs are the pages Warmloop ships, in the catalog's order.
var shippedSlugs = []string{"landing", "referee", "booking_confirmation", "draft_message", "ask_email", "intro_email",
	"share_confirmation_email", "booking_confirmation_email", "thanks_booked", "thanks_won", "sales_new_referral", "sales_booked", "reward_earned", "reward_fulfilled", "weekly_summary", "team_invite_email"}

func TestEveryShippedPageIsInTheCatalogAndUsesOnlyItsVariables(t *testing.T) {
	for _, slug := range shippedSlugs {
		spec, ok := pages.SpecFor(slug)
		if !ok || spec.Purpose == "" || len(spec.Vars) == 0 {
			t.Errorf("%s: not described in the catalog: %+v", slug, spec)
			continue
		}
		title, body, ok := pages.Shipped(slug)
		if !ok {
			t.Errorf("%s: not shipped", slug)
			continue
		}
		if unknown := pages.UnknownVars(title, spec.TitleVars); len(unknown) > 0 {
			t.Errorf("%s: the shipped title uses %v, which the catalog does not list", slug, unknown)
		}
		if unknown := pages.UnknownVars(body, spec.Names()); len(unknown) > 0 {
			t.Errorf("%s: the shipped body uses %v, which the catalog does not list", slug, unknown)
		}
	}
}

func TestAPageOutsideTheCatalogIsAPlainWebPage(t *testing.T) {
	spec, ok := pages.SpecFor("about_us")
	if ok || spec.Slug != "about_us" || spec.Kind != pages.KindWeb || len(spec.Vars) != 0 {
		t.Errorf("SpecFor(about_us) = %+v, %v; want a web page with no variables, not in the catalog", spec, ok)
	}
}

func TestAThankYouToAReferrerCannotCarryTheAdminLink(t *testing.T) {
	for slug, hasLink := range map[string]bool{"thanks_booked": false, "thanks_won": false, "sales_new_referral": true, "sales_booked": true,
		"ask_email": true, "intro_email": true} {
		spec, _ := pages.SpecFor(slug)
		if slices.Contains(spec.Names(), "link") != hasLink {
			t.Errorf("%s: takes {{link}} = %v, want %v", slug, !hasLink, hasLink)
		}
	}
}

func TestEachEmailSaysWhyItsReaderGotIt(t *testing.T) {
	values := map[string]string{"company_name": "Acme", "referrer_name": "Dana Whitfield", "unsubscribe": "https://x.example/u/t"}
	want := map[string]pages.Footer{
		"ask_email":                  {Text: pages.AskFooter(locale.Speaker{}, "Acme"), LinkText: pages.UnsubscribeText(locale.Speaker{}), Link: "https://x.example/u/t"},
		"intro_email":                {Text: "Dana Whitfield asked Acme to write to you. We will not add you to any list."},
		"booking_confirmation_email": {Text: "You asked Acme for a meeting. We will not add you to any list."},
		"share_confirmation_email":   {Text: "Someone gave this address on a page of Acme's referral program. If it was not you, you can ignore this email."},
		"booking_confirmation":       {},
		"thanks_won":                 {Text: pages.NoteFooter(locale.Speaker{}, "Acme")},
		"sales_booked":               {Text: "Sent by Acme's referral program."},
		"reward_fulfilled":           {Text: pages.NoticeFooter(locale.Speaker{}, "Acme")},
		"landing":                    {},
		"draft_message":              {},
	}
	for slug, footer := range want {
		spec, _ := pages.SpecFor(slug)
		if got := spec.Footer(values); got != footer {
			t.Errorf("%s: footer %+v, want %+v", slug, got, footer)
		}
	}
	for _, slug := range shippedSlugs {
		if spec, _ := pages.SpecFor(slug); spec.Kind == pages.KindEmail && spec.Footer(values).Text == "" {
			t.Errorf("the %s email has no footer", slug)
		}
	}
}

func TestAPageCompilesAsRealUseFillsIt(t *testing.T) {
	landing, _ := pages.SpecFor("landing")
	values := map[string]string{"incentive": "**A mug.** Ours.", "first_name": "<b>Ana</b>", "company": "Northwind"}
	c, err := landing.Compile("Hi {{first_name}} of {{company}}.\n\n{{incentive}}", values)
	if err != nil {
		t.Fatal(err)
	}
	html := c.Fill(values)
	if !strings.Contains(html, "<strong>A mug.</strong> Ours.") || !strings.Contains(html, "Hi &lt;b&gt;Ana&lt;/b&gt; of Northwind.") {
		t.Errorf("the landing page's offer is not rendered as markdown, or a name is not escaped:\n%s", html)
	}
	ask, _ := pages.SpecFor("ask_email")
	values = map[string]string{"link": "https://x.example/r/tok?a=1"}
	c, err = ask.Compile("[Introduce someone]({{link}})", values)
	if err != nil {
		t.Fatal(err)
	}
	if html := c.Fill(values); !strings.Contains(html, `href="https://x.example/r/tok?a=1"`) {
		t.Errorf("the ask's link is not used as it is:\n%s", html)
	}
}

func TestSamplesFollowThePageAndTheProgram(t *testing.T) {
	program := pages.SampleProgram{CompanyName: "Northwind", SenderName: "Nora", IncentiveName: "A mug", IncentiveDescription: "Ours."}
	sample := func(slug, name string, p pages.SampleProgram) string {
		spec, _ := pages.SpecFor(slug)
		return spec.Samples("https://x.example/", p)[name]
	}
	cases := []struct {
		slug, name string
		p          pages.SampleProgram
		want       string
	}{
		{"landing", "incentive", program, "**A mug.** Ours."},
		{"landing", "incentive", pages.SampleProgram{}, "**A curated gift box.** Good coffee and a notebook, sent to your door."},
		{"ask_email", "incentive", program, "A mug"},
		{"ask_email", "incentive", pages.SampleProgram{}, "A curated gift box"},
		{"ask_email", "company_name", program, "Northwind"},
		{"ask_email", "company_name", pages.SampleProgram{}, "Acme"},
		{"ask_email", "link", program, "https://x.example/r/sample-link"},
		{"ask_email", "unsubscribe", program, "https://x.example/u/sample-link"},
		{"intro_email", "link", program, "https://x.example/i/sample-code"},
		{"sales_booked", "link", program, "https://x.example/dashboard/referrals?q=sam.rivera%40globex.example&view=table"},
		{"share_confirmation_email", "link", program, "https://x.example/i/sample-code"},
		{"referee", "referee_first_name", program, "Sam"},
		{"booking_confirmation_email", "link", program, "https://x.example/i/sample-code"},
		{"referee", "what_we_do", pages.SampleProgram{}, "Acme makes the scheduling software busy clinics run on: patients book in seconds, and no-shows drop by half."},
		{"referee", "what_we_do", pages.SampleProgram{CompanyName: "Northwind", WhatWeDo: "Northwind ships spare parts overnight."}, "Northwind ships spare parts overnight."},
		{"referee", "what_we_do", program, pages.WhatWeDo(locale.Speaker{}, "")},
	}
	for _, c := range cases {
		if got := sample(c.slug, c.name, c.p); got != c.want {
			t.Errorf("%s {{%s}} with %+v = %q, want %q", c.slug, c.name, c.p, got, c.want)
		}
	}
}
