package pages

import "slices"

// How a page reaches people; the dashboard previews each kind as it is used.
const (
	KindWeb   = "web"   // a web page people open
	KindEmail = "email" // an email; its title is the subject
	KindText  = "text"  // plain text put in a form for people to edit
)

// Var is one {{variable}} a page accepts: what it holds, and how the
// renderer treats it (a person's value, a link, or markdown Warmloop writes).
type Var struct {
	Name, What string
	// About names the description where one name means different things
	// on different pages (a link, a person); "" when Name says it. The
	// dashboard reads the description in its reader's language by it.
	About    string
	Link     bool // a link Warmloop makes: used as it is
	Markdown bool // markdown Warmloop writes (the offer, the tiers): rendered with the page
}

// Spec says what a page is for and which variables its body and its title
// accept, exactly as the code that renders it fills them.
type Spec struct {
	Slug, Purpose, Kind string
	Vars                []Var
	TitleVars           []string // the variables the heading or subject is filled with
	TitleHint           string   // what the title is for, when it is not obvious
	footer              func(values map[string]string) Footer
}

// Variables shared by many pages, described once.
var (
	varCompanyName = Var{Name: "company_name", What: "Your company's name, from Settings"}
	varSenderName  = Var{Name: "sender_name", What: "Who signs your emails, from Settings"}
	varWhatWeDo    = Var{Name: "what_we_do", What: "One line on what your company does, from Settings; while it is empty, a line true of any company"}
	varsBooking    = []Var{
		{Name: "referee_first_name", About: "booking_first_name", What: "First name of the person who asked for a meeting"},
		{Name: "referee_name", About: "booking_name", What: "Full name of the person who asked for a meeting"},
		{Name: "referrer_name", About: "booking_referrer_name", What: "Full name of the customer who introduced them"},
		{Name: "referrer_first_name", About: "booking_referrer_first_name", What: "First name of the customer who introduced them"},
		varCompanyName, varSenderName,
	}
	varsReferee = []Var{
		{Name: "referee_first_name", What: "First name of the person introduced"},
		{Name: "referee_name", What: "Full name of the person introduced"},
		{Name: "referrer_name", What: "Full name of the customer who made the introduction"},
		{Name: "referrer_first_name", What: "First name of the customer who made the introduction"},
		{Name: "referrer_company", What: "The referrer's company"},
		{Name: "message", What: "The note the referrer wrote to them"},
	}
	varsNote = []Var{
		{Name: "referrer_first_name", What: "First name of the customer who made the introduction"},
		{Name: "referrer_name", What: "Full name of the customer who made the introduction"},
		{Name: "referrer_company", About: "referrer_company_or_not_given", What: "The referrer's company, or “not given”"},
		{Name: "referee_name", What: "Full name of the person introduced"},
		{Name: "referee_first_name", What: "First name of the person introduced"},
		{Name: "referee_company", What: "Their company, or “not given”"},
		{Name: "referee_company_suffix", What: "“ (their company)” when it is known, else nothing"},
		{Name: "referee_email", What: "Their email address"},
		{Name: "message", About: "message_or_not_given", What: "The note the referrer wrote, or “not given”"},
		{Name: "preferred_times", What: "When they said they are free, or “not given”"},
		{Name: "phone", What: "Their phone number, or “not given”"},
		varCompanyName, varSenderName,
		{Name: "link", About: "link_referral", What: "The referral in the dashboard, for your team", Link: true},
	}
	// The thank-yous go to the referrer: the pipeline's {{link}} opens the
	// dashboard, so it is not theirs to use.
	varsThanks = slices.DeleteFunc(slices.Clone(varsNote), func(v Var) bool { return v.Name == "link" })
	varsReward = []Var{
		{Name: "referrer_first_name", About: "thanked_first_name", What: "First name of the customer thanked"},
		{Name: "referrer_name", About: "thanked_name", What: "Full name of the customer thanked"},
		{Name: "tier_name", What: "The tier they reached"},
		{Name: "incentive_name", What: "The reward's name, from Incentives"},
		{Name: "incentive_description", What: "The reward's description, from Incentives"},
		{Name: "note", What: "The note you wrote when you fulfilled the reward"},
		varCompanyName, varSenderName,
	}
	varsSummary = []Var{
		varCompanyName,
		{Name: "week_start", What: "The first day the summary covers, such as 24 Nov 2026"},
		{Name: "week_end", What: "The last day the summary covers"},
		{Name: "asks_sent", What: "Asks delivered in the seven days"},
		{Name: "customers_asked", What: "Customers those asks went to"},
		{Name: "yield_rate", What: "The share of the customers asked who made an introduction, such as 12.5%"},
		{Name: "referrals", What: "Referrals made in the seven days"},
		{Name: "pipeline_generated", What: "The pipeline value of the referrals qualified in the seven days"},
		{Name: "pipeline_won", What: "The value of the referrals won in the seven days"},
		{Name: "rewards_waiting", What: "Rewards earned and waiting for your approval, now"},
		{Name: "link", About: "link_overview", What: "The dashboard's overview", Link: true},
		{Name: "rewards_link", What: "The rewards waiting for approval in the dashboard", Link: true},
	}
	varsTeamInvite = []Var{
		{Name: "first_name", About: "invitee_first_name", What: "First name of the person invited"},
		{Name: "name", About: "invitee_name", What: "Full name of the person invited"},
		{Name: "role", What: "The role they are invited to: owner, admin or sales"},
		{Name: "inviter_name", What: "Who invited them"},
		varCompanyName,
		{Name: "link", About: "link_invite", What: "Their invitation: they choose a password there and are signed in", Link: true},
	}
)

// catalog lists the pages Warmloop uses, in the order an admin meets them:
// the pages people open first, then the emails.
var catalog = []Spec{
	{
		Slug: "landing", Kind: KindWeb, Purpose: "The page a customer opens from their ask email, where they introduce someone",
		Vars: []Var{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", What: "The customer's company"},
			varCompanyName, varSenderName,
			{Name: "incentive", About: "incentive_offer", What: "The thank-you on offer now, its name and description, from Incentives", Markdown: true},
			{Name: "tiers", What: "The reward tiers a referrer can reach, as a list, from Incentives", Markdown: true},
		},
		TitleVars: []string{"first_name", "company", "company_name"},
	},
	{
		Slug: "referee", Kind: KindWeb, Purpose: "The personal page of the person introduced, where they book a meeting",
		Vars:      append(slices.Clone(varsReferee), varCompanyName, varSenderName, varWhatWeDo),
		TitleVars: VarNames(varsReferee),
	},
	{
		Slug: "booking_confirmation", Kind: KindWeb,
		Purpose:   "What the person introduced reads on their page once they have asked for a meeting",
		Vars:      varsBooking,
		TitleVars: []string{"referee_first_name", "referee_name", "company_name"},
	},
	{
		Slug: "draft_message", Kind: KindText, Purpose: "The introduction a customer finds already written on their landing page, in their own voice",
		Vars: []Var{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", About: "company_or_work", What: "The customer's company, or “work” when it is unknown"},
			varCompanyName,
		},
		TitleVars: []string{"company_name"},
		TitleHint: "Only shown in this dashboard: the text itself is what the customer sees.",
	},
	{
		Slug: "ask_email", Kind: KindEmail, Purpose: "The ask email, when no message variant is active",
		Vars: []Var{
			{Name: "first_name", What: "The customer's first name"},
			{Name: "company", What: "The customer's company"},
			{Name: "incentive", What: "The name of the thank-you on offer, from Incentives"},
			{Name: "link", About: "link_ask", What: "The customer's personal link to the landing page: the email's one call to action", Link: true},
			varCompanyName, varSenderName,
		},
		TitleVars: []string{"first_name", "company", "company_name", "sender_name"},
		footer:    askFooter,
	},
	{
		Slug: "intro_email", Kind: KindEmail, Purpose: "The email that introduces you to the person a customer referred",
		Vars: append(slices.Clone(varsReferee), varCompanyName, varSenderName, varWhatWeDo,
			Var{Name: "link", About: "link_referee_page", What: "Their personal page, where they can book a meeting", Link: true}),
		TitleVars: append(VarNames(varsReferee), "company_name", "sender_name"),
		footer:    introFooter,
	},
	{
		Slug: "share_confirmation_email", Kind: KindEmail,
		Purpose: "The email that asks someone who introduced themself through a customer's share link to confirm their address; " +
			"until they follow its link the referral counts for nothing and your team is not told",
		Vars: []Var{
			{Name: "referrer_name", About: "sharer_name", What: "Full name of the customer whose share link they used"},
			{Name: "referrer_first_name", About: "sharer_first_name", What: "First name of the customer whose share link they used"},
			varCompanyName, varSenderName,
			{Name: "link", About: "link_confirm_page", What: "Their personal page, where they confirm it is them", Link: true},
		},
		TitleVars: []string{"referrer_name", "referrer_first_name", "company_name", "sender_name"},
		footer:    shareConfirmFooter,
	},
	{
		Slug: "booking_confirmation_email", Kind: KindEmail,
		Purpose: "The email that confirms a meeting request to the person who asked; replies go to your sales inbox, " +
			"so it is sent only while Settings has one",
		Vars: append(slices.Clone(varsBooking),
			Var{Name: "link", About: "link_booked_page", What: "Their personal page, where they asked for the meeting", Link: true}),
		TitleVars: []string{"referee_first_name", "referee_name", "company_name", "sender_name"},
		footer:    bookingFooter,
	},
	{Slug: "thanks_booked", Kind: KindEmail, Purpose: "The thank-you a referrer gets when the person they introduced books a meeting",
		Vars: varsThanks, TitleVars: VarNames(varsThanks), footer: noteFooter},
	{Slug: "thanks_won", Kind: KindEmail, Purpose: "The thank-you a referrer gets when the person they introduced becomes a customer",
		Vars: varsThanks, TitleVars: VarNames(varsThanks), footer: noteFooter},
	{Slug: "sales_new_referral", Kind: KindEmail, Purpose: "The note your sales inbox gets for every new referral",
		Vars: varsNote, TitleVars: VarNames(varsNote), footer: noteFooter},
	{Slug: "sales_booked", Kind: KindEmail, Purpose: "The note your sales inbox gets when someone referred asks for a meeting",
		Vars: varsNote, TitleVars: VarNames(varsNote), footer: noteFooter},
	{Slug: "reward_earned", Kind: KindEmail, Purpose: "The email a referrer gets when they earn a reward",
		Vars: varsReward, TitleVars: VarNames(varsReward), footer: noticeFooter},
	{Slug: "reward_fulfilled", Kind: KindEmail, Purpose: "The email a referrer gets when you mark their reward fulfilled",
		Vars: varsReward, TitleVars: VarNames(varsReward), footer: noticeFooter},
	{Slug: "weekly_summary", Kind: KindEmail, Purpose: "The summary the program's owners get every Monday morning: the past seven days' figures",
		Vars: varsSummary, TitleVars: []string{"company_name", "week_start", "week_end"}, footer: summaryFooter},
	{Slug: "team_invite_email", Kind: KindEmail, Purpose: "The email that invites someone to your team in this dashboard; its link works once, for seven days",
		Vars: varsTeamInvite, TitleVars: VarNames(varsTeamInvite), footer: teamInviteFooter},
}

// SpecFor is what Warmloop knows of a page; a page it does not use (added
// in the admin UI, say) is plain markdown with no variables checked, and ok
// is false.
func SpecFor(slug string) (spec Spec, ok bool) {
	if i := catalogIndex(slug); i < len(catalog) {
		return catalog[i], true
	}
	return Spec{Slug: slug, Kind: KindWeb, Purpose: "A page Warmloop does not use itself"}, false
}

// Specs lists the pages Warmloop uses, in the catalog's order.
func Specs() []Spec { return slices.Clone(catalog) }

// catalogIndex is a page's place in the catalog; a page not in it comes last.
func catalogIndex(slug string) int {
	if i := slices.IndexFunc(catalog, func(s Spec) bool { return s.Slug == slug }); i >= 0 {
		return i
	}
	return len(catalog)
}

// VarNames lists the variables' names.
func VarNames(vars []Var) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = v.Name
	}
	return out
}

// Names lists the names of the variables the page's body accepts.
func (s Spec) Names() []string { return VarNames(s.Vars) }

// Footer is the line under the page when it is an email, filled from its
// values; a page that is not an email has none.
func (s Spec) Footer(values map[string]string) Footer {
	if s.footer == nil {
		return Footer{}
	}
	return s.footer(values)
}

// Compile renders the page's body as real use does: markdown Warmloop
// writes goes in first, links fill their slots as they are, and every
// other variable fills a slot escaped (see Compiled.Fill).
func (s Spec) Compile(body string, values map[string]string) (*Compiled, error) {
	fixed := Vars{System: map[string]string{}}
	var people, system []string
	for _, v := range s.Vars {
		switch {
		case v.Markdown:
			fixed.System[v.Name] = values[v.Name]
		case v.Link:
			system = append(system, v.Name)
		default:
			people = append(people, v.Name)
		}
	}
	return Compile(body, fixed, people, system)
}
