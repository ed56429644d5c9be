package chat

import (
	"net/url"
	"strings"
)

// teamsHosts are the hosts of Microsoft's incoming webhooks: Workflows
// (Power Automate) and the Office 365 connectors.
var teamsHosts = []string{".logic.azure.com", ".powerplatform.com", ".powerautomate.com", ".webhook.office.com",
	"outlook.office.com", "outlook.office365.com"}

// IsTeams reports whether a webhook URL is Microsoft Teams', which wants an
// Adaptive Card rather than Slack's {"text": ...}.
func IsTeams(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range teamsHosts {
		if host == strings.TrimPrefix(h, ".") || strings.HasSuffix(host, h) {
			return true
		}
	}
	return false
}

// Body is the JSON body a note is posted as to the webhook at url.
func Body(url string, m Message) map[string]any {
	if IsTeams(url) {
		return teamsCard(m)
	}
	return map[string]any{"text": m.Slack()}
}

// teamsCard is the note as one Adaptive Card in the message envelope Teams'
// webhooks read: a TextBlock per line, and the link as a button.
func teamsCard(m Message) map[string]any {
	body := make([]any, len(m.Lines))
	for i, l := range m.Lines {
		block := map[string]any{"type": "TextBlock", "text": l.plain(), "wrap": true}
		if i == 0 {
			block["weight"] = "Bolder"
		}
		body[i] = block
	}
	card := map[string]any{
		"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"type":    "AdaptiveCard",
		"version": "1.4",
		"body":    body,
	}
	if m.Link != "" {
		card["actions"] = []any{map[string]any{"type": "Action.OpenUrl", "title": m.LinkText, "url": m.Link}}
	}
	return map[string]any{
		"type": "message",
		"attachments": []any{map[string]any{
			"contentType": "application/vnd.microsoft.card.adaptive",
			"contentUrl":  nil,
			"content":     card,
		}},
	}
}
