package referrals_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	pbmailer "github.com/pocketbase/pocketbase/tools/mailer"

	"warmloop/internal/mail"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

// withInvitedReferral is a program with a sales inbox (or none) and Ana's
// introduction of Jo, invited.
func withInvitedReferral(t *testing.T, salesInbox string) (*tests.TestApp, *core.Record) {
	t.Helper()
	app := schemaapp.New(t)
	app.Settings().Meta.AppURL = "https://refer.acme.example"
	if _, err := app.DB().Update("settings", dbx.Params{"sales_inbox": salesInbox}, nil).Execute(); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	ana := schemaapp.Customer(t, app, "Ana Lima", "ana@northwind.example", map[string]any{"company": "Northwind"})
	ref := schemaapp.Save(t, app, "referrals", map[string]any{
		"referrer": ana.Id, "referee_name": "Jo Bloggs", "referee_email": "jo@fabrikam.example",
		"code": "JoBlOgGsReFeRrAlCoDe12", "status": referrals.Invited, "channel": referrals.Landing,
	})
	return app, ref
}

// confirmations lists the booking confirmations queued, by recipient.
func confirmations(t *testing.T, app core.App) []string {
	t.Helper()
	rows, err := app.FindAllRecords("outbox", dbx.NewExp("json_extract(payload, '$.template') = {:t}", dbx.Params{"t": mail.BookingTemplate}))
	if err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, r := range rows {
		to = append(to, r.GetString("to"))
	}
	return to
}

var booking = referrals.Booking{Name: "Jo Bloggs", PreferredTimes: "Tuesday afternoon, CET"}

func TestBookingConfirmationArrivesOverSMTPFromTheCompanyReplyingToTheSalesInbox(t *testing.T) {
	app, ref := withInvitedReferral(t, "sales@acme.example")
	sink := smtptest.Start(t)
	if err := referrals.Book(app, ref, booking); err != nil {
		t.Fatal(err)
	}
	w := &outbox.Worker{App: app, Compose: mail.ComposeBatch,
		Mailer: func() pbmailer.Mailer { return &pbmailer.SMTPClient{Host: sink.Host, Port: sink.Port} }}
	if rep, err := w.DeliverDue(); err != nil || rep.Sent != 1 {
		t.Fatalf("deliver: %+v, %v; want the booking confirmation", rep, err)
	}
	got := sink.Messages()
	if len(got) != 1 || strings.Join(got[0].To, ",") != "jo@fabrikam.example" {
		t.Fatalf("envelopes %+v, want one to jo@fabrikam.example", got)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	from, _ := netmail.ParseAddress(msg.Header.Get("From"))
	replyTo, err := netmail.ParseAddressList(msg.Header.Get("Reply-To"))
	if err != nil || len(replyTo) != 1 || replyTo[0].Address != "sales@acme.example" {
		t.Errorf("Reply-To %q: want the sales inbox, and only it (never the referrer)", msg.Header.Get("Reply-To"))
	}
	if subject != "Your meeting request to Acme" || from == nil || from.Address != "referrals@example.com" {
		t.Errorf("subject %q, from %v", subject, from)
	}
	if cc := msg.Header.Get("Cc"); cc != "" {
		t.Errorf("Cc %q: the confirmation copies no one", cc)
	}
	text, html := smtptest.Parts(t, msg)
	link := "https://refer.acme.example/i/JoBlOgGsReFeRrAlCoDe12"
	if !strings.Contains(html, `href="`+link+`"`) || !strings.Contains(html, "Hi Jo,") || !strings.Contains(html, "You asked Acme for a meeting.") {
		t.Errorf("HTML:\n%s", html)
	}
	if !strings.Contains(text, link) || strings.Contains(text, "{{") {
		t.Errorf("text body:\n%s", text)
	}
}

func TestBookingConfirmationIsQueuedOncePerReferral(t *testing.T) {
	app, ref := withInvitedReferral(t, "sales@acme.example")
	for i := 0; i < 3; i++ { // the referee sends the form again, a booking tool's webhook follows
		if err := referrals.Book(app, ref, booking); err != nil {
			t.Fatal(err)
		}
	}
	if got := confirmations(t, app); len(got) != 1 {
		t.Errorf("confirmations queued %v, want one", got)
	}
	if ok, err := mail.BookingConfirmed(app, ref.Id); !ok || err != nil {
		t.Errorf("BookingConfirmed = %v, %v", ok, err)
	}
}

func TestABookingKeepsTheReferralsAddressAndConfirmsToIt(t *testing.T) {
	app, ref := withInvitedReferral(t, "sales@acme.example")
	b := booking
	b.Name = "Someone Else" // whoever holds the link may rename; the address stays
	if err := referrals.Book(app, ref, b); err != nil {
		t.Fatal(err)
	}
	if got := confirmations(t, app); len(got) != 1 || got[0] != "jo@fabrikam.example" {
		t.Errorf("confirmations to %v, want jo@fabrikam.example only", got)
	}
	if got, _ := app.FindRecordById("referrals", ref.Id); got.GetString("referee_email") != "jo@fabrikam.example" {
		t.Errorf("a booking changed the referral's address to %q", got.GetString("referee_email"))
	}
}

func TestNoBookingConfirmationWithoutASalesInboxToReadTheReplies(t *testing.T) {
	app, ref := withInvitedReferral(t, "")
	if err := referrals.Book(app, ref, booking); err != nil {
		t.Fatal(err)
	}
	if got := confirmations(t, app); len(got) != 0 {
		t.Errorf("confirmations queued %v without a sales inbox", got)
	}
	if got, _ := app.FindRecordById("referrals", ref.Id); got.GetString("status") != referrals.Booked {
		t.Errorf("status %s, want booked", got.GetString("status"))
	}
}

func TestALostReferralIsNotConfirmed(t *testing.T) {
	app, ref := withInvitedReferral(t, "sales@acme.example")
	if _, err := app.DB().Update("referrals", dbx.Params{"status": referrals.Lost}, dbx.HashExp{"id": ref.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	ref, _ = app.FindRecordById("referrals", ref.Id)
	if err := referrals.Book(app, ref, booking); err != nil {
		t.Fatal(err)
	}
	if got := confirmations(t, app); len(got) != 0 {
		t.Errorf("a lost referral was confirmed: %v", got)
	}
}
