package dashboard_test

import (
	"bytes"
	"html"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/demo"
	"warmloop/internal/metrics"
	"warmloop/internal/program"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// walker is the signed-in admin's browser in the walk-through: it sends the
// session cookie, and shows redirects rather than following them.
type walker struct {
	t      *testing.T
	base   string
	cookie string
}

// do sends a request (a form post when form is not nil) and returns the
// answer and its body.
func (w walker) do(method, target string, form url.Values) (*http.Response, string) {
	w.t.Helper()
	if strings.HasPrefix(target, "/") {
		target = w.base + target
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		w.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if w.cookie != "" {
		req.Header.Set("Cookie", w.cookie)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	return res, readBody(w.t, res)
}

// readBody reads and closes a response's body.
func readBody(t testing.TB, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// arrived is an email the SMTP sink took: its headers, bodies and links.
type arrived struct {
	To, From, Subject, ReplyTo string
	Text, HTML                 string
	Links                      []string
}

// nthEmail reads the sink's nth email (from 1), failing if it has not arrived.
func nthEmail(t *testing.T, sink *smtptest.Server, n int) arrived {
	t.Helper()
	msgs := sink.Messages()
	if len(msgs) != n {
		t.Fatalf("the SMTP server has %d emails, want %d", len(msgs), n)
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[n-1].Data))
	if err != nil {
		t.Fatal(err)
	}
	a := arrived{To: strings.Join(msgs[n-1].To, ","), From: m.Header.Get("From"), ReplyTo: m.Header.Get("Reply-To")}
	a.Subject, _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	a.Text, a.HTML = smtptest.Parts(t, m)
	all := a.Text + " " + html.UnescapeString(a.HTML) + " " + m.Header.Get("List-Unsubscribe")
	seen := map[string]bool{}
	for _, l := range regexp.MustCompile(`https?://[^\s"'<>]+`).FindAllString(all, -1) {
		l = strings.TrimRight(l, ".,;:)")
		if !seen[l] {
			seen[l] = true
			a.Links = append(a.Links, l)
		}
	}
	return a
}

// expectLinksOpen checks every link of an email answers 200 to the admin,
// lies under base, and that a guest holding it gets nothing; it returns the
// link to the walk-through page named.
func expectLinksOpen(t *testing.T, admin, guest walker, e arrived, page string) string {
	t.Helper()
	found := ""
	for _, link := range e.Links {
		if !strings.HasPrefix(link, admin.base+"/") {
			t.Errorf("%q links outside the server: %s", e.Subject, link)
			continue
		}
		if res, _ := admin.do(http.MethodGet, link, nil); res.StatusCode != http.StatusOK {
			t.Errorf("%q: GET %s answered %d to the admin", e.Subject, link, res.StatusCode)
		}
		if res, body := guest.do(http.MethodGet, link, nil); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Dana") {
			t.Errorf("%q: a guest holding %s got %d", e.Subject, link, res.StatusCode)
		}
		if strings.Contains(link, "/preview/"+page+"?") {
			found = link
		}
	}
	if found == "" {
		t.Fatalf("%q has no link to the walk-through's %s page: %v", e.Subject, page, e.Links)
	}
	return found
}

// formAction is the address the first form posting to a walk-through page
// sends to.
func formAction(t *testing.T, body, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<form method="post" action="(/preview/` + page + `\?test=[^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no form posting to the %s page in:\n%s", page, body)
	}
	return html.UnescapeString(m[1])
}

// walkFigures is the overview's report for the last year, without the time
// it was read at.
func walkFigures(t *testing.T, app core.App) metrics.Report {
	t.Helper()
	now := time.Now().Truncate(time.Hour)
	r, err := metrics.Build(app, now.Add(-365*24*time.Hour), now.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	r.ComputedAt, r.Took = time.Time{}, 0
	return r
}

// walkProgram is a demo program sending through sink, its links on srv.
func walkProgram(t *testing.T) (core.App, *smtptest.Server, walker, walker) {
	app := testapp.New(t)
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	sink := smtptest.Start(t)
	srv := webtest.Server(t, app)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("smtp_host", sink.Host)
	r.Set("smtp_port", sink.Port)
	r.Set("app_url", srv.URL)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	app.OnMailerSend().UnbindAll() // through the SMTP sink, not the test mailer
	admin := walker{t: t, base: srv.URL, cookie: "warmloop_session=" + testapp.SuperuserToken}
	return app, sink, admin, walker{t: t, base: srv.URL}
}

// TestTheTestAskWalksTheAdminThroughTheWholeFlowInTheirInboxWithoutTouchingTheFigures
// proves SMTP as an admin would (the test email), sends the test ask from
// the overview, and follows it through a real SMTP server: the ask, the
// landing page's form, the introduction, the referee's booking form and
// the booking confirmation. Every email reaches the admin alone, every
// link in them opens for the admin and for no guest, and no record or
// figure of the program changes.
func TestTheTestAskWalksTheAdminThroughTheWholeFlowInTheirInboxWithoutTouchingTheFigures(t *testing.T) {
	app, sink, admin, guest := walkProgram(t)
	if res, body := admin.do(http.MethodPost, "/dashboard/settings/test-email", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the test email answered %d:\n%s", res.StatusCode, body)
	}
	before, figures := programCounts(t, app), walkFigures(t, app)

	res, _ := admin.do(http.MethodPost, "/dashboard/setup/test-ask", url.Values{})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/dashboard?test_ask=sent#setup-checklist" {
		t.Fatalf("the test ask answered %d, to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := admin.do(http.MethodGet, "/dashboard?test_ask=sent", nil); !strings.Contains(body, "A test ask is on its way to "+testapp.SuperuserEmail) {
		t.Error("the overview does not say where the test ask went")
	}
	ask := nthEmail(t, sink, 2)
	if ask.To != testapp.SuperuserEmail || !strings.Contains(ask.From, "maya@brightwave.example") || !strings.Contains(ask.Text, "Hi Dana") {
		t.Errorf("the test ask: to %s, from %s\n%s", ask.To, ask.From, ask.Text)
	}
	landing := expectLinksOpen(t, admin, guest, ask, "landing")
	expectLinksOpen(t, admin, guest, ask, "unsubscribe")

	_, page := admin.do(http.MethodGet, landing, nil)
	res, _ = admin.do(http.MethodPost, formAction(t, page, "landing"), url.Values{"referee_name": {"Jo Bloggs"},
		"referee_email": {"jo@fabrikam.example"}, "referee_company": {"Fabrikam"}, "message": {"Jo's team has our old reporting mess."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the landing form answered %d", res.StatusCode)
	}
	if _, page = admin.do(http.MethodGet, res.Header.Get("Location"), nil); !strings.Contains(page, "Thank you, Dana!") {
		t.Error("after the landing form the page does not thank the referrer")
	}
	intro := nthEmail(t, sink, 3)
	if intro.To != testapp.SuperuserEmail || intro.Subject != "Dana Whitfield suggested we talk" || !strings.Contains(intro.Text, "Jo's team has our old reporting mess.") {
		t.Errorf("the test introduction: to %s, subject %q\n%s", intro.To, intro.Subject, intro.Text)
	}
	referee := expectLinksOpen(t, admin, guest, intro, "referee")

	_, page = admin.do(http.MethodGet, referee, nil)
	res, _ = admin.do(http.MethodPost, formAction(t, page, "referee"), url.Values{"name": {"Jo Bloggs"},
		"email": {testapp.SuperuserEmail}, "preferred_times": {"Monday morning"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the booking form answered %d", res.StatusCode)
	}
	if _, page = admin.do(http.MethodGet, res.Header.Get("Location"), nil); !strings.Contains(page, "We have sent a confirmation to your email.") {
		t.Error("after booking the page does not show the booking confirmation")
	}
	booking := nthEmail(t, sink, 4)
	if booking.To != testapp.SuperuserEmail || booking.ReplyTo != "<sales@brightwave.example>" || !strings.Contains(booking.Text, "Hi Jo,") {
		t.Errorf("the test booking confirmation: to %s, reply-to %s\n%s", booking.To, booking.ReplyTo, booking.Text)
	}
	expectLinksOpen(t, admin, guest, booking, "booking")

	after := programCounts(t, app)
	for c, n := range before {
		if after[c] != n {
			t.Errorf("the walk-through changed the %s records", c)
		}
	}
	if got := walkFigures(t, app); !reflect.DeepEqual(got, figures) {
		t.Errorf("the walk-through moved the figures:\nbefore %+v\nafter  %+v", figures.Current, got.Current)
	}
}
