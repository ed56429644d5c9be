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
		// Refer queues the introduction only: Ana's first reward notice
		// comes from the referrals hooks (hooks/rewards_flow_test.go).
		if rep, err := w.DeliverDue(); err != nil || rep.Sent != 1 {
			t.Fatalf("deliver: %+v, %v; want the introduction", rep, err)
		}
		var got []smtptest.Message
		for _, m := range sink.Messages() {
			if m.To[0] == "jo@fabrikam.example" {
				got = append(got, m)
			}
		}
		wantRcpt := []string{"jo@fabrikam.example"}
		if copyMe {
			wantRcpt = append(wantRcpt, "ana@northwind.example")
		}
		if len(got) != 1 || strings.Join(got[0].To, ",") != strings.Join(wantRcpt, ",") {
			t.Fatalf("copy me %v: envelope %+v, want recipients %v", copyMe, got, wantRcpt)
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
		cc, _ := netmail.ParseAddressList(msg.Header.Get("Cc"))
		if copyMe != (len(cc) == 1 && cc[0].Address == "ana@northwind.example") {
			t.Errorf("copy me %v: Cc = %q", copyMe, msg.Header.Get("Cc"))
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
