package pages

import "warmloop/internal/locale"

// The footers: the line under each email that says why its reader got it,
// in the reader's language (the catalog's email.footer.*). internal/mail
// writes them under the emails it sends, and the page catalog (Spec.Footer)
// under the dashboard's previews, so both read the same.

// Footer is the line under an email, with an optional link (the ask's
// unsubscribe link).
type Footer struct {
	Text, LinkText, Link string
}

// AskFooter is the ask email's footer, above its unsubscribe link.
func AskFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.ask", "Company", companyName)
}

// UnsubscribeText is the words of the ask email's unsubscribe link.
func UnsubscribeText(sp locale.Speaker) string { return sp.T("email.unsubscribe") }

// IntroFooter is the introduction email's footer.
func IntroFooter(sp locale.Speaker, referrerName, companyName string) string {
	return sp.T("email.footer.intro", "Referrer", referrerName, "Company", companyName)
}

// IntroCopyLead is the line above the referrer's copy of an introduction:
// what it is, and why its link is not the one the referee got.
func IntroCopyLead(sp locale.Speaker, refereeName string) string {
	return sp.T("email.copy_lead", "Referee", refereeName)
}

// IntroCopyFooter is the footer of the referrer's copy of an introduction.
func IntroCopyFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.copy", "Company", companyName)
}

// ShareConfirmFooter is the footer of the share link's confirmation: why
// the reader got it, and that they may ignore it.
func ShareConfirmFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.share_confirm", "Company", companyName)
}

// BookingFooter is the footer of the booking confirmation.
func BookingFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.booking", "Company", companyName)
}

// NoteFooter is the footer of the pipeline's emails.
func NoteFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.note", "Company", companyName)
}

// NoticeFooter is the footer of the reward emails.
func NoticeFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.notice", "Company", companyName)
}

// SummaryFooter is the footer of the weekly summary.
func SummaryFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.summary", "Company", companyName)
}

// TeamInviteFooter is the footer of an invitation to the team.
func TeamInviteFooter(sp locale.Speaker, companyName string) string {
	return sp.T("email.footer.team_invite", "Company", companyName)
}

// askFooter, introFooter, shareConfirmFooter, bookingFooter, noteFooter,
// noticeFooter, summaryFooter and teamInviteFooter are the catalog's footers,
// filled from a page's values, in the language values["locale"] names
// (English when it names none).
func askFooter(v map[string]string) Footer {
	sp := locale.For(v["locale"])
	return Footer{Text: AskFooter(sp, v["company_name"]), LinkText: UnsubscribeText(sp), Link: v["unsubscribe"]}
}

func introFooter(v map[string]string) Footer {
	return Footer{Text: IntroFooter(locale.For(v["locale"]), v["referrer_name"], v["company_name"])}
}

func shareConfirmFooter(v map[string]string) Footer {
	return Footer{Text: ShareConfirmFooter(locale.For(v["locale"]), v["company_name"])}
}

func bookingFooter(v map[string]string) Footer {
	return Footer{Text: BookingFooter(locale.For(v["locale"]), v["company_name"])}
}

func noteFooter(v map[string]string) Footer {
	return Footer{Text: NoteFooter(locale.For(v["locale"]), v["company_name"])}
}

func noticeFooter(v map[string]string) Footer {
	return Footer{Text: NoticeFooter(locale.For(v["locale"]), v["company_name"])}
}

func summaryFooter(v map[string]string) Footer {
	return Footer{Text: SummaryFooter(locale.For(v["locale"]), v["company_name"])}
}

func teamInviteFooter(v map[string]string) Footer {
	return Footer{Text: TeamInviteFooter(locale.For(v["locale"]), v["company_name"])}
}
