package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserAReferralIsOpenedFromTheBoardNotedAndMovedByKeyboard opens a
// referral from the board in headless Chromium, at 1280 and at 390 pixels,
// by the keyboard: Enter on its card's link, a note typed and sent with
// Enter on "Add note" (htmx: the page stays, the focus lands on the notes'
// heading), then a move to qualified with a deal value. Each width's page is
// screenshotted and must fit the screen.
func TestBrowserAReferralIsOpenedFromTheBoardNotedAndMovedByKeyboard(t *testing.T) {
	ctx := browsertest.New(t)
	app := referralDetailTApp(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	browsertest.SignIn(t, ctx, srv.URL, testapp.SuperuserToken)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		referral      string
		note          string
	}{
		{"1280", 1280, 900, false, detailJo, "Spoke to Jo: budget approved."},
		{"390", 390, 844, true, detailMax, "Max wants a demo next week."},
	} {
		t.Run(vp.name, func(t *testing.T) {
			emulate := chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			link := `#referral-` + vp.referral + ` .who a`
			var marker, notes, focused string
			err := chromedp.Run(ctx, emulate,
				chromedp.Navigate(srv.URL+"/dashboard/referrals"),
				chromedp.WaitVisible(link, chromedp.ByQuery),
				chromedp.Focus(link, chromedp.ByQuery),
				chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(`#notes-title`, chromedp.ByID),
				chromedp.Evaluate(`window.__noReload = "still here"`, nil),
				chromedp.Focus(`#note-body`, chromedp.ByID),
				chromedp.SendKeys(`#note-body`, vp.note, chromedp.ByID),
				chromedp.KeyEvent("\t"),
				chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(`#referral-notes .saved`, chromedp.ByQuery),
				chromedp.Text(`#referral-notes`, &notes, chromedp.ByQuery),
				chromedp.Evaluate(`window.__noReload || ""`, &marker),
				chromedp.Evaluate(`document.activeElement ? document.activeElement.id : ""`, &focused),
			)
			if err != nil {
				t.Fatal(err)
			}
			if marker != "still here" {
				t.Error("the page reloaded: the note was not sent with htmx")
			}
			if focused != "notes-title" {
				t.Errorf("after the note the focus is on %q, want the notes' heading", focused)
			}
			if !strings.Contains(notes, vp.note) || !strings.Contains(notes, testapp.SuperuserEmail) {
				t.Errorf("the notes do not show the new note by its author: %q", notes)
			}
			if got := referralDetailTNotes(t, app, vp.referral); len(got) == 0 || got[0] != vp.note {
				t.Errorf("stored notes %q, want %q first", got, vp.note)
			}
			if reached := tabThrough(t, ctx, 80); !reached["Add note"] || !reached["Save and move"] {
				t.Errorf("Tab does not reach both forms' buttons; it reaches %v", reached)
			}

			events := referralsTEvents(t, app, vp.referral)
			var heading string
			var scrollWidth int64
			err = chromedp.Run(ctx,
				chromedp.SetValue(`#move-status`, "qualified", chromedp.ByID),
				chromedp.SendKeys(`#move-pipeline`, "18000", chromedp.ByID),
				chromedp.Focus(`#move-title ~ form button[type=submit]`, chromedp.ByQuery),
				chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
				chromedp.Text(`h1`, &heading, chromedp.ByQuery),
				// Open every message, so the bodies count in the width and show in the screenshot.
				chromedp.Evaluate(`document.querySelectorAll("ul.messages details").forEach(function (d) { d.open = true }); true`, nil),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(heading, "Qualified") {
				t.Errorf("after the move the heading says %q", heading)
			}
			referralsTExpect(vp.referral, map[string]any{"status": "qualified", "pipeline_value": 18000.0})(t, app, nil)
			if n := referralsTEvents(t, app, vp.referral); n != events+1 {
				t.Errorf("%d events after the move, want %d", n, events+1)
			}
			if scrollWidth > vp.width {
				t.Errorf("the page is %d px wide on a %d px screen", scrollWidth, vp.width)
			}
			browsertest.Screenshot(t, ctx, "referral-page-"+vp.name)
		})
	}
}
