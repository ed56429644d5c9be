package public_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
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

// TestBrowserPublicHomeAndRefereeCopyOnAPhoneAndADesktop opens the public
// home as a guest and a referee's page with the company's own line, at 390
// and 1280 pixels: nothing scrolls sideways, the guest sees no status or
// navigation and reaches the sign-in by keyboard, and the referee reads the
// settings' line about the company. It saves screenshots of each.
func TestBrowserPublicHomeAndRefereeCopyOnAPhoneAndADesktop(t *testing.T) {
	ctx := browsertest.New(t)
	app := webtest.WithReferral(t)
	defer app.Cleanup()
	s, _ := app.FindFirstRecordByFilter("settings", "")
	s.Set("what_we_do", "Acme makes the scheduling software busy clinics run on: patients book in seconds, and no-shows drop by half.")
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	for _, vp := range []struct {
		width, height int64
		mobile        bool
	}{{390, 844, true}, {1280, 900, false}} {
		name := map[bool]string{true: "390", false: "1280"}[vp.mobile]
		t.Run(name, func(t *testing.T) {
			var emulate chromedp.Action = chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var scrollWidth int64
			var home, focused string
			err := chromedp.Run(ctx,
				emulate,
				chromedp.Navigate(srv.URL+"/"),
				chromedp.WaitVisible(`.empty-home`, chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.Text(`body`, &home, chromedp.ByQuery),
				chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"),
				chromedp.Evaluate(`document.activeElement ? document.activeElement.textContent : ""`, &focused),
			)
			if err != nil {
				t.Fatal(err)
			}
			if scrollWidth > vp.width {
				t.Errorf("the home page is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if !strings.Contains(home, "There is nothing to see here.") || strings.Contains(home, "System status") || strings.Contains(home, "Customers") {
				t.Errorf("a guest's home page reads:\n%s", home)
			}
			if focused != "Sign in" {
				t.Errorf("the second Tab reaches %q, want the sign-in link", focused)
			}
			browsertest.Screenshot(t, ctx, "home-guest-"+name)

			var copy string
			err = chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+"/i/"+webtest.RefCode),
				chromedp.WaitVisible(`#preferred_times`, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.Text(`.landing-copy`, &copy, chromedp.ByQuery),
			)
			if err != nil {
				t.Fatal(err)
			}
			if scrollWidth > vp.width {
				t.Errorf("the referee page is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if !strings.Contains(copy, "About Acme") || !strings.Contains(copy, "busy clinics run on") || strings.Contains(copy, "source of new business") {
				t.Errorf("the referee page's copy reads:\n%s", copy)
			}
			browsertest.Screenshot(t, ctx, "referee-copy-"+name)
		})
	}
}

// TestBrowserAnAdministratorPreviewsTheRefereePage signs a browser in (the
// dashboard's session cookie) and opens a referee's real page and the
// sample preview at 390 pixels: both carry the preview banner, the real
// visit counts nothing, and the sample's form cannot be sent.
func TestBrowserAnAdministratorPreviewsTheRefereePage(t *testing.T) {
	ctx := browsertest.New(t)
	app := webtest.WithReferral(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	host := strings.TrimPrefix(srv.URL, "http://")
	var banner string
	var disabled bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.ActionFunc(func(c context.Context) error {
			return network.SetCookie("warmloop_session", testapp.SuperuserToken).
				WithDomain(strings.Split(host, ":")[0]).WithPath("/").WithHTTPOnly(true).Do(c)
		}),
		chromedp.Navigate(srv.URL+"/i/"+webtest.RefCode),
		chromedp.WaitVisible(`.preview-banner`, chromedp.ByQuery),
		chromedp.Text(`.preview-banner`, &banner, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(banner, "counted no visit") {
		t.Errorf("the banner reads %q", banner)
	}
	browsertest.Screenshot(t, ctx, "referee-admin-preview-390")
	if s := webtest.MustReferral(t, app).GetString("status"); s != "invited" {
		t.Errorf("an administrator's look moved the referral to %s", s)
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/preview/referee"),
		chromedp.WaitVisible(`#booking button[type=submit]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#booking button[type=submit]").disabled`, &disabled),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !disabled {
		t.Error("the sample preview's booking form can be sent")
	}
	browsertest.Screenshot(t, ctx, "referee-sample-preview-390")
}
