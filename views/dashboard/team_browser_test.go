package dashboard_test

import (
	"bytes"
	"context"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/demo"
	imail "warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserAnOwnerInvitesASalesMemberWhoMovesAReferralAndIsRefusedSettings
// runs the team's whole first day in headless Chromium: an owner signs in
// and invites a sales member on the Team screen; the invitation goes
// through the outbox to a real SMTP server; the invitee follows its link,
// chooses a password and is signed in on the referrals board, moves a
// referral to qualified, opens its page from the board, sets its value and
// adds a note there, and is refused Settings. The Team
// screen and the invitation page are saved at 390 and 1280 pixels.
func TestBrowserAnOwnerInvitesASalesMemberWhoMovesAReferralAndIsRefusedSettings(t *testing.T) {
	ctx := browsertest.New(t)
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	sink := smtptest.Start(t)
	r, _ := program.Record(app)
	r.Set("sender_name", "Nora at Northwind")
	r.Set("sender_address", "nora@northwind.example")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	testapp.Member(t, app, "Ana Ruiz", "ana@acme.example", "owner")
	srv := webtest.Server(t, app)

	shots := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(c context.Context) error {
			for _, w := range []int64{390, 1280} {
				emulate := chromedp.EmulateViewport(w, 900)
				if w == 390 {
					emulate = chromedp.EmulateViewport(w, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)
				}
				var scroll int64
				if err := chromedp.Run(c, emulate, chromedp.Reload(), chromedp.WaitVisible(`h1`, chromedp.ByQuery),
					chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll)); err != nil {
					return err
				}
				if scroll > w {
					t.Errorf("%s at %d px is %d px wide: it scrolls sideways", name, w, scroll)
				}
				browsertest.Screenshot(t, c, name+"-"+map[int64]string{390: "390", 1280: "1280"}[w])
			}
			return chromedp.Run(c, chromedp.EmulateViewport(1280, 900))
		})
	}

	// The owner signs in and invites Dana as sales.
	var notice string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/dashboard/login"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, "ana@acme.example", chromedp.ByID),
		chromedp.SendKeys(`#password`, testapp.TeamPassword, chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`.figures`, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+"/dashboard/team"),
		chromedp.WaitVisible(`#name`, chromedp.ByID),
		chromedp.SendKeys(`#name`, "Dana Lee", chromedp.ByID),
		chromedp.SendKeys(`#email`, "dana@acme.example", chromedp.ByID),
		chromedp.SetValue(`#role`, "sales", chromedp.ByID),
		chromedp.Submit(`#role`, chromedp.ByID),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.Text(`.notice`, &notice, chromedp.ByQuery),
		shots("team-screen"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "Invited") {
		t.Fatalf("after inviting the screen says %q", notice)
	}

	// The outbox sends the invitation to the SMTP server.
	w := &outbox.Worker{App: app, Compose: imail.ComposeBatch,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }}
	if rep, err := w.DeliverDue(); err != nil || rep.Sent < 1 {
		t.Fatalf("the outbox sent %+v (%v)", rep, err)
	}
	var link string
	for _, m := range sink.Messages() {
		if len(m.To) == 1 && m.To[0] == "dana@acme.example" {
			msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
			text, _ := smtptest.Parts(t, msg)
			link = regexp.MustCompile(`/dashboard/invite/[0-9a-f]{64}`).FindString(text)
		}
	}
	if link == "" {
		t.Fatalf("no invitation with a link reached dana@acme.example among %d messages", len(sink.Messages()))
	}

	// Dana follows the link (the owner signed out first: one browser),
	// chooses a password and lands on the referrals.
	ref, err := app.FindFirstRecordByFilter("referrals", "status = 'booked' && flag = ''")
	if err != nil {
		t.Fatal(err)
	}
	card := "#referral-" + ref.Id
	inQualified := `//section[@aria-labelledby="col-qualified"]//article[@id="referral-` + ref.Id + `"]`
	var refusal string
	err = chromedp.Run(ctx,
		chromedp.Click(`.signout button`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action="/dashboard/login"]`, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+link),
		chromedp.WaitVisible(`#password`, chromedp.ByID),
		shots("team-invitation"),
		chromedp.SendKeys(`#password`, "dana-chooses-a-password", chromedp.ByID),
		chromedp.SendKeys(`#passwordConfirm`, "dana-chooses-a-password", chromedp.ByID),
		chromedp.Submit(`#passwordConfirm`, chromedp.ByID),
		chromedp.WaitVisible(`#referral-board`, chromedp.ByID),
		chromedp.SetValue(card+` select[name=status]`, "qualified", chromedp.ByQuery),
		chromedp.Click(card+` button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(inQualified, chromedp.BySearch),
		chromedp.Click(card+` .who a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#move-pipeline`, chromedp.ByID),
		chromedp.SetValue(`#move-pipeline`, "12000", chromedp.ByID),
		chromedp.Submit(`#move-pipeline`, chromedp.ByID),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.SendKeys(`#note-body`, "Booked a demo for Thursday.", chromedp.ByID),
		chromedp.Click(`#referral-notes button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//section[@id="referral-notes"]//*[contains(., "Booked a demo for Thursday.")]`, chromedp.BySearch),
		chromedp.Navigate(srv.URL+"/dashboard/settings"),
		chromedp.WaitVisible(`h1`, chromedp.ByQuery),
		chromedp.Text(`h1`, &refusal, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := app.FindRecordById("referrals", ref.Id)
	if got.GetString("status") != "qualified" || got.GetFloat("pipeline_value") != 12000 {
		t.Errorf("the referral is %s with pipeline %v, want qualified with 12000", got.GetString("status"), got.GetFloat("pipeline_value"))
	}
	ev, err := app.FindFirstRecordByFilter("referral_events", "referral = {:id} && to_status = 'qualified'", dbx.Params{"id": ref.Id})
	if err != nil || ev.GetString("actor") != "Dana Lee (sales)" {
		t.Errorf("the move's actor is %q (%v), want Dana Lee (sales)", ev.GetString("actor"), err)
	}
	note, err := app.FindFirstRecordByFilter("referral_notes", "referral = {:id}", dbx.Params{"id": ref.Id})
	if err != nil || note.GetString("body") != "Booked a demo for Thursday." || note.GetString("author") != "Dana Lee (sales)" {
		t.Errorf("the note is %v (%v), want Dana Lee's note on the referral", note, err)
	}
	if refusal != "Not open to your role" {
		t.Errorf("Settings showed a sales member %q, want the refusal", refusal)
	}
}
