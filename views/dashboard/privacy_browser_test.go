package dashboard_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/internal/privacy"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserAdminErasesAPersonOnAPhoneWithTheKeyboard opens a customer on
// a 390 px phone, follows "Erase this person…" with the Enter key, types
// the email into the confirmation and presses Enter: the customer is erased
// and the page says so. Neither page scrolls sideways.
func TestBrowserAdminErasesAPersonOnAPhoneWithTheKeyboard(t *testing.T) {
	app := privacyApp(t)
	defer app.Cleanup()
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)

	var customerWidth, eraseWidth int64
	var notice, heading string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/dashboard/customers/"+anaID),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password"+kb.Enter, chromedp.ByID),
		chromedp.WaitVisible(`#facts-title`, chromedp.ByID),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &customerWidth),
		chromedp.Focus(`a[href$="/privacy/erase"]`, chromedp.ByQuery),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`#confirm`, chromedp.ByID),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &eraseWidth),
	)
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "dashboard-erase-phone")
	err = chromedp.Run(ctx,
		chromedp.SendKeys(`#confirm`, "ana@northwind.example"+kb.Enter, chromedp.ByID),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.Text(`.notice`, &notice, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if customerWidth > 390 || eraseWidth > 390 {
		t.Errorf("on a 390px screen the customer page is %dpx wide and the erase page %dpx: they scroll sideways", customerWidth, eraseWidth)
	}
	if !strings.HasPrefix(notice, "Erased:") || !strings.HasPrefix(heading, privacy.ErasedName) {
		t.Errorf("after erasing, the page says %q under %q", notice, heading)
	}
	if c, _ := app.FindRecordById("customers", anaID); c == nil || c.GetString("name") != privacy.ErasedName {
		t.Errorf("the customer was not erased: %v", c)
	}
}
