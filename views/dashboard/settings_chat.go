package dashboard

import (
	"context"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/chat"
	"warmloop/internal/locale"
	"warmloop/internal/outbox"
	"warmloop/internal/program"
)

// settChatTest is what the "Send a test message" button reports: where it
// posted and what the receiver answered, or why nothing was posted.
type settChatTest struct {
	locale.Speaker
	Sent          bool
	Teams         bool
	Answer, Error string
}

// settTestChat posts a test note to the chat webhook URL in the field (saved
// or not yet), at once and outside the outbox, so the admin sees the
// receiver's answer. It answers an htmx fragment: 422 for a URL the
// settings would refuse, else 200 with what the receiver said.
func settTestChat(e *core.RequestEvent) error {
	sp := adminSpeaker(e)
	if err := e.Request.ParseForm(); err != nil {
		return renderPartial(e, http.StatusBadRequest, "admin/settings", "chat-test", settChatTest{Speaker: sp, Error: sp.T("dash.settings.chat.unreadable")})
	}
	url := strings.TrimSpace(e.Request.PostForm.Get("chat_webhook_url"))
	if url == "" {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/settings", "chat-test",
			settChatTest{Speaker: sp, Error: sp.T("dash.settings.chat.empty")})
	}
	if msg := chat.CheckURL(url); msg != "" {
		return renderPartial(e, http.StatusUnprocessableEntity, "admin/settings", "chat-test", settChatTest{Speaker: sp, Error: ruleText(sp, msg)})
	}
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(e.Request.Context(), outbox.WebhookTimeout)
	defer cancel()
	note := chat.TestNote(s.CompanyName, program.BaseURL(e.App)+"/dashboard/settings")
	answer, err := outbox.TryChat(ctx, url, chat.Body(url, note))
	t := settChatTest{Speaker: sp, Sent: err == nil, Teams: chat.IsTeams(url), Answer: answer}
	if err != nil {
		e.App.Logger().Warn("the chat test message failed", "error", err)
		t.Error = sp.T("dash.settings.chat.refused")
		if answer == "" {
			t.Error = sp.T("dash.settings.chat.no_answer", "Detail", err.Error())
		}
	}
	return renderPartial(e, http.StatusOK, "admin/settings", "chat-test", t)
}
