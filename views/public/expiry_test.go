package public_test

import (
	"bytes"
	"io"
	"net/http"
	netmail "net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/tests/smtptest"
	"warmloop/tests/webtest"
	"warmloop/views/public"
)

// expire makes Ana's ask older than the links' life.
func expire(t testing.TB, app core.App) {
	t.Helper()
	made := time.Now().Add(-91 * 24 * time.Hour).UTC().Format(types.DefaultDateLayout)
	if _, err := app.DB().Update("asks", dbx.Params{"created": made}, dbx.HashExp{"token": webtest.AskToken}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// get fetches a page and returns the status and body.
func get(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// deliver sends every due email to the sink, as the outbox job does.
func deliver(t testing.TB, app core.App, sink *smtptest.Server) {
	t.Helper()
	w := &outbox.Worker{App: app, Compose: mail.ComposeBatch, OnOutcome: asks.FollowEmail,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }}
	if _, err := w.DeliverDue(); err != nil {
		t.Fatal(err)
	}
}

// nothingSent checks no referral was written and no email queued.
func nothingSent(t testing.TB, app core.App, what string) {
	t.Helper()
	if n := count(t, app, "SELECT COUNT(*) FROM referrals WHERE referrer = {:id}", dbx.Params{"id": webtest.MustAna(t, app).Id}); n != 0 {
		t.Errorf("%s: %d referrals written, want none", what, n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM outbox", nil); n != 0 {
		t.Errorf("%s: %d emails queued, want none", what, n)
	}
}

func TestAnExpiredLinkSendsNothingAndEmailsTheCustomerOneFreshLinkADay(t *testing.T) {
	app := capsApp(t)
	app.Settings().Meta.AppURL = "https://refer.acme.example"
	expire(t, app)
	srv := webtest.Server(t, app)
	sink := smtptest.Start(t)

	status, page := get(t, srv.URL+"/r/"+webtest.AskToken)
	if status != http.StatusGone || !strings.Contains(page, "This link has expired") || !strings.Contains(page, "work for 90 days") ||
		!strings.Contains(page, `action="/r/`+webtest.AskToken+`/renew"`) || strings.Contains(page, `name="referee_email"`) ||
		strings.Contains(page, "This page isn") {
		t.Fatalf("the expired link: %d\n%s", status, page)
	}
	if ask := webtest.MustAsk(t, app); ask.GetString("status") != "sent" {
		t.Errorf("opening an expired link moved the ask to %s", ask.GetString("status"))
	}
	// Anyone holding the link may open it again and again: the page is
	// kept, not rendered for each view.
	if !public.ClosedPageKept(app, webtest.AskToken, webtest.MustAna(t, app).GetString("locale"), public.ClosedExpired) {
		t.Error("the expired link's page is rendered anew for every view")
	}
	if status, _ := postForm(t, srv.URL+"/r/"+webtest.AskToken, intro(1), nil); status != http.StatusGone {
		t.Errorf("posting the form of an expired link: %d, want 410", status)
	}
	nothingSent(t, app, "an expired link's form")

	// The visitor's own address, if they send one, is not where it goes.
	press := url.Values{"email": {"attacker@evil.example"}, "referee_email": {"attacker@evil.example"}}
	status, page = postForm(t, srv.URL+"/r/"+webtest.AskToken+"/renew", press, nil)
	if status != http.StatusOK || !strings.Contains(page, "A fresh link is on its way") {
		t.Fatalf("pressing the button: %d\n%s", status, page)
	}
	deliver(t, app, sink)
	got := sink.Messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "ana@northwind.example" {
		t.Fatalf("messages %+v, want one to Ana's address on file", got)
	}
	fresh, err := app.FindFirstRecordByData("asks", "renewed_from", webtest.MustAsk(t, app).Id)
	if err != nil {
		t.Fatal("no fresh ask:", err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := smtptest.Parts(t, msg)
	link := "https://refer.acme.example/r/" + fresh.GetString("token")
	unsub := "<https://refer.acme.example/u/" + fresh.GetString("unsubscribe_token") + ">"
	if !strings.Contains(text, link) || strings.Contains(text, webtest.AskToken) || msg.Header.Get("List-Unsubscribe") != unsub {
		t.Errorf("the fresh email links to %s? unsubscribe %q, want %q\n%s", link, msg.Header.Get("List-Unsubscribe"), unsub, text)
	}
	if status, page := get(t, srv.URL+"/r/"+fresh.GetString("token")); status != http.StatusOK || !strings.Contains(page, `name="referee_email"`) {
		t.Errorf("the fresh link: %d, want the landing page", status)
	}

	status, page = postForm(t, srv.URL+"/r/"+webtest.AskToken+"/renew", nil, nil)
	if status != http.StatusOK || !strings.Contains(page, "A fresh link is already on its way") {
		t.Errorf("pressing again the same day: %d\n%s", status, page)
	}
	deliver(t, app, sink)
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("%d messages after pressing twice in a day, want 1", n)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM asks", nil); n != 2 {
		t.Errorf("%d asks, want the expired one and one fresh", n)
	}
}

func TestAnOpenLinksButtonSendsNothingAndACrossSitePressIsRefused(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	if status, _ := postForm(t, srv.URL+"/r/"+webtest.AskToken+"/renew", nil, nil); status != http.StatusSeeOther {
		t.Errorf("renewing an open link: %d, want back to its page", status)
	}
	expire(t, app)
	if status, _ := postForm(t, srv.URL+"/r/"+webtest.AskToken+"/renew", nil, map[string]string{"Sec-Fetch-Site": "cross-site"}); status != http.StatusForbidden {
		t.Errorf("a press from another site: %d, want 403", status)
	}
	if status, _ := postForm(t, srv.URL+"/r/ZZZZZZZZZZZZZZZZZZZZZZ/renew", nil, nil); status != http.StatusNotFound {
		t.Errorf("an unknown link's button: %d, want 404", status)
	}
	if n := count(t, app, "SELECT COUNT(*) FROM outbox", nil); n != 0 {
		t.Errorf("%d emails queued, want none", n)
	}
}

func TestAnOptedOutReferrersLinksSendNothingOnTheirBehalf(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	ana := webtest.MustAna(t, app)
	ana.Set("opted_out", true)
	if err := app.Save(ana); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("DELETE FROM outbox").Execute(); err != nil {
		t.Fatal(err)
	}
	status, page := get(t, srv.URL+"/r/"+webtest.AskToken)
	if status != http.StatusGone || !strings.Contains(page, "Referral emails are off") || strings.Contains(page, `name="referee_email"`) ||
		strings.Contains(page, "Email me a fresh link") {
		t.Errorf("her ask link: %d\n%s", status, page)
	}
	if status, _ := postForm(t, srv.URL+"/r/"+webtest.AskToken, intro(1), nil); status != http.StatusGone {
		t.Errorf("her ask link's form: %d, want 410", status)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/r/"+webtest.AskToken, strings.NewReader(intro(2).Encode()))
	for k, v := range webtest.HTMXForm {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("HX-Redirect") != "/r/"+webtest.AskToken {
		t.Errorf("her ask link's form through htmx: %d, HX-Redirect %q; want sent to the link's page", res.StatusCode, res.Header.Get("HX-Redirect"))
	}
	share := "/s/" + webtest.ShareCode
	if status, page := get(t, srv.URL+share); status != http.StatusGone || !strings.Contains(page, "This link is switched off") ||
		strings.Contains(page, "Ana") {
		t.Errorf("her share link: %d\n%s", status, page)
	}
	visitor := url.Values{"name": {"Val Visitor"}, "email": {"val@tailspin.example"}, "company": {"Tailspin"}}
	if status, _ := postForm(t, srv.URL+share, visitor, nil); status != http.StatusGone {
		t.Errorf("her share link's form: %d, want 410", status)
	}
	expire(t, app)
	if status, page := postForm(t, srv.URL+"/r/"+webtest.AskToken+"/renew", nil, nil); status != http.StatusGone ||
		!strings.Contains(page, "Referral emails are off") {
		t.Errorf("asking a fresh link for her: %d\n%s", status, page)
	}
	nothingSent(t, app, "an opted-out referrer's links")
}

func TestUnsubscribingSwitchesTheAskLinkOff(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	status, _ := postForm(t, srv.URL+"/u/"+webtest.UnsubscribeToken, url.Values{"List-Unsubscribe": {"One-Click"}},
		map[string]string{"Sec-Fetch-Site": "cross-site"})
	if status != http.StatusOK {
		t.Fatalf("one-click unsubscribe: %d", status)
	}
	if status, page := get(t, srv.URL+"/r/"+webtest.AskToken); status != http.StatusGone || !strings.Contains(page, "Referral emails are off") {
		t.Errorf("the ask link after unsubscribing: %d\n%s", status, page)
	}
}

func TestTheAskTokenNoLongerUnsubscribesAndTheUnsubscribeKeyOpensNoLandingPage(t *testing.T) {
	app := capsApp(t)
	srv := webtest.Server(t, app)
	if status, _ := get(t, srv.URL+"/u/"+webtest.AskToken); status != http.StatusNotFound {
		t.Errorf("the ask token's unsubscribe page: %d, want 404", status)
	}
	for _, headers := range []map[string]string{nil, {"Sec-Fetch-Site": "cross-site"}} {
		if status, _ := postForm(t, srv.URL+"/u/"+webtest.AskToken, url.Values{"List-Unsubscribe": {"One-Click"}}, headers); status != http.StatusNotFound {
			t.Errorf("unsubscribing with the ask token: %d, want 404", status)
		}
	}
	if webtest.MustAna(t, app).GetBool("opted_out") {
		t.Fatal("the ask token unsubscribed Ana")
	}
	if status, page := get(t, srv.URL+"/r/"+webtest.UnsubscribeToken); status != http.StatusNotFound || strings.Contains(page, "Ana") {
		t.Errorf("the unsubscribe key's landing page: %d, want 404", status)
	}
	if status, _ := postForm(t, srv.URL+"/r/"+webtest.UnsubscribeToken, intro(1), nil); status != http.StatusNotFound {
		t.Errorf("introducing with the unsubscribe key: %d, want 404", status)
	}
	nothingSent(t, app, "the unsubscribe key on the landing page")
	if status, page := get(t, srv.URL+"/u/"+webtest.UnsubscribeToken); status != http.StatusOK || !strings.Contains(page, "Stop referral emails?") {
		t.Errorf("the unsubscribe key's own page: %d", status)
	}
}
