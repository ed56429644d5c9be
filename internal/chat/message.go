// Package chat writes the short notes Warmloop posts where the team already
// talks: an incoming webhook of Slack, Mattermost, Rocket.Chat or Microsoft
// Teams, named by the settings' chat_webhook_url. A note is a few words
// Warmloop writes, the names people typed (escaped, so a name cannot ping
// the channel or hide a link), and one link into the dashboard. Notes are
// queued in the outbox in the transaction of their cause and delivered by
// the webhook loop, with its retries.
//
// Which body a URL gets:
//
//   - Slack, Mattermost and Rocket.Chat take {"text": "..."} with Slack's
//     markup: links as <url|words>, and <, > and & written as &lt;, &gt;
//     and &amp;. Mattermost and Rocket.Chat read Slack's link form too.
//   - Microsoft Teams no longer reads a bare "text": the Workflows webhook
//     ("When a Teams webhook request is received", URLs on
//     *.logic.azure.com or *.powerplatform.com) posts the Adaptive Cards
//     found in "attachments" and fails on anything else; the retiring Office
//     365 connectors (*.webhook.office.com) take the same envelope. So a URL
//     on one of Microsoft's hosts gets an Adaptive Card, each line a
//     TextBlock, the link an Action.OpenUrl; every other URL gets the
//     Slack-compatible body.
package chat

import (
	"strings"
)

// Part is a piece of a line: Warmloop's own words, or text someone typed
// (a name, a company), which is escaped for the chat tool.
type Part struct {
	Text  string
	Typed bool
}

// Say is a part in Warmloop's own words.
func Say(s string) Part { return Part{Text: s} }

// Typed is a part someone typed.
func Typed(s string) Part { return Part{Text: s, Typed: true} }

// Line is one line of a note.
type Line []Part

// Message is one note: its lines and the one link it carries.
type Message struct {
	Lines          []Line
	Link, LinkText string
}

// Slack renders the note in Slack's markup: lines joined by line breaks,
// what people typed escaped, and the link as <url|words> at the end.
func (m Message) Slack() string {
	var b strings.Builder
	for i, l := range m.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, p := range l {
			if p.Typed {
				b.WriteString(EscapeSlack(p.Text))
			} else {
				b.WriteString(p.Text)
			}
		}
	}
	if m.Link != "" {
		b.WriteString(" <" + m.Link + "|" + m.LinkText + ">")
	}
	return b.String()
}

// plain renders one line for a tool that reads markdown (Teams): what
// people typed loses its power to mention anyone or to form a link.
func (l Line) plain() string {
	var b strings.Builder
	for _, p := range l {
		if p.Typed {
			b.WriteString(defuse(clean(p.Text)))
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// EscapeSlack makes typed text inert in Slack-compatible tools: &, < and >
// become entities (so "<!channel>" or "<https://x|y>" stay words), and the
// markup that would mention someone or make a link in Mattermost and
// Rocket.Chat, which read markdown and bare @mentions, is broken (see defuse).
func EscapeSlack(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(clean(s))
	return defuse(s)
}

// zwsp is a zero-width space: invisible, and not part of a word.
const zwsp = "\u200b"

// defuse breaks a mention ("@here", "@channel", "@all", "@someone") by
// putting a zero-width space after each @, and a markdown link by putting
// one between "]" and "(": the text reads the same, and nobody is pinged.
func defuse(s string) string {
	return strings.NewReplacer("@", "@"+zwsp, "](", "]"+zwsp+"(").Replace(s)
}

// clean keeps a typed value on one line: a name with a line break could
// start a line of its own that looks like Warmloop's.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
