package public_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/tests/browsertest"
	"warmloop/tests/webtest"
)

// focusedJS describes the element that has the focus and whether its focus
// ring shows: "text|visible" or "text|hidden".
const focusedJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return "|";
	const s = getComputedStyle(el);
	const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
	return (el.id || el.textContent.trim()) + "|" + (ring ? "visible" : "hidden");
})()`

// TestBrowserAReferrerSeesBothIntroductionsStagesAndProgress opens the ask
// link of a referrer who has introduced two people, on a 390 px phone and a
// 1280 px desktop: both introductions show with their stages, the progress
// to the next tier reads "2 of 3 introductions", nothing scrolls sideways,
// and Tab alone reaches every control of the record and the form, each with
// its focus ring showing. Screenshots of both widths are saved.
func TestBrowserAReferrerSeesBothIntroductionsStagesAndProgress(t *testing.T) {
	app := withRecord(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)

	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
		// reach are the controls Tab must reach, by id or text.
		reach []string
	}{
		{"390", 390, 844, true, []string{"Introduce someone else", "Wall of Thanks", "referee_name", "Send my introduction"}},
		{"1280", 1280, 900, false, []string{"Wall of Thanks", "referee_name", "Send my introduction"}},
	} {
		t.Run(vp.name, func(t *testing.T) {
			var emulate chromedp.Action = chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var record, progress string
			var scrollWidth int64
			err := chromedp.Run(ctx,
				emulate,
				chromedp.Navigate(srv.URL+"/r/"+webtest.AskToken),
				chromedp.WaitVisible(`#record-title`, chromedp.ByID),
				chromedp.Text(`.intros`, &record, chromedp.ByQuery),
				chromedp.Text(`.tier-progress`, &progress, chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"Jo Bloggs", "Booked", "Kai Ito", "Invited"} {
				if !strings.Contains(record, want) {
					t.Errorf("the introductions read %q: no %q", record, want)
				}
			}
			if !strings.Contains(progress, "Connector: 2 of 3 introductions") {
				t.Errorf("the progress reads %q", progress)
			}
			if scrollWidth > vp.width {
				t.Errorf("the page is %dpx wide on a %dpx screen: it scrolls sideways", scrollWidth, vp.width)
			}
			browsertest.Screenshot(t, ctx, "referrer-record-"+vp.name)

			// This browser opened one of Ana's ask links, so her share
			// page shows her the record too.
			var share string
			err = chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+"/s/"+webtest.ShareCode),
				chromedp.WaitVisible(`#record-title`, chromedp.ByID),
				chromedp.Text(`main`, &share, chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(share, "This is your share link, Ana.") || !strings.Contains(share, "Jo Bloggs") || scrollWidth > vp.width {
				t.Errorf("the share page (%dpx wide) reads %q", scrollWidth, share)
			}
			browsertest.Screenshot(t, ctx, "referrer-share-"+vp.name)
			if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/r/"+webtest.AskToken), chromedp.WaitVisible(`#record-title`, chromedp.ByID)); err != nil {
				t.Fatal(err)
			}

			reached := map[string]bool{}
			for range 40 {
				var got string
				if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(focusedJS, &got)); err != nil {
					t.Fatal(err)
				}
				what, ring, _ := strings.Cut(got, "|")
				if what != "" && ring != "visible" {
					t.Errorf("%q has the focus with no visible focus ring", what)
				}
				reached[what] = true
			}
			for _, want := range vp.reach {
				if !reached[want] {
					t.Errorf("Tab never reached %q (reached %v)", want, reached)
				}
			}
		})
	}
}

// TestBrowserIntroduceSomeoneElseTakesAPhoneToTheFormByKeyboard presses the
// record's "Introduce someone else" with Enter on a 390 px phone, where the
// form sits below the record, and types into the form's first field.
func TestBrowserIntroduceSomeoneElseTakesAPhoneToTheFormByKeyboard(t *testing.T) {
	app := withRecord(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
	var url string
	var inView bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/r/"+webtest.AskToken),
		chromedp.WaitVisible(`#record-title`, chromedp.ByID),
		chromedp.Focus(`.record .jump a`, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`#referee_name`, chromedp.ByID),
		chromedp.Location(&url),
		chromedp.Evaluate(`(() => { const r = document.getElementById("refer").getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })()`, &inView),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(url, "#refer") || !inView {
		t.Errorf("after Enter the page is at %s and the form is in view: %v", url, inView)
	}
}
