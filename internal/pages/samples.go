package pages

import (
	"strings"

	"warmloop/internal/locale"
)

// SampleProgram is what a preview takes from the program itself: its names,
// and the incentive on offer (no name when there is none).
type SampleProgram struct {
	CompanyName, SenderName             string
	WhatWeDo                            string
	IncentiveName, IncentiveDescription string
}

// samples are the made-up values every preview starts from.
var samples = map[string]string{
	"first_name": "Dana", "company": "Northwind Traders",
	"company_name": "Acme", "sender_name": "The Acme team",
	"what_we_do":         "Acme makes the scheduling software busy clinics run on: patients book in seconds, and no-shows drop by half.",
	"referee_first_name": "Sam", "referee_name": "Sam Rivera", "referee_company": "Globex",
	"referee_company_suffix": " (Globex)", "referee_email": "sam.rivera@globex.example",
	"referrer_name": "Dana Whitfield", "referrer_first_name": "Dana", "referrer_company": "Northwind Traders",
	"message":         "Sam, you should talk to these people: they sorted out our onboarding in a month.",
	"preferred_times": "Tuesday or Thursday afternoon", "phone": "+44 20 7946 0000",
	"tier_name": "Connector", "incentive_name": "A curated gift box",
	"incentive_description": "Good coffee, a notebook worth writing in and a few things from our team, sent to your door.",
	"note":                  "It ships on Monday: look out for a parcel from us.",
	"incentive":             "A curated gift box",
	"week_start":            "24 Nov 2026", "week_end": "30 Nov 2026", "asks_sent": "48", "customers_asked": "45",
	"yield_rate": "13.3%", "referrals": "7", "pipeline_generated": "42,000", "pipeline_won": "18,500", "rewards_waiting": "2",
	"tiers": "And it keeps going: the more you introduce, the more we thank you.\n\n" +
		"- **Your first introduction:** a personal thank-you, and you become a *First introduction*\n" +
		"- **3 introductions:** a curated gift box, and you become a *Connector*\n",
}

// Samples are the values a preview of the page fills in: made-up people,
// links under baseURL, and the program's own names and offer where p has
// them. The same name can hold different things on different pages: the
// landing page's {{incentive}} carries the offer's description, and each
// page's {{link}} goes where that page's link goes.
func (s Spec) Samples(baseURL string, p SampleProgram) map[string]string {
	base := strings.TrimRight(baseURL, "/")
	v := make(map[string]string, len(samples)+2)
	for k, val := range samples {
		v[k] = val
	}
	v["link"], v["unsubscribe"] = base+"/r/sample-link", base+"/u/sample-link"
	if p.CompanyName != "" || p.SenderName != "" {
		v["company_name"], v["sender_name"] = p.CompanyName, p.SenderName
	}
	if p.IncentiveName != "" {
		v["incentive"] = p.IncentiveName
	}
	if p.CompanyName != "" || p.SenderName != "" {
		v["what_we_do"] = WhatWeDo(locale.Speaker{}, p.WhatWeDo) // the program's own line, as its readers get it (the samples are English)
	}
	switch s.Slug {
	case "landing":
		v["incentive"] = "**A curated gift box.** Good coffee and a notebook, sent to your door."
		if p.IncentiveName != "" {
			v["incentive"] = "**" + p.IncentiveName + ".** " + p.IncentiveDescription
		}
	case "intro_email", "booking_confirmation_email", "share_confirmation_email":
		v["link"] = base + "/i/sample-code"
	case "weekly_summary":
		v["link"], v["rewards_link"] = base+"/dashboard", base+"/dashboard/rewards?status=earned"
	case "thanks_booked", "thanks_won", "sales_new_referral", "sales_booked":
		v["link"] = base + "/dashboard/referrals?q=sam.rivera%40globex.example&view=table"
	case "team_invite_email":
		v["first_name"], v["name"], v["role"], v["inviter_name"] = "Sam", "Sam Rivera", "sales", "Dana Whitfield"
		v["link"] = base + "/dashboard/invite/sample-invitation"
	}
	return v
}
