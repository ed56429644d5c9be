package referrals_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

func TestIntroEmailArrivesOverSMTPFromTheCompanyReplyingToTheReferrer(t *testing.T) {
	for _, copyMe := range []bool{true, false} {
		app := schemaapp.New(t)
		app.Settings().Meta.AppURL = "https://refer.acme.example"
		sink := smtptest.Start(t)
		ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
		out, err := referrals.Refer(app, referrals.Introduction{
			Referrer: ana, Channel: referrals.Landing, Now: time.Now(),
			Form: referrals.Form{RefereeName: "Jo <b>Bloggs</b>", RefereeEmail: "jo@fabrikam.example",
				Message: "Jo's team has *our* old reporting mess.", CopyMe: copyMe},
		})
		if err != nil || out.Known {
			t.Fatalf("refer: %+v, %v", out, err)
		}
		w := &outbox.Worker{App: app, Compose: mail.ComposeBatch,
			Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }}
		// Refer queues the introduction and, when asked, the referrer's
		// copy: Ana's first reward notice comes from the referrals hooks
		// (hooks/rewards_flow_test.go).
		want := 1
		if copyMe {
			want = 2
		}
		if rep, err := w.DeliverDue(); err != nil || rep.Sent != want {
			t.Fatalf("deliver: %+v, %v; want %d emails", rep, err, want)
		}
		var got []smtptest.Message
		for _, m := range sink.Messages() {
			if m.To[0] == "jo@fabrikam.example" {
				got = append(got, m)
			}
		}
		if len(got) != 1 || strings.Join(got[0].To, ",") != "jo@fabrikam.example" {
			t.Fatalf("copy me %v: envelope %+v, want the referee alone", copyMe, got)
		}
		msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		from, _ := netmail.ParseAddress(msg.Header.Get("From"))
		replyTo, _ := netmail.ParseAddress(msg.Header.Get("Reply-To"))
		if subject != "Ana Lima suggested we talk" || from == nil || from.Name != "The Acme team" ||
			replyTo == nil || replyTo.Address != "ana@northwind.example" || replyTo.Name != "Ana Lima" {
			t.Errorf("subject %q, from %v, reply-to %v", subject, from, replyTo)
		}
		if cc := msg.Header.Get("Cc"); cc != "" {
			t.Errorf("copy me %v: the introduction has Cc %q; the referrer must not get the referee's link", copyMe, cc)
		}
		text, html := smtptest.Parts(t, msg)
		link := "https://refer.acme.example/i/" + out.Referral.GetString("code")
		if strings.Count(html, "href=") != 1 || !strings.Contains(html, `href="`+link+`"`) {
			t.Errorf("the HTML should link once, to the personal page %s:\n%s", link, html)
		}
		for _, want := range []string{"Hi Jo,", "Ana Lima (Northwind)", "Jo&#39;s team has *our* old reporting mess."} {
			if !strings.Contains(html, want) {
				t.Errorf("HTML lacks %q:\n%s", want, html)
			}
		}
		if strings.Contains(html, "<em>our</em>") || strings.Contains(html, "<b>") {
			t.Errorf("what people typed became markup:\n%s", html)
		}
		if !strings.Contains(text, link) || !strings.Contains(text, "Jo's team has *our* old reporting mess.") {
			t.Errorf("text body:\n%s", text)
		}
	}
}

func TestConcurrentIntroductionsOfOnePersonMakeOneReferral(t *testing.T) {
	app := schemaapp.New(t)
	var referrers []*core.Record
	for _, e := range []string{"a@one.example", "b@two.example", "c@three.example", "d@four.example"} {
		referrers = append(referrers, schemaapp.Customer(t, app, "Ref "+e, e, nil))
	}
	var wg sync.WaitGroup
	made := make(chan bool, len(referrers))
	for _, r := range referrers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := referrals.Refer(app, referrals.Introduction{Referrer: r, Channel: referrals.ShareLink, Now: time.Now(),
				Form: referrals.Form{RefereeName: "Jo", RefereeEmail: "Jo@Fabrikam.example"}})
			if err != nil {
				t.Error(err)
			}
			made <- out.Referral != nil
		}()
	}
	wg.Wait()
	close(made)
	n := 0
	for ok := range made {
		if ok {
			n++
		}
	}
	count, _ := app.CountRecords("referrals", dbx.HashExp{"referee_email": "jo@fabrikam.example"})
	if n != 1 || count != 1 {
		t.Errorf("%d introductions reported made, %d referrals stored; want exactly one", n, count)
	}
}

func TestFormChecks(t *testing.T) {
	long := strings.Repeat("x", 201)
	cases := []struct {
		name string
		form referrals.Form
		want []string // fields with an error
	}{
		{"a full form is fine", referrals.Form{RefereeName: "Jo", RefereeEmail: "jo@fabrikam.example", RefereeCompany: "Fabrikam", Message: "hi"}, nil},
		{"name and email are needed", referrals.Form{}, []string{"referee_email", "referee_name"}},
		{"a display-name address is not a bare email", referrals.Form{RefereeName: "Jo", RefereeEmail: "Jo <jo@fabrikam.example>"}, []string{"referee_email"}},
		{"a domain needs a dot", referrals.Form{RefereeName: "Jo", RefereeEmail: "jo@localhost"}, []string{"referee_email"}},
		{"oversized name and company", referrals.Form{RefereeName: long, RefereeEmail: "jo@fabrikam.example", RefereeCompany: long}, []string{"referee_company", "referee_name"}},
		{"an oversized note", referrals.Form{RefereeName: "Jo", RefereeEmail: "jo@fabrikam.example", Message: strings.Repeat("m", 5001)}, []string{"message"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := c.form.Clean().Validate(false)
			var got []string
			for f := range errs {
				got = append(got, f)
			}
			if strings.Join(slices.Sorted(slices.Values(got)), ",") != strings.Join(c.want, ",") {
				t.Errorf("errors on %v, want %v", got, c.want)
			}
		})
	}
}

func TestSameCompanyIgnoresFreeMail(t *testing.T) {
	cases := []struct {
		referrer, referee string
		want              bool
	}{
		{"ana@northwind.example", "sam@Northwind.example", true},
		{"ana@northwind.example", "sam@fabrikam.example", false},
		{"ana@gmail.com", "sam@gmail.com", false},
		{"ana@outlook.com", "sam@outlook.com", false},
	}
	for _, c := range cases {
		if got := referrals.SameCompany(c.referrer, c.referee); got != c.want {
			t.Errorf("SameCompany(%s, %s) = %v, want %v", c.referrer, c.referee, got, c.want)
		}
	}
}

func TestAShareLinkIntroductionWaitsForConfirmationAndIsAskedOnceADay(t *testing.T) {
	app := schemaapp.New(t)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", nil)
	refer := func(email string, at time.Time) referrals.Outcome {
		out, err := referrals.Refer(app, referrals.Introduction{Referrer: ana, Channel: referrals.ShareLink, Now: at,
			Form: referrals.Form{RefereeName: "Lee", RefereeEmail: email}})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := refer("lee@wingtip.example", time.Now())
	if first.Referral == nil || !referrals.IsUnconfirmed(first.Referral) {
		t.Fatalf("a share-link introduction: %+v, want an unconfirmed referral", first)
	}
	rows, _ := app.FindAllRecords("outbox")
	if len(rows) != 1 || rows[0].GetString("to") != "lee@wingtip.example" ||
		!strings.Contains(rows[0].GetString("payload"), mail.ShareConfirmTemplate) {
		t.Errorf("outbox %v, want the one confirmation", rows)
	}
	if again := refer("Lee@Wingtip.example", time.Now()); again.Referral != nil || !again.Waiting {
		t.Errorf("the same address again the same day: %+v, want nothing made, waiting", again)
	}
	if later := refer("lee@wingtip.example", time.Now().Add(25*time.Hour)); later.Referral == nil {
		t.Errorf("the same address a day later: %+v, want a fresh referral and link", later)
	}
	// An unconfirmed introduction claims nobody: a referrer's own still goes.
	out, err := referrals.Refer(app, referrals.Introduction{Referrer: ana, Channel: referrals.Landing, Now: time.Now(),
		Form: referrals.Form{RefereeName: "Lee", RefereeEmail: "lee@wingtip.example"}})
	if err != nil || out.Known || out.Referral == nil || referrals.IsUnconfirmed(out.Referral) {
		t.Errorf("a referrer introducing someone with an unconfirmed share referral: %+v, %v", out, err)
	}
}
