package pages

// The footers: the line under each email that says why its reader got it.
// internal/mail writes them under the emails it sends, and the catalog
// (Spec.Footer) under the dashboard's previews, so both read the same.

// Footer is the line under an email, with an optional link (the ask's
// unsubscribe link).
type Footer struct {
	Text, LinkText, Link string
}

// AskFooter is the ask email's footer, above its unsubscribe link.
func AskFooter(companyName string) string {
	return "You are receiving this because you are a customer of " + companyName + "."
}

// UnsubscribeText is the words of the ask email's unsubscribe link.
const UnsubscribeText = "Unsubscribe from these emails"

// IntroFooter is the introduction email's footer.
func IntroFooter(referrerName, companyName string) string {
	return referrerName + " asked " + companyName + " to write to you. We will not add you to any list."
}

// IntroCopyLead is the line above the referrer's copy of an introduction:
// what it is, and why its link is not the one the referee got.
func IntroCopyLead(refereeName string) string {
	return "Your copy of the introduction we sent to " + refereeName + " for you. The link in their email " +
		"opens a page made for them alone, so in your copy it opens your own page instead."
}

// IntroCopyFooter is the footer of the referrer's copy of an introduction.
func IntroCopyFooter(companyName string) string {
	return "You asked " + companyName + " to send you a copy of your introduction."
}

// ShareConfirmFooter is the footer of the share link's confirmation: why
// the reader got it, and that they may ignore it.
func ShareConfirmFooter(companyName string) string {
	return "Someone gave this address on a page of " + companyName + "'s referral program. " +
		"If it was not you, you can ignore this email."
}

// BookingFooter is the footer of the booking confirmation.
func BookingFooter(companyName string) string {
	return "You asked " + companyName + " for a meeting. We will not add you to any list."
}

// NoteFooter is the footer of the pipeline's emails.
func NoteFooter(companyName string) string {
	return "Sent by " + companyName + "'s referral program."
}

// NoticeFooter is the footer of the reward emails.
func NoticeFooter(companyName string) string {
	return "Sent by " + companyName + " to thank you for your introductions."
}

// SummaryFooter is the footer of the weekly summary.
func SummaryFooter(companyName string) string {
	return "Sent every Monday to the owners of " + companyName + "'s referral program."
}

// TeamInviteFooter is the footer of an invitation to the team.
func TeamInviteFooter(companyName string) string {
	return "Sent by " + companyName + "'s referral program because a team owner invited this address."
}

// askFooter, introFooter, shareConfirmFooter, bookingFooter, noteFooter,
// noticeFooter, summaryFooter and teamInviteFooter are the catalog's footers,
// filled from a page's values.
func askFooter(v map[string]string) Footer {
	return Footer{Text: AskFooter(v["company_name"]), LinkText: UnsubscribeText, Link: v["unsubscribe"]}
}

func introFooter(v map[string]string) Footer {
	return Footer{Text: IntroFooter(v["referrer_name"], v["company_name"])}
}

func shareConfirmFooter(v map[string]string) Footer {
	return Footer{Text: ShareConfirmFooter(v["company_name"])}
}

func bookingFooter(v map[string]string) Footer { return Footer{Text: BookingFooter(v["company_name"])} }

func noteFooter(v map[string]string) Footer { return Footer{Text: NoteFooter(v["company_name"])} }

func noticeFooter(v map[string]string) Footer { return Footer{Text: NoticeFooter(v["company_name"])} }

func summaryFooter(v map[string]string) Footer { return Footer{Text: SummaryFooter(v["company_name"])} }
func teamInviteFooter(v map[string]string) Footer {
	return Footer{Text: TeamInviteFooter(v["company_name"])}
}
