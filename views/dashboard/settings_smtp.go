package dashboard

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"html"
	"net"
	"net/http"
	"net/mail"
	"net/textproto"
	"os"
	"strconv"
	"syscall"
	"time"
	wlmail "warmloop/internal/mail"
	"warmloop/views/site"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// settTestTimeout is how long the test email may take before the page
// reports that the SMTP server did not answer.
const settTestTimeout = 20 * time.Second

// settSMTP is what the SMTP section shows beside its fields: whether
// email goes out now (PocketBase's mail settings, which the fields write),
// how the outbox is doing, and when a test email last went through.
type settSMTP struct {
	Enabled         bool
	Server          string
	Sender          string
	Pending, Failed int
	LastSent        types.DateTime
	TestedAt        types.DateTime
}

// settTest is the outcome of the test email: sent, or why not.
type settTest struct {
	locale.Speaker
	SentTo  string
	Error   string
	Detail  string
	Refused bool
}

// settSMTPStatus reads whether SMTP is on, how the outbox's email is
// doing and when a test email last went through; what cannot be read shows
// as none, and is logged.
func settSMTPStatus(app core.App, r *core.Record) settSMTP {
	smtp := app.Settings().SMTP
	st := settSMTP{
		Enabled:  smtp.Enabled,
		Server:   net.JoinHostPort(smtp.Host, strconv.Itoa(smtp.Port)),
		Sender:   settAddress(r.GetString("sender_name"), r.GetString("sender_address")),
		TestedAt: r.GetDateTime("smtp_tested_at"),
	}
	counts, err := outbox.CountBoxes(app, "email")
	if err != nil {
		app.Logger().Error("counting the outbox's email for the settings screen failed", "error", err)
	}
	st.Pending, st.Failed = counts[outbox.Waiting], counts[outbox.Failed]
	st.LastSent, _ = outbox.LastSent(app, "email")
	return st
}

// settAddress writes "Name <address>", or the address alone.
func settAddress(name, address string) string {
	if address == "" {
		return ""
	}
	if name == "" {
		return address
	}
	return name + " <" + address + ">"
}

// settTestEmail sends a short email to the signed-in admin at once, through
// PocketBase's mail client and not the outbox, so the admin learns now
// whether SMTP works. With htmx the answer is the result beside the button;
// without, a sent email redirects to the settings (a refresh sends nothing)
// and a failure shows the page with what went wrong.
func settTestEmail(e *core.RequestEvent) error {
	r, err := program.Record(e.App)
	if err != nil {
		return err
	}
	sp := adminSpeaker(e)
	show := func(status int, t settTest) error {
		t.Speaker = sp
		if site.IsHTMX(e) {
			// The outcome replaces the result beside the button, whatever it is.
			return renderPartial(e, http.StatusOK, "admin/settings", "test-result", t)
		}
		if t.SentTo != "" {
			// Sent: a refresh of the page that says so must not send another.
			return redirectNotice(e, "/dashboard/settings", "test_sent")
		}
		return settRender(e, status, r, settValues(r), t)
	}
	smtp := e.App.Settings().SMTP
	if !smtp.Enabled {
		return show(http.StatusConflict, settTest{Refused: true, Error: sp.T("dash.settings.smtp.test_off")})
	}
	to := e.Auth.Email()
	msg := settTestMessage(e.App, to, sp)
	done := make(chan error, 1)
	go func() { done <- e.App.NewMailClient().Send(msg) }()
	select {
	case err = <-done:
	case <-time.After(settTestTimeout):
		err = os.ErrDeadlineExceeded
	}
	if err != nil {
		e.App.Logger().Warn("the test email failed", "to", to, "host", smtp.Host, "port", smtp.Port, "error", err)
		return show(http.StatusBadGateway, settTest{Error: settSMTPError(sp, err, smtp.Host, smtp.Port), Detail: err.Error()})
	}
	if err := program.MarkSMTPTested(e.App, time.Now()); err != nil {
		e.App.Logger().Error("recording the test email's time failed", "record", r.Id, "error", err)
	} else if r, err = program.Record(e.App); err != nil {
		return err
	}
	return show(http.StatusOK, settTest{SentTo: to})
}

// settTestMessage is the test email: from the program's sender, as every
// Warmloop email is, to the admin, in the language of the admin (sp) who
// asked for it.
func settTestMessage(app core.App, to string, sp locale.Speaker) *mailer.Message {
	from := mail.Address{Name: app.Settings().Meta.SenderName, Address: app.Settings().Meta.SenderAddress}
	if s, err := program.Load(app); err == nil && s.SenderAddress != "" {
		from = mail.Address{Name: s.SenderName, Address: s.SenderAddress}
	}
	sent, works := sp.T("dash.words.test_email.sent"), sp.T("dash.words.test_email.works")
	return &mailer.Message{
		From:    wlmail.ForMailer(from),
		To:      []mail.Address{{Address: to}},
		Subject: sp.T("dash.words.test_email.subject"),
		Text:    sent + "\n\n" + works + "\n",
		HTML:    "<p>" + html.EscapeString(sent) + "</p><p>" + html.EscapeString(works) + "</p>",
	}
}

// settSMTPError says in plain words, in the reader's language, why an
// email could not be sent.
func settSMTPError(sp locale.Speaker, err error, host string, port int) string {
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	var dns *net.DNSError
	var proto *textproto.Error
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	var record tls.RecordHeaderError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return sp.T("dash.settings.smtp.err.refused", "Addr", addr)
	case errors.As(err, &dns):
		return sp.T("dash.settings.smtp.err.dns", "Host", host)
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, syscall.ETIMEDOUT):
		return sp.T("dash.settings.smtp.err.timeout", "Addr", addr)
	case errors.As(err, &unknownCA), errors.As(err, &badHost):
		return sp.T("dash.settings.smtp.err.certificate", "Detail", err.Error())
	case errors.As(err, &record):
		return sp.T("dash.settings.smtp.err.tls", "Addr", addr)
	case errors.As(err, &proto) && (proto.Code == 535 || proto.Code == 534 || proto.Code == 530):
		return sp.T("dash.settings.smtp.err.auth", "Code", strconv.Itoa(proto.Code))
	case errors.As(err, &proto) && proto.Code >= 550 && proto.Code <= 554:
		return sp.T("dash.settings.smtp.err.rejected", "Code", strconv.Itoa(proto.Code), "Answer", proto.Msg)
	case err.Error() == "unencrypted connection":
		return sp.T("dash.settings.smtp.err.unencrypted", "Addr", addr)
	case errors.As(err, &proto):
		return sp.T("dash.settings.smtp.err.answer", "Code", strconv.Itoa(proto.Code), "Answer", proto.Msg)
	}
	return sp.T("dash.settings.smtp.err.unknown", "Addr", addr, "Detail", err.Error())
}
