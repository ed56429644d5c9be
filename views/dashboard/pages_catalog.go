package dashboard

import (
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// How a page reaches people: the editor previews each kind as it is used.
const (
	pageWeb   = "web"   // a web page people open
	pageEmail = "email" // an email; its title is the subject
	pageText  = "text"  // plain text put in a form for people to edit
)

// pageVar is one {{variable}} a page accepts: what it holds, and how the
// renderer treats it (a person's value, a link, or markdown Warmloop writes).
type pageVar struct {
	Name, What string
	link       bool // a link Warmloop makes: used as it is
	markdown   bool // markdown Warmloop writes (the offer, the tiers): rendered with the page
}

// pageSpec says what a page is for and which variables its body and its
// title accept, exactly as the code that renders it fills them.
type pageSpec struct {
	Slug, Purpose, Kind string
	Vars                []pageVar
	TitleVars           []string // the variables the heading or subject is filled with
	TitleHint           string   // what the title is for, when it is not obvious
	footer              func(samples map[string]string) (text, linkText, link string)
}

// Variables shared by many pages, described once.
var (
	pageVarCompanyName = pageVar{Name: "company_name", What: "Your company's name, from Settings"}
	pageVarSenderName  = pageVar{Name: "sender_name", What: "Who signs your emails, from Settings"}
	pageVarsReferee    = []pageVar{
		{Name: "referee_first_name", What: "First name of the person introduced"},
		{Name: "referee_name", What: "Full name of the person introduced"},
		{Name: "referrer_name", What: "Full name of the customer who made the introduction"},
		{Name: "referrer_first_name", What: "First name of the customer who made the introduction"},
		{Name: "referrer_company", What: "The referrer's company"},
		{Name: "message", What: "The note the referrer wrote to them"},
	}
	pageVarsNote = []pageVar{
		{Name: "referrer_first_name", What: "First name of the customer who made the introduction"},
		{Name: "referrer_name", What: "Full name of the customer who made the introduction"},
		{Name: "referrer_company", What: "The referrer's company, or “not given”"},
		{Name: "referee_name", What: "Full name of the person introduced"},
		{Name: "referee_first_name", What: "First name of the person introduced"},
		{Name: "referee_company", What: "Their company, or “not given”"},
		{Name: "referee_company_suffix", What: "“ (their company)” when it is known, else nothing"},
		{Name: "referee_email", What: "Their email address"},
		{Name: "message", What: "The note the referrer wrote, or “not given”"},
		{Name: "preferred_times", What: "When they said they are free, or “not given”"},
		{Name: "phone", What: "Their phone number, or “not given”"},
		pageVarCompanyName, pageVarSenderName,
		{Name: "link", What: "The referral in the admin UI, for your team", link: true},
	}
	// The thank-yous go to the referrer: the pipeline's {{link}} opens the
	// admin UI, so it is not theirs to use.
	pageVarsThanks = slices.DeleteFunc(slices.Clone(pageVarsNote), func(v pageVar) bool { return v.Name == "link" })
	pageVarsReward = []pageVar{
		{Name: "referrer_first_name", What: "First name of the customer thanked"},
		{Name: "referrer_name", What: "Full name of the customer thanked"},
		{Name: "tier_name", What: "The tier they reached"},
		{Name: "incentive_name", What: "The reward's name, from Incentives"},
		{Name: "incentive_description", What: "The reward's description, from Incentives"},
		{Name: "note", What: "The note you wrote when you fulfilled the reward"},
		pageVarCompanyName, pageVarSenderName,
	}
)

// pageCatalog lists the pages Warmloop uses, in the order an admin meets
// them: the pages people open first, then the emails.
var pageCatalog = []pageSpec{
	{
		Slug: "landing", Kind: pageWeb, Purpose: "The page a customer opens from their ask email, where they introduce someone",
		Vars: []pageVar{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", What: "The customer's company"},
			pageVarCompanyName, pageVarSenderName,
			{Name: "incentive", What: "The thank-you on offer now, its name and description, from Incentives", markdown: true},
			{Name: "tiers", What: "The reward tiers a referrer can reach, as a list, from Incentives", markdown: true},
		},
		TitleVars: []string{"first_name", "company", "company_name"},
	},
	{
		Slug: "referee", Kind: pageWeb, Purpose: "The personal page of the person introduced, where they book a meeting",
		Vars:      append(slices.Clone(pageVarsReferee), pageVarCompanyName, pageVarSenderName),
		TitleVars: pageVarNames(pageVarsReferee),
	},
	{
		Slug: "draft_message", Kind: pageText, Purpose: "The introduction a customer finds already written on their landing page, in their own voice",
		Vars: []pageVar{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", What: "The customer's company, or “work” when it is unknown"},
			pageVarCompanyName,
		},
		TitleVars: []string{"company_name"},
		TitleHint: "Only shown in this dashboard: the text itself is what the customer sees.",
	},
	{
		Slug: "ask_email", Kind: pageEmail, Purpose: "The ask email, when no message variant is active",
		Vars: []pageVar{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", What: "The customer's company"},
			{Name: "incentive", What: "The name of the thank-you on offer, from Incentives"},
			{Name: "link", What: "The customer's personal link to the landing page: the email's one call to action", link: true},
			pageVarCompanyName, pageVarSenderName,
		},
		TitleVars: []string{"first_name", "company", "company_name", "sender_name"},
		footer: func(v map[string]string) (string, string, string) {
			return "You are receiving this because you are a customer of " + v["company_name"] + ".", "Unsubscribe from these emails", v["unsubscribe"]
		},
	},
	{
		Slug: "intro_email", Kind: pageEmail, Purpose: "The email that introduces you to the person a customer referred",
		Vars: append(slices.Clone(pageVarsReferee), pageVarCompanyName, pageVarSenderName,
			pageVar{Name: "link", What: "Their personal page, where they can book a meeting", link: true}),
		TitleVars: append(pageVarNames(pageVarsReferee), "company_name", "sender_name"),
		footer: func(v map[string]string) (string, string, string) {
			return v["referrer_name"] + " asked " + v["company_name"] + " to write to you. We will not add you to any list.", "", ""
		},
	},
	{Slug: "thanks_booked", Kind: pageEmail, Purpose: "The thank-you a referrer gets when the person they introduced books a meeting",
		Vars: pageVarsThanks, TitleVars: pageVarNames(pageVarsThanks), footer: pipelineEmailFooter},
	{Slug: "thanks_won", Kind: pageEmail, Purpose: "The thank-you a referrer gets when the person they introduced becomes a customer",
		Vars: pageVarsThanks, TitleVars: pageVarNames(pageVarsThanks), footer: pipelineEmailFooter},
	{Slug: "sales_new_referral", Kind: pageEmail, Purpose: "The note your sales inbox gets for every new referral",
		Vars: pageVarsNote, TitleVars: pageVarNames(pageVarsNote), footer: pipelineEmailFooter},
	{Slug: "sales_booked", Kind: pageEmail, Purpose: "The note your sales inbox gets when someone referred asks for a meeting",
		Vars: pageVarsNote, TitleVars: pageVarNames(pageVarsNote), footer: pipelineEmailFooter},
	{Slug: "reward_earned", Kind: pageEmail, Purpose: "The email a referrer gets when they earn a reward",
		Vars: pageVarsReward, TitleVars: pageVarNames(pageVarsReward), footer: rewardEmailFooter},
	{Slug: "reward_fulfilled", Kind: pageEmail, Purpose: "The email a referrer gets when you mark their reward fulfilled",
		Vars: pageVarsReward, TitleVars: pageVarNames(pageVarsReward), footer: rewardEmailFooter},
}

// pipelineEmailFooter is the footer of the pipeline's emails.
func pipelineEmailFooter(v map[string]string) (string, string, string) {
	return "Sent by " + v["company_name"] + "'s referral program.", "", ""
}

// rewardEmailFooter is the footer of the reward emails.
func rewardEmailFooter(v map[string]string) (string, string, string) {
	return "Sent by " + v["company_name"] + " to thank you for your introductions.", "", ""
}

// names lists the variables' names.
func pageVarNames(vars []pageVar) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = v.Name
	}
	return out
}

// pageSpecFor is what Warmloop knows of a page; a page it does not use (added
// in the admin UI, say) is plain markdown with no variables checked.
func pageSpecFor(slug string) (pageSpec, bool) {
	for _, s := range pageCatalog {
		if s.Slug == slug {
			return s, true
		}
	}
	return pageSpec{Slug: slug, Kind: pageWeb, Purpose: "A page Warmloop does not use itself"}, false
}

// KindLabel names the kind of page for a person.
func (s pageSpec) KindLabel() string {
	switch s.Kind {
	case pageEmail:
		return "Email"
	case pageText:
		return "Pre-written text"
	}
	return "Web page"
}

// TitleLabel is what the title field holds for this kind of page.
func (s pageSpec) TitleLabel() string {
	switch s.Kind {
	case pageEmail:
		return "Subject"
	case pageText:
		return "Title"
	}
	return "Heading"
}

// anyPageVar finds every {{...}}, well formed or not, so a typo such as
// {{First_Name}} or {{first-name}} is caught too.
var anyPageVar = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// unknownPageVars lists the {{variables}} in src that are not in known, once
// each, as written.
func unknownPageVars(src string, known []string) []string {
	var out []string
	for _, m := range anyPageVar.FindAllStringSubmatch(src, -1) {
		if !slices.Contains(known, strings.TrimSpace(m[1])) && !slices.Contains(out, m[0]) {
			out = append(out, m[0])
		}
	}
	return out
}

// braced writes variable names as {{name}}, comma-separated.
func bracedVars(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return strings.Join(out, ", ")
}

// pageSamples are the values the preview fills in: the program's own names
// and offer where Warmloop has them, made-up people otherwise.
func pageSamples(app core.App) map[string]string {
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	v := map[string]string{
		"first_name": "Dana", "company": "Northwind Traders",
		"company_name": "Acme", "sender_name": "The Acme team",
		"referee_first_name": "Sam", "referee_name": "Sam Rivera", "referee_company": "Globex",
		"referee_company_suffix": " (Globex)", "referee_email": "sam.rivera@globex.example",
		"referrer_name": "Dana Whitfield", "referrer_first_name": "Dana", "referrer_company": "Northwind Traders",
		"message":         "Sam, you should talk to these people: they sorted out our onboarding in a month.",
		"preferred_times": "Tuesday or Thursday afternoon", "phone": "+44 20 7946 0000",
		"tier_name": "Connector", "incentive_name": "A curated gift box",
		"incentive_description": "Good coffee, a notebook worth writing in and a few things from our team, sent to your door.",
		"note":                  "It ships on Monday: look out for a parcel from us.",
		"incentive":             "A curated gift box",
		"tiers": "And it keeps going: the more you introduce, the more we thank you.\n\n" +
			"- **Your first introduction:** a personal thank-you, and you become a *First introduction*\n" +
			"- **3 introductions:** a curated gift box, and you become a *Connector*\n",
		"link":        base + "/r/sample-link",
		"unsubscribe": base + "/u/sample-link",
	}
	if s, err := program.Load(app); err == nil {
		v["company_name"], v["sender_name"] = s.CompanyName, s.SenderName
		if inc, err := referrals.CurrentIncentive(app, s); err == nil && inc != nil {
			v["incentive"] = inc.GetString("name")
			v["landing_incentive"] = "**" + inc.GetString("name") + ".** " + inc.GetString("description")
		}
	}
	return v
}

// pageSamplesFor are the sample values of one page: the same name can hold
// different things on different pages (the landing page's offer carries its
// description; a link goes where that page's link goes).
func pageSamplesFor(app core.App, spec pageSpec) map[string]string {
	v := pageSamples(app)
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	switch spec.Slug {
	case "landing":
		if offer, ok := v["landing_incentive"]; ok {
			v["incentive"] = offer
		} else {
			v["incentive"] = "**A curated gift box.** Good coffee and a notebook, sent to your door."
		}
	case "intro_email":
		v["link"] = base + "/i/sample-code"
	case "thanks_booked", "thanks_won", "sales_new_referral", "sales_booked":
		v["link"] = base + "/_/#/collections?collection=referrals"
	}
	delete(v, "landing_incentive")
	return v
}
