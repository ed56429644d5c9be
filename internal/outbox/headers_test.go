package outbox_test

import (
	"bytes"
	"mime"
	netmail "net/mail"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/tests/schemaapp"
	"warmloop/tests/smtptest"
)

// setSender stores a sender name and the sales inbox on the settings record
// as they are, past every rule (the schema-only app has no hook), as a
// record written before the rules existed might hold them.
func setSender(t *testing.T, app core.App, name string) {
	t.Helper()
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("sender_name", name)
	r.Set("sender_address", "maya@brightwave.example")
	r.Set("sales_inbox", "sales@brightwave.example")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
}

// received reads the one message the sink got for recipient, failing the
// test unless there is exactly one, and checks its envelope went to want
// and nobody else.
func received(t *testing.T, s *smtptest.Server, recipient string, want ...string) *netmail.Message {
	t.Helper()
	var got []smtptest.Message
	for _, m := range s.Messages() {
		if m.To[0] == recipient {
			got = append(got, m)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d messages to %s, want 1", len(got), recipient)
	}
	if !slices.Equal(got[0].To, want) {
		t.Errorf("the message went to %v, want %v", got[0].To, want)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatalf("the message cannot be read: %v\n%s", err, got[0].Data)
	}
	return msg
}

// onlyAddress parses an address header with the standard library's parser
// (RFC 5322, with RFC 2047 words decoded) and fails unless the header
// appears once and holds exactly one address, named name, at address.
func onlyAddress(t *testing.T, msg *netmail.Message, header, name, address string) {
	t.Helper()
	if n := len(msg.Header[header]); n != 1 {
		t.Errorf("%d %s headers, want 1", n, header)
		return
	}
	raw := msg.Header.Get(header)
	list, err := (&netmail.AddressParser{WordDecoder: new(mime.WordDecoder)}).ParseList(raw)
	if err != nil || len(list) != 1 {
		t.Errorf("%s: %q reads as %v (%v), want one address", header, raw, list, err)
		return
	}
	if list[0].Name != name || list[0].Address != address {
		t.Errorf("%s: %q reads as name %q at %q, want %q at %q", header, raw, list[0].Name, list[0].Address, name, address)
	}
}

func TestTheFromHeaderOfASentAskIsOneMailboxWithTheSenderNameAsTyped(t *testing.T) {
	for _, c := range []struct{ stored, shown string }{
		{"Maya Chen, Brightwave Analytics", "Maya Chen, Brightwave Analytics"},
		{`Ann "Boss" <x@evil.example>`, `Ann "Boss" <x@evil.example>`},
		{"José Müller", "José Müller"},
		{"Zoë, Ltd", "Zoë, Ltd"},
		{`Zoë "Z" \ Ltd (EMEA)`, `Zoë "Z" \ Ltd (EMEA)`},
		{`back\slash "quoted"`, `back\slash "quoted"`},
		{"=?utf-8?q?x=40evil.example?=", "=?utf-8?q?x=40evil.example?="},
		{"Maya\r\nBcc: spy@evil.example", "Maya Bcc: spy@evil.example"},
	} {
		t.Run(c.stored, func(t *testing.T) {
			app := schemaapp.New(t)
			setSender(t, app, c.stored)
			s := smtptest.Start(t)
			askFor(t, app, "Ana Lima", "ana@northwind.example")
			if rep, err := worker(app, s, time.Now).DeliverDue(); err != nil || rep.Sent != 1 {
				t.Fatalf("report %+v, err %v", rep, err)
			}
			msg := received(t, s, "ana@northwind.example", "ana@northwind.example")
			onlyAddress(t, msg, "From", c.shown, "maya@brightwave.example")
			onlyAddress(t, msg, "To", "Ana Lima", "ana@northwind.example")
			if len(msg.Header["Bcc"]) != 0 {
				t.Errorf("a Bcc header was added: %q", msg.Header["Bcc"])
			}
		})
	}
}

func TestTheIntroductionRepliesToTheReferrerAndTheirCopyGoesToThemAloneWhateverTheirName(t *testing.T) {
	for _, c := range []struct{ name, shown, toShown string }{
		{`Ana "AJ" Lima, Northwind`, `Ana "AJ" Lima, Northwind`, `Ana "AJ" Lima, Northwind`},
		{"Ana <spy@evil.example>, spy2@evil.example", "Ana <spy@evil.example>, spy2@evil.example", "Ana <spy@evil.example>, spy2@evil.example"},
		{"Ana\r\nBcc: spy@evil.example", "Ana Bcc: spy@evil.example", "Ana Bcc: spy@evil.example"},
		// net/mail, which PocketBase writes To with, leaves the backslash
		// of such a name bare in its encoded word: the To goes without it.
		{`Zoë \ Lima`, `Zoë \ Lima`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			app := schemaapp.New(t)
			setSender(t, app, "Maya Chen, Brightwave Analytics")
			s := smtptest.Start(t)
			ana := schemaapp.Customer(t, app, c.name, "ana@northwind.example", nil)
			out, err := referrals.Refer(app, referrals.Introduction{
				Referrer: ana, Channel: referrals.Landing, Now: time.Now(),
				Form: referrals.Form{RefereeName: `Jo "JB" Bloggs, Fabrikam`, RefereeEmail: "jo@fabrikam.example", CopyMe: true},
			})
			if err != nil || out.Known {
				t.Fatalf("refer: %+v, %v", out, err)
			}
			settings, _ := program.Load(app)
			if err := mail.QueueNote(app, settings, "sales_new_referral", settings.SalesInbox, out.Referral); err != nil {
				t.Fatal(err)
			}
			if rep, err := worker(app, s, time.Now).DeliverDue(); err != nil || rep.Sent != 3 {
				t.Fatalf("report %+v, err %v; want the introduction, the referrer's copy and the sales note", rep, err)
			}
			intro := received(t, s, "jo@fabrikam.example", "jo@fabrikam.example")
			onlyAddress(t, intro, "From", "Maya Chen, Brightwave Analytics", "maya@brightwave.example")
			onlyAddress(t, intro, "To", `Jo "JB" Bloggs, Fabrikam`, "jo@fabrikam.example")
			onlyAddress(t, intro, "Reply-To", c.shown, "ana@northwind.example")
			own := received(t, s, "ana@northwind.example", "ana@northwind.example")
			onlyAddress(t, own, "From", "Maya Chen, Brightwave Analytics", "maya@brightwave.example")
			onlyAddress(t, own, "To", c.toShown, "ana@northwind.example")
			note := received(t, s, "sales@brightwave.example", "sales@brightwave.example")
			onlyAddress(t, note, "Reply-To", `Jo "JB" Bloggs, Fabrikam`, "jo@fabrikam.example")
			for _, m := range []*netmail.Message{intro, own, note} {
				if len(m.Header["Bcc"]) != 0 || len(m.Header["Cc"]) != 0 {
					t.Errorf("a Bcc or Cc header was added: %q %q", m.Header["Bcc"], m.Header["Cc"])
				}
			}
		})
	}
}
