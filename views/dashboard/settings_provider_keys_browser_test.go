package dashboard_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserASurvicateKeyTypedBesideItsURLTakesTheTokenOutOfTheURL opens
// Settings at 390 and 1280 pixels, finds Survicate's URL (carrying the NPS
// secret as a token while Survicate has no key of its own), types
// Survicate's signing secret in the field beside it and saves by keyboard:
// the key is stored and the URL to paste no longer carries a token. Nothing
// scrolls sideways; a screenshot of the NPS tools at each width is saved.
func TestBrowserASurvicateKeyTypedBesideItsURLTakesTheTokenOutOfTheURL(t *testing.T) {
	ctx := browsertest.New(t)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"390", 390, 844, true}, {"1280", 1280, 900, false}} {
		t.Run(vp.name, func(t *testing.T) {
			app := testapp.New(t)
			srv := webtest.Server(t, app)
			host := strings.Split(strings.TrimPrefix(srv.URL, "http://"), ":")[0]
			emulate := chromedp.EmulateViewport(vp.width, vp.height)
			if vp.mobile {
				emulate = chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var before, after, focused string
			var scrollWidth int64
			err := chromedp.Run(ctx, emulate,
				chromedp.ActionFunc(func(c context.Context) error {
					return network.SetCookie("warmloop_session", testapp.SuperuserToken).WithDomain(host).WithPath("/").WithHTTPOnly(true).Do(c)
				}),
				chromedp.Navigate(srv.URL+"/dashboard/settings"),
				chromedp.WaitVisible(`#hook-nps-survicate`, chromedp.ByID),
				chromedp.Value(`#hook-nps-survicate`, &before, chromedp.ByID),
				chromedp.Focus(`#survicate_secret`, chromedp.ByID),
				chromedp.SendKeys(`#survicate_secret`, "survicate-signing-secret-1", chromedp.ByID),
				chromedp.Evaluate(`document.activeElement.id`, &focused),
				chromedp.KeyEvent("\r"),
				// The page the save answers with says so: waiting for it,
				// not for the field, keeps the page being left out of it.
				chromedp.WaitVisible(`p.notice[role=status]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#hook-nps-survicate`, chromedp.ByID),
				chromedp.Value(`#hook-nps-survicate`, &after, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.ScrollIntoView(`#hook-nps-survicate`, chromedp.ByID),
			)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, ctx, "dashboard-settings-nps-tools-"+vp.name)
			if focused != "survicate_secret" {
				t.Errorf("typing went to %q, want Survicate's key field", focused)
			}
			if !strings.Contains(before, "/hooks/nps/survicate?token=") {
				t.Errorf("before a key is set Survicate's URL is %q, want it to carry the NPS secret", before)
			}
			if !strings.HasSuffix(after, "/hooks/nps/survicate") {
				t.Errorf("after saving Survicate's key its URL is %q, want no token", after)
			}
			program.Forget(app)
			s, err := program.Load(app)
			if err != nil {
				t.Fatal(err)
			}
			if s.NPSKey("survicate") != "survicate-signing-secret-1" {
				t.Errorf("Survicate's key is %q after saving", s.NPSKey("survicate"))
			}
			if scrollWidth > vp.width {
				t.Errorf("the settings are %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
		})
	}
}
