package public_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// The probes of issue 15 against the referee's page and the share link,
// replayed through the real routes with a real SMTP server: what a stranger
// holding a share link, or a referrer holding their copy of an
// introduction, can do to a person who is not them.

func TestTheCancelByBookingAttackCancelsNothingButTheAttackersOwnReferralsMail(t *testing.T) {
	p := newProbe(t, webtest.WithReferral)

	// The attacker introduces themself with their own address and follows
	// the link in the confirmation.
	if res, body, _ := p.introduceSelf("Mallory", "mallory@evil.example"); res.StatusCode != http.StatusOK || strings.Contains(body, "/i/") {
		t.Fatalf("share form: %d, page links to a referee page: %v", res.StatusCode, strings.Contains(body, "/i/"))
	}
	p.deliver()
	page := p.refereeLink("mallory@evil.example")

	// Meanwhile other people's mail waits: a customer's ask, sales notes.
	p.queueOthersMail()
	waiting := p.count("outbox", dbx.HashExp{"status": "pending"})

	// They confirm, try to turn the referral into one of the sales inbox,
	// a customer and a prospect, and decline.
	if res, _, _ := p.post(page, url.Values{"confirm": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming answered %d", res.StatusCode)
	}
	for _, victim := range []string{"sales@acme.example", "known@contoso.example", "pat@prospect.example"} {
		res, _, _ := p.post(page, url.Values{"name": {"Mallory"}, "email": {victim}, "preferred_times": {"now"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("booking as %s answered %d", victim, res.StatusCode)
		}
		if got := p.referral(page).GetString("referee_email"); got != "mallory@evil.example" {
			t.Fatalf("the booking form made the referral %s's", got)
		}
	}
	if res, _, _ := p.post(page, url.Values{"decline": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("declining answered %d", res.StatusCode)
	}

	ref := p.referral(page)
	if ref.GetString("status") != "lost" || ref.GetString("lost_reason") != "declined" {
		t.Errorf("the attacker's referral is %s (%s), want lost, declined", ref.GetString("status"), ref.GetString("lost_reason"))
	}
	cancelled, _ := p.app.FindAllRecords("outbox", dbx.NewExp("last_error LIKE 'cancelled%'"))
	for _, row := range cancelled {
		if row.GetString("referral") != ref.Id || row.GetString("to") != "mallory@evil.example" {
			t.Errorf("declining cancelled %q to %s, which is not the declined referral's own mail", row.GetString("subject"), row.GetString("to"))
		}
	}
	if n := p.count("outbox", dbx.HashExp{"status": "pending"}); n < waiting {
		t.Errorf("%d emails waiting after the attack, %d before", n, waiting)
	}
	p.deliver()
	if got := p.received("known@contoso.example"); len(got) != 1 {
		t.Errorf("the customer received %d emails, want their ask", len(got))
	}
	if got := p.received("sales@acme.example"); len(got) < 5 {
		t.Errorf("the sales inbox received %d emails, want at least the 5 notes that were waiting", len(got))
	}

	// Nobody the attacker named is declined: a real introduction of the
	// prospect goes out.
	res, body, _ := p.post("/r/"+webtest.AskToken, url.Values{"referee_name": {"Pat Doe"}, "referee_email": {"pat@prospect.example"}})
	if res.StatusCode != http.StatusSeeOther || p.count("referrals", dbx.HashExp{"referee_email": "pat@prospect.example"}) != 1 {
		t.Errorf("a real introduction of the prospect was dropped: %d\n%s", res.StatusCode, body)
	}
}

func TestWhoeverHoldsAReferralsPageCannotMakeItAnotherPersonsNorCancelTheirMail(t *testing.T) {
	p := newProbe(t, webtest.WithReferral)
	p.queueOthersMail()
	page := "/i/" + webtest.RefCode
	for _, victim := range []string{"sales@acme.example", "known@contoso.example"} {
		p.post(page, url.Values{"name": {"Jo Bloggs"}, "email": {victim}, "preferred_times": {"now"}})
	}
	p.post(page, url.Values{"decline": {"1"}})
	if got := webtest.MustReferral(t, p.app).GetString("referee_email"); got != "jo@fabrikam.example" {
		t.Errorf("the booking form made Jo's referral %s's", got)
	}
	cancelled, _ := p.app.FindAllRecords("outbox", dbx.NewExp("last_error LIKE 'cancelled%'"))
	for _, row := range cancelled {
		if row.GetString("to") != "jo@fabrikam.example" {
			t.Errorf("declining cancelled %q to %s", row.GetString("subject"), row.GetString("to"))
		}
	}
	for _, address := range []string{"sales@acme.example", "known@contoso.example"} {
		if n := p.count("referrals", dbx.HashExp{"referee_email": address, "lost_reason": "declined"}); n != 0 {
			t.Errorf("%s is marked declined", address)
		}
	}
	p.deliver()
	if got := p.received("known@contoso.example"); len(got) != 1 {
		t.Errorf("the customer received %d emails, want their ask", len(got))
	}
	if got := p.received("sales@acme.example"); len(got) < 5 {
		t.Errorf("the sales inbox received %d emails, want at least the 5 notes that were waiting", len(got))
	}
}

func TestAShareLinkNeverHandsAStrangerThePageOfTheAddressTheyGive(t *testing.T) {
	p := newProbe(t, webtest.WithReferral)
	p.queueOthersMail()
	for _, address := range []string{"sales@acme.example", "known@contoso.example", "pat@prospect.example"} {
		res, body, _ := p.introduceSelf("Mallory", address)
		if res.StatusCode != http.StatusOK || res.Header.Get("Location") != "" || strings.Contains(body, "/i/") {
			t.Errorf("introducing %s: %d, Location %q; the answer must not lead to a referee page", address, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if n := p.count("referrals", dbx.HashExp{"referee_email": "known@contoso.example"}); n != 0 {
		t.Errorf("%d referrals of a customer made through a share link", n)
	}
	if n := p.count("outbox", dbx.NewExp("last_error LIKE 'cancelled%'")); n != 0 {
		t.Errorf("%d emails cancelled", n)
	}
	p.deliver()
	for _, m := range append(p.received("sales@acme.example"), p.received("pat@prospect.example")...) {
		if strings.Contains(m.Subject, "confirm") && !strings.Contains(m.Body, "/i/") {
			t.Errorf("a confirmation without its link: %q", m.Subject)
		}
	}
	if got := p.received("known@contoso.example"); len(got) != 1 {
		t.Errorf("the customer received %d emails, want only their own ask (no confirmation: they are known)", len(got))
	}
}

func TestADeclinedPersonStaysDeclinedUnderAnyVariantOfTheirAddress(t *testing.T) {
	p := newProbe(t, func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		olu, _ := app.FindFirstRecordByData("customers", "email", "olu@tailspin.example")
		testapp.Save(t, app, "referrals", map[string]any{"referrer": olu.Id, "referee_name": "Jo Gmail",
			"referee_email": "jo.bloggs@gmail.com", "status": "lost", "lost_reason": "declined", "channel": "landing"})
		return app
	})
	// Jo declines on their own page, as a referee does.
	if res, _, _ := p.post("/i/"+webtest.RefCode, url.Values{"decline": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("declining answered %d", res.StatusCode)
	}
	emails := p.count("outbox")
	for _, variant := range []string{
		"jo+again@fabrikam.example", "Jo+x@Fabrikam.Example", "declined+1@fabrikam.example",
		"jobloggs@gmail.com", "j.o.bloggs+1@googlemail.com", "JO.BLOGGS+crm@gmail.com",
	} {
		res, body, _ := p.post("/r/"+webtest.AskToken, url.Values{"referee_name": {"Again"}, "referee_email": {variant}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "We already know") {
			t.Errorf("the landing form introduced %s: %d", variant, res.StatusCode)
		}
		if res, _, _ := p.introduceSelf("Again", variant); res.StatusCode != http.StatusOK {
			t.Errorf("the share form answered %d for %s", res.StatusCode, variant)
		}
		if n := p.count("referrals", dbx.HashExp{"referee_email": strings.ToLower(variant)}); n != 0 {
			t.Errorf("%s, a variant of a declined address, has %d referrals", variant, n)
		}
	}
	if n := p.count("outbox"); n != emails {
		t.Errorf("%d emails queued to variants of declined addresses", n-emails)
	}
}

func TestBookingCannotPutADeclinedAddressOnAnOpenReferral(t *testing.T) {
	p := newProbe(t, webtest.WithReferral)
	p.introduceSelf("Lee Park", "lee@wingtip.example")
	p.deliver()
	page := p.refereeLink("lee@wingtip.example")
	p.post(page, url.Values{"confirm": {"1"}})
	res, _, _ := p.post(page, url.Values{"name": {"Lee Park"}, "email": {"declined@fabrikam.example"}, "preferred_times": {"Monday"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("booking answered %d", res.StatusCode)
	}
	open := p.count("referrals", dbx.HashExp{"referee_email": "declined@fabrikam.example"}, dbx.NotIn("status", "lost"))
	if ref := p.referral(page); open != 0 || ref.GetString("referee_email") != "lee@wingtip.example" || ref.GetString("status") != "booked" {
		t.Errorf("%d open referrals of the declined address; the booked one is %s's", open, ref.GetString("referee_email"))
	}
}

func TestTheShareFormAnswersAlikeWhoeverTheVisitorIs(t *testing.T) {
	p := newProbe(t, webtest.WithReferrer)
	normal := func(body, email string) string {
		for _, form := range []string{email, strings.ReplaceAll(email, "+", "&#43;")} {
			body = strings.ReplaceAll(body, form, "EMAIL")
		}
		return body
	}
	var first string
	for _, c := range []struct{ who, email string }{
		{"someone new", "lee@wingtip.example"},
		{"the same person again", "lee@wingtip.example"},
		{"a customer", "known@contoso.example"},
		{"someone introduced 30 days ago", "recent@fabrikam.example"},
		{"someone who declined", "declined@fabrikam.example"},
		{"someone who declined, with a +tag", "declined+hi@fabrikam.example"},
	} {
		res, body, took := p.introduceSelf("Lee Park", c.email)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.who, res.StatusCode)
		}
		if took < 300*time.Millisecond {
			t.Errorf("%s: answered in %v, sooner than every answer waits", c.who, took)
		}
		if first == "" {
			first = normal(body, c.email)
		} else if got := normal(body, c.email); got != first {
			t.Errorf("%s: the page differs from a new person's", c.who)
		}
	}
	_, bot, _ := p.post("/s/"+webtest.ShareCode, url.Values{"name": {"Lee Park"}, "email": {"bot@spam.example"}, "company": {"Anywhere"}, "website": {"x"}})
	if normal(bot, "bot@spam.example") != first {
		t.Error("a bot's page differs from a new person's")
	}
}

func TestAnUnconfirmedShareReferralEarnsNoTierAndReachesNoSalesUntilConfirmed(t *testing.T) {
	p := newProbe(t, func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferrer(t)
		s, _ := app.FindFirstRecordByFilter("settings", "")
		s.Set("sales_inbox", "sales@acme.example")
		s.Set("webhook_url", "https://crm.example/hooks/warmloop")
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
		return app
	})
	ana := webtest.MustAna(t, p.app)
	restBefore := ana.GetString("next_ask_at")
	fakes := []string{"fake1@nowhere.example", "fake2@nowhere.example", "fake3@nowhere.example"}
	for _, email := range fakes {
		p.introduceSelf("Fake Visitor", email)
	}
	rewards := func() int { return p.count("rewards", dbx.HashExp{"referrer": ana.Id}) }
	notes := func() int {
		return p.count("outbox", dbx.HashExp{"to": "sales@acme.example"})
	}
	created := func() int {
		return p.count("outbox", dbx.HashExp{"kind": "webhook", "subject": "referral.created"})
	}
	if rewards() != 0 || notes() != 0 || created() != 0 || p.count("outbox", dbx.HashExp{"kind": "webhook"}) != 0 {
		t.Fatalf("three unconfirmed visitors: %d rewards, %d sales notes, %d webhooks; want none", rewards(), notes(), p.count("outbox", dbx.HashExp{"kind": "webhook"}))
	}
	if got := webtest.MustAna(t, p.app).GetString("next_ask_at"); got != restBefore {
		t.Errorf("unconfirmed visitors rested the referrer: next ask %s, was %s", got, restBefore)
	}

	// One of them is real: they follow the link and confirm, twice.
	p.deliver()
	page := p.refereeLink(fakes[0])
	if _, body := p.get(page); !strings.Contains(body, "Is this you?") || strings.Contains(body, `name="preferred_times"`) {
		t.Errorf("before confirming, the page offers more than a confirmation")
	}
	for i := 0; i < 2; i++ {
		p.post(page, url.Values{"confirm": {"1"}})
	}
	if ref := p.referral(page); ref.GetString("flag") != "" || ref.GetString("status") != "visited" {
		t.Errorf("confirmed referral: flag %q, status %s", ref.GetString("flag"), ref.GetString("status"))
	}
	if rewards() != 1 || notes() != 1 || created() != 1 {
		t.Errorf("after one confirmation: %d rewards, %d sales notes, %d referral.created webhooks; want one each", rewards(), notes(), created())
	}
	if _, body := p.get(page); !strings.Contains(body, `name="preferred_times"`) {
		t.Error("a confirmed referee cannot book")
	}
}

func TestAWonReferralIsFinalForDecline(t *testing.T) {
	p := newProbe(t, webtest.WithReferral)
	if _, err := p.app.DB().NewQuery("UPDATE referrals SET status = 'won' WHERE code = {:c}").Bind(dbx.Params{"c": webtest.RefCode}).Execute(); err != nil {
		t.Fatal(err)
	}
	waiting := p.count("outbox", dbx.HashExp{"status": "pending"})
	if res, _, _ := p.post("/i/"+webtest.RefCode, url.Values{"decline": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("declining answered %d", res.StatusCode)
	}
	ref := webtest.MustReferral(t, p.app)
	if ref.GetString("status") != "won" || ref.GetString("lost_reason") != "" {
		t.Errorf("a won referral declined: status %s, lost_reason %q", ref.GetString("status"), ref.GetString("lost_reason"))
	}
	if n := p.count("outbox", dbx.HashExp{"status": "pending"}); n != waiting {
		t.Errorf("%d emails waiting after declining a won referral, %d before", n, waiting)
	}
}

func TestTheReferrersCopyOfAnIntroductionHoldsNoLinkThatActsAsTheReferee(t *testing.T) {
	p := newProbe(t, webtest.WithReferrer)
	res, _, _ := p.post("/r/"+webtest.AskToken, url.Values{"referee_name": {"Jo Bloggs"}, "referee_email": {"jo@fabrikam.example"}, "copy_me": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("referring answered %d", res.StatusCode)
	}
	ref, err := p.app.FindFirstRecordByData("referrals", "referee_email", "jo@fabrikam.example")
	if err != nil {
		t.Fatal(err)
	}
	p.deliver()
	intro := p.received("jo@fabrikam.example")
	if len(intro) != 1 || len(intro[0].Envelope) != 1 || intro[0].Header.Get("Cc") != "" ||
		!strings.Contains(intro[0].Body, "/i/"+ref.GetString("code")) {
		t.Fatalf("the introduction: %+v; want it to the referee alone, with their link", intro)
	}
	var copies []receivedMail
	for _, m := range p.received("ana@northwind.example") {
		if strings.Contains(m.Subject, "Your copy") {
			copies = append(copies, m)
		}
	}
	if len(copies) != 1 {
		t.Fatalf("%d copies reached the referrer, want 1", len(copies))
	}
	if body := copies[0].Body; strings.Contains(body, "/i/") || strings.Contains(body, ref.GetString("code")) ||
		!strings.Contains(body, "/r/"+webtest.AskToken) || !strings.Contains(body, "Jo Bloggs") {
		t.Errorf("the referrer's copy must carry their own page's link, not the referee's:\n%s", body)
	}
}

func TestTheBookingWebhookMatchesTheReferralOfAVariantOfTheAddress(t *testing.T) {
	p := newProbe(t, func(t testing.TB) *tests.TestApp {
		app := webtest.WithReferral(t)
		s, _ := app.FindFirstRecordByFilter("settings", "")
		s.Set("booking_secret", "bk-secret")
		if err := app.Save(s); err != nil {
			t.Fatal(err)
		}
		return app
	})
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+"/hooks/booking/generic",
		strings.NewReader(`{"email":"Jo+calendar@Fabrikam.example","name":"Jo Bloggs","start_time":"2026-12-01T14:00:00Z"}`))
	req.Header.Set("Authorization", "Bearer bk-secret")
	req.Header.Set("Content-Type", "application/json")
	res, body, _ := p.do(req)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"matched":true`) {
		t.Fatalf("the booking of a +tag variant matched nothing: %d %s", res.StatusCode, body)
	}
	if ref := webtest.MustReferral(t, p.app); ref.GetString("status") != "booked" || ref.GetString("referee_email") != "jo@fabrikam.example" {
		t.Errorf("referral %s, %s", ref.GetString("status"), ref.GetString("referee_email"))
	}
}

func TestAnExpiredConfirmationLinkConfirmsNothing(t *testing.T) {
	p := newProbe(t, webtest.WithReferrer)
	p.introduceSelf("Lee Park", "lee@wingtip.example")
	p.deliver()
	page := p.refereeLink("lee@wingtip.example")
	old := time.Now().Add(-8 * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
	if _, err := p.app.DB().Update("referrals", dbx.Params{"created": old}, dbx.HashExp{"id": p.referral(page).Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	p.post(page, url.Values{"confirm": {"1"}})
	if _, body := p.get(page); !strings.Contains(body, "This link has expired") {
		t.Error("an expired link's page does not say so")
	}
	if ref := p.referral(page); ref.GetString("flag") != "unconfirmed" || p.count("rewards", dbx.HashExp{"referrer": ref.GetString("referrer")}) != 0 {
		t.Errorf("an expired link confirmed the referral: flag %q", ref.GetString("flag"))
	}
	// A week later the person can start again, and gets a fresh link.
	p.introduceSelf("Lee Park", "lee@wingtip.example")
	p.deliver()
	if fresh := p.refereeLink("lee@wingtip.example"); fresh == page {
		t.Error("starting again sent the expired link")
	}
}
