package dashboard_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"warmloop/internal/program"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// settChatReceiver is a chat tool's incoming webhook on loopback: /gone
// answers 404 as Slack does for a removed webhook, anything else accepts
// {"text": ...} with "ok". It keeps every text it accepted.
type settChatReceiver struct {
	mu    sync.Mutex
	texts []string
}

func (c *settChatReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gone" {
		http.Error(w, "no_service", http.StatusNotFound)
		return
	}
	var msg struct{ Text string }
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &msg) != nil || msg.Text == "" {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	c.texts = append(c.texts, msg.Text)
	c.mu.Unlock()
	_, _ = io.WriteString(w, "ok")
}

func (c *settChatReceiver) got() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.texts...)
}

// settHTMX is a signed-in admin's htmx form post.
func settHTMX() map[string]string {
	h := progSessionForm()
	h["HX-Request"] = "true"
	return h
}

func TestDashboardSettingsChat(t *testing.T) {
	rc := &settChatReceiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	posted := func(n int) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, _ *http.Response) {
			if got := rc.got(); len(got) != n {
				t.Errorf("the receiver has %d messages, want %d: %q", len(got), n, got)
			}
		}
	}
	slack := "https://hooks.slack.com/services/T000/B000/XXXX"
	scenarios := []tests.ApiScenario{
		{
			Name: "the settings show the chat webhook field and its test button", Method: http.MethodGet,
			URL: "/dashboard/settings", Headers: progSession(), ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`name="chat_webhook_url"`, `hx-post="/dashboard/settings/test-chat"`, `hx-params="chat_webhook_url"`,
				"Slack, Mattermost, Rocket.Chat or Microsoft Teams"},
			TestAppFactory: settApp,
		},
		{
			Name: "a Slack webhook URL is saved", Method: http.MethodPost, URL: "/dashboard/settings", Headers: progSessionForm(),
			Body: settValid(url.Values{"chat_webhook_url": {" " + slack + " "}}), ExpectedStatus: http.StatusSeeOther,
			AfterTestFunc:  settExpect(func(s program.Settings) bool { return s.ChatWebhookURL == slack }, "the Slack URL"),
			TestAppFactory: settApp,
		},
		{
			Name: "a chat URL over plain http across the internet is refused beside its field, what was typed kept", Method: http.MethodPost,
			URL: "/dashboard/settings", Headers: progSessionForm(),
			Body:           settValid(url.Values{"chat_webhook_url": {"http://hooks.slack.com/services/T000/B000/XXXX"}, "touch_limit": {"0"}}),
			ExpectedStatus: http.StatusUnprocessableEntity,
			ExpectedContent: []string{`id="chat_webhook_url-error"`, "Use https:// for a chat tool on the internet",
				`value="http://hooks.slack.com/services/T000/B000/XXXX"`, `id="touch_limit-error"`},
			AfterTestFunc: settUnchanged, TestAppFactory: settApp,
		},
		{
			Name: "the test button posts to the typed URL and reports the receiver's answer", Method: http.MethodPost,
			URL: "/dashboard/settings/test-chat", Headers: settHTMX(),
			Body:           webtest.Form(url.Values{"chat_webhook_url": {srv.URL + "/hooks/abc"}}),
			ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Posted. The receiver answered <code>200 OK ok</code>"},
			NotExpectedContent: []string{"<html", "not posted"},
			AfterTestFunc:      posted(1), TestAppFactory: settApp,
		},
		{
			Name: "a receiver that refuses the test is quoted", Method: http.MethodPost,
			URL: "/dashboard/settings/test-chat", Headers: settHTMX(),
			Body:           webtest.Form(url.Values{"chat_webhook_url": {srv.URL + "/gone"}}),
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{"The test message was not posted.", "The receiver did not accept it",
				"<code>404 Not Found no_service</code>"},
			AfterTestFunc: posted(1), TestAppFactory: settApp,
		},
		{
			Name: "a URL the settings would refuse is not posted to", Method: http.MethodPost,
			URL: "/dashboard/settings/test-chat", Headers: settHTMX(),
			Body:           webtest.Form(url.Values{"chat_webhook_url": {"javascript:alert(1)"}}),
			ExpectedStatus: http.StatusUnprocessableEntity, ExpectedContent: []string{"Paste the incoming-webhook URL your chat tool gave you"},
			AfterTestFunc: posted(1), TestAppFactory: settApp,
		},
		{
			Name: "a guest cannot send a test message", Method: http.MethodPost,
			URL: "/dashboard/settings/test-chat", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"},
			Body:           webtest.Form(url.Values{"chat_webhook_url": {srv.URL + "/hooks/abc"}}),
			ExpectedStatus: http.StatusUnauthorized, NotExpectedContent: []string{"Posted"}, AfterTestFunc: posted(1), TestAppFactory: settApp,
		},
		{
			Name: "another site cannot send a test message", Method: http.MethodPost,
			URL: "/dashboard/settings/test-chat", Headers: progCrossSite(),
			Body:           webtest.Form(url.Values{"chat_webhook_url": {srv.URL + "/hooks/abc"}}),
			ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{"This form was sent from another site"}, AfterTestFunc: posted(1), TestAppFactory: settApp,
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
	if got := rc.got(); len(got) != 1 || !strings.Contains(got[0], "Test message from Acme's referral program") {
		t.Errorf("the receiver got %q; want the one test message", got)
	}
}

func TestTheRESTAPIRefusesABadChatURLOnItsField(t *testing.T) {
	app := testapp.New(t)
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	patch := func(value string) (int, string) {
		body := strings.NewReader(`{"chat_webhook_url":` + strings.TrimSpace(jsonString(value)) + `}`)
		req, _ := http.NewRequest(http.MethodPatch, srv.URL+"/api/collections/settings/records/"+r.Id, body)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", testapp.SuperuserToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if status, body := patch("http://203.0.113.5/hooks/x"); status != http.StatusBadRequest ||
		!strings.Contains(body, `"chat_webhook_url":{"code":"validation_chat_url"`) {
		t.Fatalf("a plain-http URL on the internet: %d %s", status, body)
	}
	if status, body := patch("https://chat.acme.example/hooks/abc"); status != http.StatusOK {
		t.Fatalf("a Mattermost URL: %d %s", status, body)
	}
	if s, _ := program.Load(app); s.ChatWebhookURL != "https://chat.acme.example/hooks/abc" {
		t.Errorf("after the API saved it, the settings read %q", s.ChatWebhookURL)
	}
}

// jsonString writes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
