package setup_test

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/setup"
	"warmloop/tests/schemaapp"
)

// superuser finds or makes a superuser by email.
func superuser(t *testing.T, app core.App, email string) *core.Record {
	t.Helper()
	if su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, email); err == nil {
		return su
	}
	coll, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(coll)
	su.SetEmail(email)
	su.SetPassword("another-long-password")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	return su
}

func TestAWalkTokenOpensOnlyForItsAdministratorAndForADay(t *testing.T) {
	app := schemaapp.New(t)
	admin := superuser(t, app, schemaapp.SuperuserEmail)
	other := superuser(t, app, "other@warmloop.test")
	now := time.Now()
	tok := setup.WalkToken(admin, now)
	exp, mac, _ := strings.Cut(tok, ".")
	cases := []struct {
		name  string
		admin *core.Record
		tok   string
		at    time.Time
		valid bool
	}{
		{"its administrator, at once", admin, tok, now, true},
		{"its administrator, an hour before it ends", admin, tok, now.Add(setup.WalkLife - time.Hour), true},
		{"its administrator, once the day is over", admin, tok, now.Add(setup.WalkLife), false},
		{"another administrator", other, tok, now, false},
		{"nobody signed in", nil, tok, now, false},
		{"a later expiry with the same signature", admin, "9999999999." + mac, now, false},
		{"a changed signature", admin, exp + "." + strings.ToUpper(mac), now, false},
		{"no signature", admin, exp, now, false},
		{"empty", admin, "", now, false},
	}
	for _, c := range cases {
		if got := setup.ValidWalk(c.admin, c.tok, c.at); got != c.valid {
			t.Errorf("%s: valid %v, want %v", c.name, got, c.valid)
		}
	}
	admin.SetPassword("a-new-long-password")
	if err := app.Save(admin); err != nil {
		t.Fatal(err)
	}
	if setup.ValidWalk(admin, tok, now) {
		t.Error("a test link still works after its administrator changed their password")
	}
}

// walkApp is a schema-only app that sends email (to its test mailer), with
// an Application URL and a sales inbox.
func walkApp(t *testing.T) *tests.TestApp {
	app := schemaapp.New(t)
	setSettings(t, app, map[string]any{"app_url": "https://refer.northwind.example", "sales_inbox": "sales@northwind.example"})
	app.Settings().SMTP.Enabled = true
	return app
}

// collectionCounts counts the rows of every collection the program's
// records and figures live in.
func collectionCounts(t *testing.T, app core.App) map[string]int {
	counts := map[string]int{}
	for _, c := range []string{"customers", "moments", "asks", "referrals", "referral_events", "rewards", "outbox"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		counts[c] = int(n)
	}
	return counts
}

// linksIn lists the http(s) links of a message's text and HTML bodies and headers.
func linksIn(msg *mailer.Message) []string {
	all := msg.Text + msg.HTML
	for _, v := range msg.Headers {
		all += " " + v
	}
	var links []string
	for _, l := range regexp.MustCompile(`https?://[^\s"'<>]+`).FindAllString(all, -1) {
		links = append(links, strings.TrimRight(l, ".,;:)")) // the sentence's, not the link's
	}
	return links
}

// expectWalkLinks checks every link of a test email opens a page of the
// walk-through for tok, the pages given, on the Application URL.
func expectWalkLinks(t *testing.T, msg *mailer.Message, tok string, pages ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, link := range linksIn(msg) {
		u, err := url.Parse(strings.ReplaceAll(link, "&amp;", "&"))
		if err != nil || u.Host != "refer.northwind.example" || !strings.HasPrefix(u.Path, "/preview/") || u.Query().Get("test") != tok {
			t.Errorf("%q carries the link %s, not a step of the walk-through", msg.Subject, link)
			continue
		}
		seen[strings.TrimPrefix(u.Path, "/preview/")] = true
	}
	for _, p := range pages {
		if !seen[p] {
			t.Errorf("%q has no link to the walk-through's %s page; links: %v", msg.Subject, p, linksIn(msg))
		}
	}
}

func TestTheTestEmailsAreTheRealOnesToTheAdministratorLinkingIntoTheWalkThrough(t *testing.T) {
	app := walkApp(t)
	admin := superuser(t, app, schemaapp.SuperuserEmail)
	before := collectionCounts(t, app)
	now := time.Now()
	tok := setup.WalkToken(admin, now)

	to, err := setup.SendTestAsk(app, admin, now)
	if err != nil || to != schemaapp.SuperuserEmail {
		t.Fatalf("the test ask went to %q (%v)", to, err)
	}
	ask := app.TestMailer.LastMessage()
	expectWalkLinks(t, &ask, tok, "landing", "unsubscribe")
	if ask.Headers["List-Unsubscribe"] != "<https://refer.northwind.example"+setup.WalkPath("unsubscribe", tok)+">" {
		t.Errorf("List-Unsubscribe %q", ask.Headers["List-Unsubscribe"])
	}
	if !strings.Contains(ask.Text, "Dana") || ask.To[0].Address != schemaapp.SuperuserEmail {
		t.Errorf("the test ask is not addressed as to the made-up customer at the admin's address: to %v\n%s", ask.To, ask.Text)
	}

	in := setup.Introduction{RefereeName: "Jo Bloggs", RefereeCompany: "Fabrikam", Message: "Jo, meet these people."}
	if err := setup.SendTestIntro(app, admin, tok, in, now); err != nil {
		t.Fatal(err)
	}
	intro := app.TestMailer.LastMessage()
	expectWalkLinks(t, &intro, tok, "referee")
	if intro.To[0].Address != schemaapp.SuperuserEmail || len(intro.Cc) != 0 || !strings.Contains(intro.Text, "Jo, meet these people.") {
		t.Errorf("the test introduction: to %v, cc %v\n%s", intro.To, intro.Cc, intro.Text)
	}

	if sent, err := setup.SendTestBooking(app, admin, tok, "Jo Bloggs", now); err != nil || !sent {
		t.Fatalf("the booking confirmation: sent %v (%v)", sent, err)
	}
	booking := app.TestMailer.LastMessage()
	expectWalkLinks(t, &booking, tok, "booking")
	if booking.To[0].Address != schemaapp.SuperuserEmail || booking.Headers["Reply-To"] != "<sales@northwind.example>" {
		t.Errorf("the test booking confirmation: to %v, headers %v", booking.To, booking.Headers)
	}

	if n := app.TestMailer.TotalSend(); n != 3 {
		t.Errorf("%d emails sent, want 3", n)
	}
	if after := collectionCounts(t, app); !equalCounts(before, after) {
		t.Errorf("the walk-through wrote records: before %v, after %v", before, after)
	}
}

func TestATestEmailIsRefusedForAnotherAdministratorsLinkAndWithoutSMTP(t *testing.T) {
	app := walkApp(t)
	admin := superuser(t, app, schemaapp.SuperuserEmail)
	other := superuser(t, app, "other@warmloop.test")
	tok := setup.WalkToken(other, time.Now())
	if err := setup.SendTestIntro(app, admin, tok, setup.Introduction{RefereeName: "Jo"}, time.Now()); !errors.Is(err, setup.ErrWalkExpired) {
		t.Errorf("another admin's link sent the introduction: %v", err)
	}
	if _, err := setup.SendTestBooking(app, admin, tok, "Jo", time.Now()); !errors.Is(err, setup.ErrWalkExpired) {
		t.Errorf("another admin's link sent the booking confirmation: %v", err)
	}
	app.Settings().SMTP.Enabled = false
	if _, err := setup.SendTestAsk(app, admin, time.Now()); !errors.Is(err, setup.ErrNoSMTP) {
		t.Errorf("without SMTP the test ask answered %v", err)
	}
	if n := app.TestMailer.TotalSend(); n != 0 {
		t.Errorf("%d emails sent", n)
	}
}

func TestWithoutASalesInboxTheTestBookingSendsNothingAsARealOneWould(t *testing.T) {
	app := walkApp(t)
	setSettings(t, app, map[string]any{"sales_inbox": ""})
	admin := superuser(t, app, schemaapp.SuperuserEmail)
	sent, err := setup.SendTestBooking(app, admin, setup.WalkToken(admin, time.Now()), "Jo", time.Now())
	if err != nil || sent || app.TestMailer.TotalSend() != 0 {
		t.Errorf("sent %v (%v), %d emails; want nothing sent", sent, err, app.TestMailer.TotalSend())
	}
}

// equalCounts reports whether two counts of the collections agree.
func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}
