package chat

import (
	"net/netip"
	"net/url"
	"strings"
)

// CheckURL checks a chat webhook URL as the settings hook does; "" when it
// is fine or empty (no chat notes). It must be https: the URL alone lets
// anyone post in the channel, and the notes carry names. Plain http is
// allowed only to this machine or a private network address (a Mattermost
// or Rocket.Chat run beside Warmloop, or a test receiver), where nothing
// crosses the internet.
func CheckURL(raw string) string {
	if raw == "" {
		return ""
	}
	const example = "Paste the incoming-webhook URL your chat tool gave you, such as https://hooks.slack.com/services/…"
	if len(raw) > 2000 {
		return "Keep it under 2001 characters. " + example
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || strings.ContainsAny(raw, " \t\r\n") {
		return example
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if local(u.Hostname()) {
			return ""
		}
		return "Use https:// for a chat tool on the internet; plain http:// is allowed only for localhost or a private network address."
	}
	return example
}

// local reports whether a host is this machine or an address of a private
// network.
func local(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && (ip.IsLoopback() || ip.IsPrivate())
}
