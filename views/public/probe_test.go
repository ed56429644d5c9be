package public_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// probe drives a program the way a stranger does: real HTTP against the
// app's routes, and a real SMTP server that receives what the outbox sends.
// The rate limiter is off, because the probes send more than a person
// would (TestTheEleventhPostInAMinuteIsRateLimitedWithAPage tests it).
type probe struct {
	t    *testing.T
	app  *tests.TestApp
	srv  *httptest.Server
	sink *smtptest.Server
}

// newProbe serves a program made by factory.
func newProbe(t *testing.T, factory func(testing.TB) *tests.TestApp) *probe {
	t.Helper()
	app := factory(t)
	t.Cleanup(app.Cleanup)
	app.Settings().RateLimits.Enabled = false
	app.Settings().Meta.AppURL = "https://refer.acme.example"
	return &probe{t: t, app: app, srv: webtest.Server(t, app), sink: smtptest.Start(t)}
}

// post sends a form as a browser does, without following a redirect, and
// returns the response, its body and how long it took.
func (p *probe) post(path string, form url.Values) (*http.Response, string, time.Duration) {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", chrome)
	return p.do(req)
}

// get opens a page as a person's browser does.
func (p *probe) get(path string) (*http.Response, string) {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+path, nil)
	req.Header.Set("User-Agent", chrome)
	res, body, _ := p.do(req)
	return res, body
}

func (p *probe) do(req *http.Request) (*http.Response, string, time.Duration) {
	p.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body), time.Since(start)
}

// deliver has the outbox send everything due to the SMTP server.
func (p *probe) deliver() {
	p.t.Helper()
	w := &outbox.Worker{App: p.app, Compose: mail.ComposeBatch,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: p.sink.Host, Port: p.sink.Port} }}
	if _, err := w.DeliverDue(); err != nil {
		p.t.Fatal(err)
	}
}

// received is what the SMTP server got for one address: each message's
// subject and its text and HTML bodies together, decoded.
func (p *probe) received(to string) []receivedMail {
	p.t.Helper()
	var out []receivedMail
	for _, m := range p.sink.Messages() {
		for _, rcpt := range m.To {
			if rcpt != to {
				continue
			}
			msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
			if err != nil {
				p.t.Fatal(err)
			}
			text, html := smtptest.Parts(p.t, msg)
			out = append(out, receivedMail{Envelope: m.To, Header: msg.Header, Subject: msg.Header.Get("Subject"), Body: text + "\n" + html})
		}
	}
	return out
}

// receivedMail is one message as its recipient reads it.
type receivedMail struct {
	Envelope []string
	Header   netmail.Header
	Subject  string
	Body     string
}

// refereeLink is the path of the one referee page (/i/{code}) the
// recipient's latest message links to.
func (p *probe) refereeLink(to string) string {
	p.t.Helper()
	got := p.received(to)
	if len(got) == 0 {
		p.t.Fatalf("no email reached %s", to)
	}
	links := regexp.MustCompile(`/i/[A-Za-z0-9]{22}`).FindAllString(got[len(got)-1].Body, -1)
	if len(links) == 0 {
		p.t.Fatalf("the email to %s holds no link to a referee page:\n%s", to, got[len(got)-1].Body)
	}
	return links[0]
}

// introduceSelf sends the share form of Ana's share link.
func (p *probe) introduceSelf(name, email string) (*http.Response, string, time.Duration) {
	return p.post("/s/"+webtest.ShareCode, url.Values{"name": {name}, "email": {email}, "company": {"Anywhere"}})
}

// referral reads the referral of a referee page's path.
func (p *probe) referral(path string) *core.Record {
	p.t.Helper()
	r, err := p.app.FindFirstRecordByData("referrals", "code", strings.TrimPrefix(path, "/i/"))
	if err != nil {
		p.t.Fatal(err)
	}
	return r
}

// count counts the records of coll that match where.
func (p *probe) count(coll string, where ...dbx.Expression) int {
	p.t.Helper()
	n, err := p.app.CountRecords(coll, where...)
	if err != nil {
		p.t.Fatal(err)
	}
	return int(n)
}

// queueOthersMail puts in the outbox the mail an attacker once cancelled,
// all of it real: an ask email to Kim, a customer, and five notes to the
// sales inbox about other people's referrals.
func (p *probe) queueOthersMail() {
	p.t.Helper()
	kim, _ := p.app.FindFirstRecordByData("customers", "email", "known@contoso.example")
	ask := testapp.Save(p.t, p.app, "asks", map[string]any{"customer": kim.Id, "touch": 1, "status": "queued", "token": "KiMsAsKtOkEnFoRtHeTeSt"})
	if _, err := outbox.QueueEmail(p.app, "known@contoso.example", "Kim, who should we meet?",
		map[string]any{"template": "ask_email", "ask": ask.Id}); err != nil {
		p.t.Fatal(err)
	}
	others, _ := p.app.FindRecordsByFilter("referrals", "referrer != {:ana}", "", 0, 0, dbx.Params{"ana": webtest.MustAna(p.t, p.app).Id})
	for i := 0; i < 5; i++ {
		if _, err := outbox.QueueEmail(p.app, "sales@acme.example", "New referral",
			map[string]any{"template": "sales_new_referral", "referral": others[i%len(others)].Id}); err != nil {
			p.t.Fatal(err)
		}
	}
}
