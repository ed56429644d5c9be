package public_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"warmloop/tests/browsertest"
	"warmloop/tests/webtest"
)

// TestBrowserReferrerSendsAnIntroductionWithHTMX opens the ask link in
// headless Chromium on a phone and on a desktop, sends an introduction with
// htmx (the page is not reloaded), sees the confirmation, and saves
// screenshots of both viewports as test artifacts.
func TestBrowserReferrerSendsAnIntroductionWithHTMX(t *testing.T) {
	app := webtest.WithReferrer(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)

	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		referee       string
	}{
		{"phone", 375, 812, true, "jo@fabrikam.example"},
		{"desktop", 1280, 900, false, "kai@litware.example"},
	} {
		t.Run(vp.name, func(t *testing.T) {
			var emulate chromedp.Action = chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var scrollWidth int64
			err := chromedp.Run(ctx,
				emulate,
				chromedp.Navigate(srv.URL+"/r/"+webtest.AskToken),
				chromedp.WaitVisible(`#referee_name`, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			if scrollWidth > vp.width {
				t.Errorf("the page is %dpx wide on a %dpx screen: it scrolls sideways", scrollWidth, vp.width)
			}
			browsertest.Screenshot(t, ctx, "landing-"+vp.name)

			// Mark the page, so a full reload (no htmx) would be noticed.
			var confirmation, marker, focused string
			err = chromedp.Run(ctx,
				chromedp.Evaluate(`window.__noReload = "still here"`, nil),
				chromedp.SendKeys(`#referee_name`, "Jo Bloggs", chromedp.ByID),
				chromedp.SendKeys(`#referee_email`, vp.referee, chromedp.ByID),
				chromedp.SendKeys(`#referee_company`, "Fabrikam", chromedp.ByID),
				chromedp.Click(`#refer button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`//h2[@id="refer-title"][contains(., "Thank you")]`, chromedp.BySearch),
				chromedp.Text(`#refer`, &confirmation, chromedp.ByQuery),
				chromedp.Evaluate(`window.__noReload || ""`, &marker),
				chromedp.Evaluate(`document.activeElement ? document.activeElement.id : ""`, &focused),
			)
			if err != nil {
				t.Fatal(err)
			}
			if focused != "refer-title" {
				t.Errorf("focus is on %q after the swap, want the confirmation's heading", focused)
			}
			if !strings.Contains(confirmation, "Your note to Jo Bloggs is on its way.") {
				t.Errorf("confirmation reads %q", confirmation)
			}
			if marker != "still here" {
				t.Error("the page reloaded: the form was not sent with htmx")
			}
			browsertest.Screenshot(t, ctx, "landing-sent-"+vp.name)
			if n, _ := app.CountRecords("referrals", dbx.HashExp{"referee_email": vp.referee}); n != 1 {
				t.Errorf("%d referrals for %s, want 1", n, vp.referee)
			}
		})
	}
}

// TestBrowserRefereeBooksAMeeting opens a referee's personal page in
// headless Chromium on a phone and a desktop, books a meeting with htmx, and
// saves screenshots of both viewports.
func TestBrowserRefereeBooksAMeeting(t *testing.T) {
	ctx := browsertest.New(t)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{
		{"phone", 375, 812, true},
		{"desktop", 1280, 900, false},
	} {
		t.Run(vp.name, func(t *testing.T) {
			app := webtest.WithReferral(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app)
			var emulate chromedp.Action = chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var scrollWidth int64
			var name string
			err := chromedp.Run(ctx,
				emulate,
				chromedp.Navigate(srv.URL+"/i/"+webtest.RefCode),
				chromedp.WaitVisible(`#preferred_times`, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.Value(`#name`, &name, chromedp.ByID),
			)
			if err != nil {
				t.Fatal(err)
			}
			if scrollWidth > vp.width {
				t.Errorf("the page is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if name != "Jo Bloggs" {
				t.Errorf("the name is not prefilled: %q", name)
			}
			browsertest.Screenshot(t, ctx, "referee-"+vp.name)

			var confirmation, marker string
			err = chromedp.Run(ctx,
				chromedp.Evaluate(`window.__noReload = "still here"`, nil),
				chromedp.SendKeys(`#preferred_times`, "Tuesday or Thursday afternoon, CET", chromedp.ByID),
				chromedp.Click(`#booking button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`//h2[@id="booking-title"][contains(., "Thank you")]`, chromedp.BySearch),
				chromedp.Text(`#booking`, &confirmation, chromedp.ByQuery),
				chromedp.Evaluate(`window.__noReload || ""`, &marker),
			)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(confirmation, "Tuesday or Thursday afternoon, CET") || marker != "still here" {
				t.Errorf("confirmation %q, reloaded=%v", confirmation, marker != "still here")
			}
			browsertest.Screenshot(t, ctx, "referee-booked-"+vp.name)
			if s := webtest.MustReferral(t, app).GetString("status"); s != "booked" {
				t.Errorf("status %s after booking in the browser", s)
			}
		})
	}
}
