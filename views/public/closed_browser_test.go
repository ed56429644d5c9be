package public_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/tests/browsertest"
	"warmloop/tests/webtest"
)

// TestBrowserAnExpiredLinkAsksForAFreshOneByKeyboardOnAPhone opens an
// expired ask link at 390 pixels, reaches the button with Tab alone,
// presses it with Enter and reads the answer; nothing scrolls sideways.
func TestBrowserAnExpiredLinkAsksForAFreshOneByKeyboardOnAPhone(t *testing.T) {
	ctx := browsertest.New(t)
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	expire(t, app)
	srv := webtest.Server(t, app)
	var scrollWidth int64
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/r/"+webtest.AskToken),
		chromedp.WaitVisible(`//h1[contains(., "This link has expired")]`, chromedp.BySearch),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if scrollWidth > 390 {
		t.Errorf("the expired page is %dpx wide on a 390px screen", scrollWidth)
	}
	browsertest.Screenshot(t, ctx, "link-expired-390")
	var focused string
	for range 5 {
		if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab),
			chromedp.Evaluate(`document.activeElement ? document.activeElement.textContent.trim() : ""`, &focused)); err != nil {
			t.Fatal(err)
		}
		if focused == "Email me a fresh link" {
			break
		}
	}
	if focused != "Email me a fresh link" {
		t.Fatalf("Tab never reached the button; it rests on %q", focused)
	}
	var answer string
	err = chromedp.Run(ctx,
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`//h1[contains(., "A fresh link is on its way")]`, chromedp.BySearch),
		chromedp.Text(`main`, &answer, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if scrollWidth > 390 || !strings.Contains(answer, "check your spam folder") {
		t.Errorf("the answer is %dpx wide and reads %q", scrollWidth, answer)
	}
	browsertest.Screenshot(t, ctx, "link-renewed-390")
	if _, err := app.FindFirstRecordByData("asks", "renewed_from", webtest.MustAsk(t, app).Id); err != nil {
		t.Error("pressing the button in the browser made no fresh ask")
	}
}

// TestBrowserAnIntroductionOverTheCapIsRefusedInPlaceWithWhatWasTyped sets
// a link's cap to one and sends two introductions with htmx at 390 pixels:
// the second is refused beside the form, which keeps what was typed.
func TestBrowserAnIntroductionOverTheCapIsRefusedInPlaceWithWhatWasTyped(t *testing.T) {
	ctx := browsertest.New(t)
	app := capsApp(t)
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("ask_intros_per_day", 1)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	send := func(name, email string) chromedp.Tasks {
		return chromedp.Tasks{
			chromedp.Navigate(srv.URL + "/r/" + webtest.AskToken),
			chromedp.WaitVisible(`#referee_name`, chromedp.ByID),
			chromedp.SendKeys(`#referee_name`, name, chromedp.ByID),
			chromedp.SendKeys(`#referee_email`, email, chromedp.ByID),
			chromedp.Click(`#refer button[type=submit]`, chromedp.ByQuery),
		}
	}
	var alert, kept string
	var scrollWidth int64
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		send("Jo Bloggs", "jo@fabrikam.example"),
		chromedp.WaitVisible(`//h2[@id="refer-title"][contains(., "Thank you")]`, chromedp.BySearch),
		send("Kai Moss", "kai@litware.example"),
		chromedp.WaitVisible(`#refer .form-error`, chromedp.ByQuery),
		chromedp.Text(`#refer .form-error`, &alert, chromedp.ByQuery),
		chromedp.Value(`#referee_email`, &kept, chromedp.ByID),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(alert, "This link has sent 1 introduction in the last 24 hours") || kept != "kai@litware.example" || scrollWidth > 390 {
		t.Errorf("the refusal reads %q, the email field holds %q, the page is %dpx wide", alert, kept, scrollWidth)
	}
	browsertest.Screenshot(t, ctx, "landing-over-cap-390")
}
