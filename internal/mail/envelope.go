package mail

import (
	"html"
	"net/mail"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/program"
)

// Envelope wraps a rendered email body in the one envelope every Warmloop
// email uses: readable width, system fonts, and a footer line that says why
// the reader got it, with an optional link (unsubscribe, say). lang is the
// language it is written in, for the html element's lang and dir.
func Envelope(lang, body, footer, linkText, link string) string {
	foot := html.EscapeString(footer)
	if link != "" {
		foot += ` <a href="` + html.EscapeString(link) + `" style="color:#57606a">` + html.EscapeString(linkText) + `</a>.`
	}
	if lang == "" {
		lang = locale.English
	}
	return `<!doctype html><html lang="` + html.EscapeString(lang) + `" dir="` + locale.Dir(lang) + `"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:36rem">` +
		body + `<hr style="border:0;border-top:1px solid #e6dfd6"><p style="font-size:13px;color:#57606a">` +
		foot + `</p></body></html>`
}

// sender is the company's sender, the From of every email, with its name
// written as a display name for PocketBase's mailer (ForMailer).
func sender(s program.Settings) mail.Address {
	return ForMailer(mail.Address{Name: s.SenderName, Address: s.SenderAddress})
}

// readerLang is the language an email to a person is written in: theirs
// when Warmloop ships it, else the program's default, else English. A
// referee's emails are written in their referrer's.
func readerLang(s program.Settings, person *core.Record) string {
	return locale.Pick(person.GetString("locale"), s.DefaultLocale)
}

// teamLang is the language of the emails to the team (the sales notes, the
// weekly summary, an invitation), which read like the dashboard: English.
const teamLang = locale.English
