package chat_test

import (
	"encoding/json"
	"strings"
	"testing"

	"warmloop/internal/chat"
)

func TestTheChatURLRule(t *testing.T) {
	for _, c := range []struct {
		name, url string
		ok        bool
	}{
		{"no URL sends no notes", "", true},
		{"a Slack webhook", "https://hooks.slack.com/services/T0/B0/xyz", true},
		{"a Teams workflow", "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x", true},
		{"a Mattermost on this machine over http", "http://localhost:8065/hooks/abc", true},
		{"a Rocket.Chat on the private network over http", "http://192.168.1.20:3000/hooks/abc/def", true},
		{"a loopback receiver", "http://127.0.0.1:9999/x", true},
		{"plain http across the internet", "http://hooks.slack.com/services/T0/B0/xyz", false},
		{"plain http to a named host on the network", "http://chat.internal/hooks/abc", false},
		{"no scheme", "hooks.slack.com/services/T0/B0/xyz", false},
		{"another scheme", "ftp://hooks.slack.com/x", false},
		{"credentials in the URL", "https://user:pw@hooks.slack.com/x", false},
		{"a space inside", "https://hooks.slack.com/services/T0 B0", false},
		{"too long", "https://hooks.slack.com/" + strings.Repeat("a", 2000), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			msg := chat.CheckURL(c.url)
			if (msg == "") != c.ok {
				t.Errorf("CheckURL(%q) = %q; want ok %v", c.url, msg, c.ok)
			}
		})
	}
}

func TestTeamsURLsGetAnAdaptiveCardAndOthersSlacksText(t *testing.T) {
	m := chat.ReferralNote(chat.EventCreated, chat.ReferralFacts{Referee: "Sam <Rivera> @all", Referrer: "Ana Lima"}, "https://x.example/dashboard/referrals/abc")
	for url, teams := range map[string]bool{
		"https://hooks.slack.com/services/T0/B0/x":                         false,
		"https://chat.acme.example/hooks/abc":                              false,
		"https://prod-01.westeurope.logic.azure.com/workflows/abc":         true,
		"https://default1234.environment.api.powerplatform.com/powerautom": true,
		"https://acme.webhook.office.com/webhookb2/abc":                    true,
		"https://outlook.office.com/webhook/abc":                           true,
		"https://notoffice.com.example/hooks":                              false,
	} {
		raw, err := json.Marshal(chat.Body(url, m))
		if err != nil {
			t.Fatal(err)
		}
		body := string(raw)
		isCard := strings.Contains(body, `"contentType":"application/vnd.microsoft.card.adaptive"`) && strings.Contains(body, `"type":"AdaptiveCard"`)
		if isCard != teams || strings.HasPrefix(body, `{"text":`) == teams {
			t.Errorf("%s got %s; want a Teams card: %v", url, body, teams)
		}
		if teams && (!strings.Contains(body, `"url":"https://x.example/dashboard/referrals/abc"`) || !strings.Contains(body, "Sam \\u003cRivera\\u003e @\u200ball")) {
			t.Errorf("%s: the card lacks the link button or the defused name: %s", url, body)
		}
	}
}

func TestSlackTextEscapesOnlyWhatPeopleTyped(t *testing.T) {
	m := chat.Message{Lines: []chat.Line{{chat.Say("Won: "), chat.Typed("A&B <Ltd>\n@channel")}, {chat.Say("next line")}},
		Link: "https://x.example/r/1", LinkText: "Open"}
	want := "Won: A&amp;B &lt;Ltd&gt; @\u200bchannel\nnext line <https://x.example/r/1|Open>"
	if got := m.Slack(); got != want {
		t.Errorf("Slack() = %q, want %q", got, want)
	}
}

func TestAmountsReadWithThousandsSeparated(t *testing.T) {
	for f, want := range map[float64]string{0: "0", 999.4: "999", 1000: "1,000", 18500.5: "18,501", 1234567: "1,234,567", -42000: "-42,000"} {
		if got := chat.Amount(f); got != want {
			t.Errorf("Amount(%v) = %q, want %q", f, got, want)
		}
	}
}
