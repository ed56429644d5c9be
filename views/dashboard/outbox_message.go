package dashboard

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/mail"
	"warmloop/internal/outbox"
)

// outboxHeader is one header of a message, as the view lists it.
type outboxHeader struct{ Name, Value string }

// outboxMessagePage is one outbox row with what it sends: an email composed
// as the worker composes it, or a webhook's body.
type outboxMessagePage struct {
	adminPage
	Row outbox.Row
	Tab string
	// Pruned is set when the retention removed the row's body.
	Pruned bool
	// ComposeError says why the email cannot be composed now.
	ComposeError              string
	From, Subject, HTML, Text string
	Headers                   []outboxHeader
	// Event and Body are a webhook's event name and JSON body.
	Event, Body string
}

// outboxMessage shows one outbox row: its state and attempts, and what it
// sends. Emails are written when they are sent, so the email shown is
// composed now, by the same composer, from the records it is about.
func outboxMessage(e *core.RequestEvent) error {
	rec, err := e.App.FindRecordById("outbox", e.Request.PathValue("id"))
	if err != nil {
		return adminNotFound(e)
	}
	row := outbox.RowOf(rec)
	page := outboxMessagePage{adminPage: newAdminPage(e, "outbox"), Row: row, Tab: string(outbox.BoxOf(row.Status))}
	switch raw := rec.GetString("payload"); {
	case raw == "" || raw == "null":
		page.Pruned = true
	case row.Kind == "email":
		outboxComposed(e.App, rec, &page)
	default:
		outboxWebhookBody(rec, &page)
	}
	return render(e, http.StatusOK, "admin/outbox_message", page)
}

// outboxComposed fills the page with the email the row sends.
func outboxComposed(app core.App, rec *core.Record, page *outboxMessagePage) {
	msg, err := mail.Compose(app, rec)
	if err != nil {
		page.ComposeError = err.Error()
		return
	}
	page.From, page.Subject, page.HTML, page.Text = msg.From.String(), msg.Subject, msg.HTML, msg.Text
	for name, value := range msg.Headers {
		page.Headers = append(page.Headers, outboxHeader{name, value})
	}
	sort.Slice(page.Headers, func(i, j int) bool { return page.Headers[i].Name < page.Headers[j].Name })
}

// outboxWebhookBody fills the page with a webhook's event and its body,
// indented when it is JSON.
func outboxWebhookBody(rec *core.Record, page *outboxMessagePage) {
	var p struct {
		Event string `json:"event"`
		Body  string `json:"body"`
	}
	_ = rec.UnmarshalJSONField("payload", &p)
	page.Event, page.Body = p.Event, p.Body
	var out bytes.Buffer
	if json.Indent(&out, []byte(p.Body), "", "  ") == nil {
		page.Body = out.String()
	}
}
