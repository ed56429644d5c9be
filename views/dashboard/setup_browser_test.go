package dashboard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/smtptest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserTheSetupChecklistWorksOnAPhoneAndADesktopWithTheKeyboard opens
// a new install's overview, where the sender and SMTP are done, at 390 and
// 1280 pixels: the checklist leads, fits the screen, every step's link and
// the test ask's button are reached with Tab, and Enter on the button sends
// the test ask. Screenshots of both are saved.
func TestBrowserTheSetupChecklistWorksOnAPhoneAndADesktopWithTheKeyboard(t *testing.T) {
	ctx := browsertest.New(t)
	app := testapp.New(t)
	sink := smtptest.Start(t)
	setupDone(t, app, sink.Host, sink.Port)
	r, _ := program.Record(app)
	r.Set("app_url", "") // leave a step to do besides copy, customers and NPS
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"landing", "referee"} { // back to the shipped copy
		p, _ := pages.FindBySlug(app, slug)
		p.Set("body", strings.TrimSuffix(p.GetString("body"), "\n\nIn Northwind's own words."))
		if err := app.Save(p); err != nil {
			t.Fatal(err)
		}
	}
	app.OnMailerSend().UnbindAll()
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
			var scrollWidth int64
			var first string
			err := chromedp.Run(ctx, emulate,
				chromedp.Navigate(srv.URL+"/dashboard"),
				chromedp.WaitVisible(`#setup-checklist`, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.Evaluate(`document.querySelector("main .card").id`, &first),
			)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, ctx, "dashboard-setup-checklist-"+name)
			if scrollWidth > vp.width {
				t.Errorf("the overview is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if first != "setup-checklist" {
				t.Errorf("the overview's first card is %q, want the checklist", first)
			}
			reached := tabThrough(t, ctx, 60)
			for _, want := range []string{"Name your company and the sender", "Set the Application URL", "Send email through your SMTP server",
				"Rewrite the landing and referee pages", "Import your customers", "Connect your NPS tool", "Send a test ask to me"} {
				if !reached[want] {
					t.Errorf("Tab never reaches %q; it reaches %v", want, reached)
				}
			}
		})
	}

	var notice string
	err := chromedp.Run(ctx,
		chromedp.Focus(`#test-ask button`, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(`#test-ask .notice`, chromedp.ByQuery),
		chromedp.Text(`#test-ask .notice`, &notice, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(notice, "on its way to "+testapp.SuperuserEmail) || len(sink.Messages()) != 1 {
		t.Fatalf("after Enter on the button: %q, %d emails", notice, len(sink.Messages()))
	}

	// The ask's link opens the walk-through's landing page, whose form can be sent.
	landing := expectLinksOpen(t, walker{t: t, base: srv.URL, cookie: "warmloop_session=" + testapp.SuperuserToken},
		walker{t: t, base: srv.URL}, nthEmail(t, sink, 1), "landing")
	var disabled bool
	err = chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(landing),
		chromedp.WaitVisible(`.preview-banner`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#refer button[type=submit]").disabled`, &disabled),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "walk-landing-390")
	if disabled {
		t.Error("the walk-through's landing form cannot be sent")
	}
}

// tabThrough presses Tab up to n times from the top of the page and
// returns the text of every element that took the focus.
func tabThrough(t *testing.T, ctx context.Context, n int) map[string]bool {
	t.Helper()
	reached := map[string]bool{}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.activeElement && document.activeElement.blur()`, nil)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		var text string
		if err := chromedp.Run(ctx, chromedp.KeyEvent("\t"),
			chromedp.Evaluate(`document.activeElement ? document.activeElement.textContent.trim() : ""`, &text)); err != nil {
			t.Fatal(err)
		}
		reached[text] = true
	}
	return reached
}
