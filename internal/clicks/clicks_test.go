package clicks_test

import (
	"net/http"
	"testing"
	"time"

	"warmloop/internal/clicks"
)

// People's browsers, as they send their user agents.
const (
	chromeDesktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	safariIPhone  = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
	firefoxLinux  = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	edgeDesktop   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
	cubotPhone    = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
	inAppBrowser  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
)

func TestMachineTellsMailScannersPreviewsAndScriptsFromBrowsers(t *testing.T) {
	cases := []struct {
		name, ua string
		machine  bool
	}{
		{"Chrome on a desktop is a person", chromeDesktop, false},
		{"Safari on an iPhone is a person", safariIPhone, false},
		{"Firefox is a person", firefoxLinux, false},
		{"Edge is a person", edgeDesktop, false},
		{"a Cubot phone is a person, though its name holds bot", cubotPhone, false},
		{"an app's in-app browser (WKWebView) is a person", inAppBrowser, false},
		{"no user agent is a machine: every browser sends one", "", true},
		{"blank user agent is a machine", "   ", true},
		{"Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true},
		{"Gmail's image proxy", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", true},
		{"Google's link safety check", "Google-Safety; +http://www.google.com/bot.html", true},
		{"Outlook's and Bing's link preview", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) BingPreview/1.0b", true},
		{"Teams and Skype link preview", "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com", true},
		{"Microsoft's preview fetcher", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/103.0.5060.114 Safari/537.36 Edg/103.0.1264.49 MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview", true},
		{"Office checking a link exists", "Microsoft Office Existence Discovery", true},
		{"an Office app fetching a link", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)", true},
		{"Barracuda's gateway", "Barracuda Sentinel (EE)", true},
		{"Proofpoint's URL defense", "Mozilla/5.0 Proofpoint URL Defense", true},
		{"Mimecast's link scanner", "Mozilla/5.0 (compatible; Mimecast Link Scanner)", true},
		{"a generic link scanner", "Mozilla/5.0 (compatible; URLScanner/1.0)", true},
		{"a crawler", "Mozilla/5.0 (compatible; SomeCrawler/3.0)", true},
		{"Slack's link expander", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", true},
		{"LinkedIn's preview", "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", true},
		{"Facebook's and iMessage's preview", "facebookexternalhit/1.1 Facebot Twitterbot/1.0", true},
		{"WhatsApp's preview", "WhatsApp/2.23.20.0", true},
		{"a headless browser", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", true},
		{"curl", "curl/8.5.0", true},
		{"wget", "Wget/1.21.4", true},
		{"python requests", "python-requests/2.32.3", true},
		{"Go's HTTP client", "Go-http-client/1.1", true},
		{"Java's HTTP client", "Java/17.0.2", true},
		{"okhttp", "okhttp/4.12.0", true},
		{"node-fetch", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := clicks.Machine(c.ua); got != c.machine {
				t.Errorf("Machine(%q) = %v, want %v", c.ua, got, c.machine)
			}
		})
	}
}

func TestOnlyAPersonsGetAfterTheDeliveryWindowCounts(t *testing.T) {
	sent := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		o    clicks.Opening
		want string
	}{
		{"a browser's GET long after the email was sent counts",
			clicks.Opening{Method: http.MethodGet, UserAgent: chromeDesktop, At: sent.Add(time.Hour), Sent: sent}, clicks.ByPerson},
		{"a HEAD never counts, whoever sends it",
			clicks.Opening{Method: http.MethodHead, UserAgent: chromeDesktop, At: sent.Add(time.Hour), Sent: sent}, clicks.NotGet},
		{"a scanner's GET never counts",
			clicks.Opening{Method: http.MethodGet, UserAgent: "Barracuda Sentinel (EE)", At: sent.Add(time.Hour), Sent: sent}, clicks.MachineAgent},
		{"a GET one second after sending is the gateway scanning it",
			clicks.Opening{Method: http.MethodGet, UserAgent: chromeDesktop, At: sent.Add(time.Second), Sent: sent}, clicks.OnDelivery},
		{"a GET just inside the window does not count",
			clicks.Opening{Method: http.MethodGet, UserAgent: chromeDesktop, At: sent.Add(clicks.DeliveryWindow - time.Millisecond), Sent: sent}, clicks.OnDelivery},
		{"the first GET once the window has passed counts",
			clicks.Opening{Method: http.MethodGet, UserAgent: chromeDesktop, At: sent.Add(clicks.DeliveryWindow), Sent: sent}, clicks.ByPerson},
		{"a GET before the email was even marked sent is not delivery",
			clicks.Opening{Method: http.MethodGet, UserAgent: chromeDesktop, At: sent.Add(-time.Minute), Sent: sent}, clicks.OnDelivery},
		{"with no email behind the link (a share link led there) a browser's first GET counts",
			clicks.Opening{Method: http.MethodGet, UserAgent: safariIPhone, At: sent}, clicks.ByPerson},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.o.Reason(); got != c.want {
				t.Errorf("Reason() = %q, want %q", got, c.want)
			}
			if c.o.IsPerson() != (c.want == clicks.ByPerson) {
				t.Errorf("IsPerson() = %v, want %v", c.o.IsPerson(), c.want == clicks.ByPerson)
			}
		})
	}
}
