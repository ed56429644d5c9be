package mail

import (
	"html"
	"net/mail"

	"warmloop/internal/program"
)

// Envelope wraps a rendered email body in the one envelope every Warmloop
// email uses: readable width, system fonts, and a footer line that says why
// the reader got it, with an optional link (unsubscribe, say).
func Envelope(body, footer, linkText, link string) string {
	foot := html.EscapeString(footer)
	if link != "" {
		foot += ` <a href="` + html.EscapeString(link) + `" style="color:#57606a">` + html.EscapeString(linkText) + `</a>.`
	}
	return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:36rem">` +
		body + `<hr style="border:0;border-top:1px solid #e6dfd6"><p style="font-size:13px;color:#57606a">` +
		foot + `</p></body></html>`
}

// sender is the company's sender, the From of every email.
func sender(s program.Settings) mail.Address {
	return mail.Address{Name: s.SenderName, Address: s.SenderAddress}
}

// The footers: the line under each email that says why its reader got it.
// The dashboard's previews show the same lines.

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

// NoteFooter is the footer of the pipeline's emails.
func NoteFooter(companyName string) string {
	return "Sent by " + companyName + "'s referral program."
}

// NoticeFooter is the footer of the reward emails.
func NoticeFooter(companyName string) string {
	return "Sent by " + companyName + " to thank you for your introductions."
}
