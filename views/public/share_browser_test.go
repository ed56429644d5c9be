package public_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
	"warmloop/tests/webtest"
)

// TestBrowserAVisitorIntroducesThemselfAndConfirmsOnAPhoneWithTheKeyboard
// follows a share link in headless Chromium at 390 pixels: the visitor
// fills the form, is told to check their email, opens the link the
// confirmation brought, confirms with the keyboard alone (htmx swaps in the
// booking form) and finds their address shown and not editable. Nothing
// scrolls sideways; screenshots of each step are saved.
func TestBrowserAVisitorIntroducesThemselfAndConfirmsOnAPhoneWithTheKeyboard(t *testing.T) {
	ctx := browsertest.New(t)
	p := newProbe(t, webtest.WithReferrer)
	var scrollWidth int64
	var sent string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(p.srv.URL+"/s/"+webtest.ShareCode),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#name`, "Lee Park", chromedp.ByID),
		chromedp.SendKeys(`#email`, "lee@wingtip.example", chromedp.ByID),
		chromedp.SendKeys(`#company`, "Wingtip\r", chromedp.ByID), // Enter sends the form
		chromedp.WaitVisible(`//h1[contains(., "Please check your email")]`, chromedp.BySearch),
		chromedp.Text(`main`, &sent, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if scrollWidth > 390 || !strings.Contains(sent, "lee@wingtip.example") {
		t.Errorf("the answer is %dpx wide and reads:\n%s", scrollWidth, sent)
	}
	browsertest.Screenshot(t, ctx, "share-sent-390")

	p.deliver()
	var heading, email string
	var readonly bool
	err = chromedp.Run(ctx,
		chromedp.Navigate(p.srv.URL+p.refereeLink("lee@wingtip.example")),
		chromedp.WaitVisible(`//h2[@id="booking-title"][contains(., "Is this you?")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
		chromedp.ActionFunc(func(c context.Context) error { browsertest.Screenshot(t, c, "share-confirm-390"); return nil }),
		chromedp.Focus(`#booking form button[type=submit]`, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`#preferred_times`, chromedp.ByID),
		chromedp.Text(`#booking-title`, &heading, chromedp.ByID),
		chromedp.Value(`#email`, &email, chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("email").readOnly`, &readonly),
	)
	if err != nil {
		t.Fatal(err)
	}
	if scrollWidth > 390 {
		t.Errorf("the confirmation page is %dpx wide on a 390px screen", scrollWidth)
	}
	if !strings.Contains(heading, "Book") || email != "lee@wingtip.example" || !readonly {
		t.Errorf("after confirming: heading %q, email %q (read-only %v)", heading, email, readonly)
	}
	browsertest.Screenshot(t, ctx, "share-confirmed-390")
}
