// Package clicks decides whether a request for a personal link (a
// referrer's /r/{token}, a referee's /i/{code}) is a person opening it, so
// that only people move the funnel: an ask is marked clicked, a referral
// visited, by a person and never by a machine that fetched the link.
//
// Three kinds of request are not a person:
//
//   - a HEAD request: browsers open links with GET; link checkers ask HEAD;
//   - a user agent that names a machine (Machine): mail gateways that scan
//     every link (Barracuda, Proofpoint, Mimecast, Google's and Microsoft's
//     checkers), link previews (Slack, Teams, LinkedIn, WhatsApp), crawlers,
//     headless browsers and HTTP libraries, or no user agent at all;
//   - a GET less than DeliveryWindow after the email carrying the link was
//     sent: a gateway fetches every link as the email arrives, before anyone
//     has read it. The first GET after the window counts. A person quick
//     enough to open the link inside the window is counted when they come
//     back, or when they send the page's form.
package clicks

import (
	"net/http"
	"strings"
	"time"
)

// DeliveryWindow is how long after an email is sent a GET of its link is
// taken for a mail gateway scanning it on delivery.
const DeliveryWindow = 30 * time.Second

// Opening is one request for a personal link.
type Opening struct {
	Method, UserAgent string
	At                time.Time
	// Sent is when the email carrying the link was sent; zero when no email
	// carried it (a share link led there) or it has not been sent.
	Sent time.Time
}

// Why a request is not counted as a person; "" is a person.
const (
	ByPerson     = ""
	NotGet       = "not a GET"
	MachineAgent = "a machine's user agent"
	OnDelivery   = "fetched as the email was delivered"
)

// Reason says why the opening is not counted as a person, or ByPerson.
func (o Opening) Reason() string {
	switch {
	case o.Method != http.MethodGet:
		return NotGet
	case Machine(o.UserAgent):
		return MachineAgent
	case !o.Sent.IsZero() && o.At.Before(o.Sent.Add(DeliveryWindow)):
		return OnDelivery
	}
	return ByPerson
}

// IsPerson reports whether the opening counts as a person opening the link.
func (o Opening) IsPerson() bool { return o.Reason() == ByPerson }

// machineWords are the parts of a user agent, lower-cased, that name a
// machine. The generic words (bot, crawl, spider, preview, scanner) catch
// most: Googlebot, Slackbot-LinkExpanding, LinkedInBot, BingPreview,
// SkypeUriPreview (Teams), MicrosoftPreview (Outlook). The rest are named:
// mail gateways, link checkers, link previews and HTTP libraries whose user
// agents carry none of the generic words.
var machineWords = []string{
	// generic
	"bot", "crawl", "spider", "preview", "scanner", "headless", "fetcher", "monitor",
	// mail gateways and link checkers
	"barracuda", "proofpoint", "mimecast", "google-safety", "googleimageproxy", "safelinks",
	"ms-office", "microsoft office", "office existence discovery",
	// link previews in chat and social apps
	"facebookexternalhit", "whatsapp", "embedly", "skypeuri", "vkshare", "pinterest",
	// HTTP libraries and command-line tools
	"curl/", "wget", "python-", "python/", "aiohttp", "go-http-client", "java/", "okhttp",
	"libwww", "httpclient", "node-fetch", "axios/", "ruby", "php/", "postmanruntime", "httpie",
}

// Machine reports whether a user agent names a machine rather than a
// person's browser. An empty one does: every browser sends one. Cubot, a
// phone maker, is the one known browser with "bot" in its user agent.
func Machine(userAgent string) bool {
	ua := strings.ToLower(strings.TrimSpace(userAgent))
	if ua == "" {
		return true
	}
	ua = strings.ReplaceAll(ua, "cubot", "")
	for _, w := range machineWords {
		if strings.Contains(ua, w) {
			return true
		}
	}
	return false
}
