package dashboard_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserTheChatTestMessageIsSentByKeyboardWithoutReloading opens
// Settings at 390 and 1280 pixels, types a chat webhook URL (a receiver on
// loopback), reaches "Send a test message" from the field with Tab and
// presses Enter: the receiver's answer appears under the button, the page
// is not reloaded (so a refresh repeats nothing) and nothing scrolls
// sideways. Screenshots of the chat section at both widths are saved.
func TestBrowserTheChatTestMessageIsSentByKeyboardWithoutReloading(t *testing.T) {
	ctx := browsertest.New(t)
	app := testapp.New(t)
	rc := &settChatReceiver{}
	receiver := httptest.NewServer(rc)
	defer receiver.Close()
	srv := webtest.Server(t, app)
	browsertest.SignIn(t, ctx, srv.URL, testapp.SuperuserToken)
	for _, vp := range []struct {
		width, height int64
		mobile        bool
	}{{390, 844, true}, {1280, 900, false}} {
		name := map[bool]string{true: "390", false: "1280"}[vp.mobile]
		t.Run(name, func(t *testing.T) {
			emulate := chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			before := len(rc.got())
			var scrollWidth int64
			var focused, answer, marker string
			err := chromedp.Run(ctx, emulate,
				chromedp.Navigate(srv.URL+"/dashboard/settings"),
				chromedp.WaitVisible(`#chat_webhook_url`, chromedp.ByID),
				chromedp.Evaluate(`window.__noReload = "still here"`, nil),
				chromedp.SendKeys(`#chat_webhook_url`, receiver.URL+"/hooks/abc", chromedp.ByID),
				chromedp.KeyEvent("\t"),
				chromedp.Evaluate(`document.activeElement.textContent.trim()`, &focused),
				chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(`#chat-test-result .notice`, chromedp.ByQuery),
				chromedp.Text(`#chat-test-result`, &answer, chromedp.ByQuery),
				chromedp.Evaluate(`window.__noReload || ""`, &marker),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.ScrollIntoView(`#chat`, chromedp.ByID),
			)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, ctx, "dashboard-settings-chat-"+name)
			if focused != "Send a test message" {
				t.Errorf("Tab from the URL field reaches %q, want the test button", focused)
			}
			if !strings.Contains(answer, "Posted. The receiver answered 200 OK ok") {
				t.Errorf("the answer reads %q", answer)
			}
			if marker != "still here" {
				t.Error("the page reloaded: the test was not sent with htmx")
			}
			if scrollWidth > vp.width {
				t.Errorf("the settings are %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if got := rc.got(); len(got) != before+1 {
				t.Errorf("the receiver got %d messages, want one more than %d", len(got), before)
			}
		})
	}
}
