package dashboard_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserBulkActionsAndTheCustomerEditWorkOnAPhoneAndADesktop ticks
// every customer with the select-all and tags them, deletes one after the
// confirmation, edits a customer by keyboard and picks a customer for a
// moment from the search-as-you-type list, at 390 px and at 1280 px; no
// page scrolls sideways, and each step leaves a screenshot.
func TestBrowserBulkActionsAndTheCustomerEditWorkOnAPhoneAndADesktop(t *testing.T) {
	for _, width := range []int64{390, 1280} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			app := customersApp(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app)
			ctx := browsertest.New(t)
			shot := func(name string) {
				browsertest.Screenshot(t, ctx, fmt.Sprintf("dashboard-customers-%s-%d", name, width))
			}
			wide := map[string]int64{}
			measure := func(page string) chromedp.Action {
				return chromedp.ActionFunc(func(c2 context.Context) error {
					var w int64
					err := chromedp.Evaluate(`document.documentElement.scrollWidth`, &w).Do(c2)
					wide[page] = w
					return err
				})
			}
			opts := []chromedp.EmulateViewportOption{}
			if width < 500 {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile)
			}
			var tickedAll int
			err := chromedp.Run(ctx,
				chromedp.EmulateViewport(width, 900, opts...),
				chromedp.Navigate(srv.URL+"/dashboard/customers"),
				chromedp.WaitVisible(`#email`, chromedp.ByID),
				chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
				chromedp.SendKeys(`#password`, "a-long-test-password"+kb.Enter, chromedp.ByID),
				chromedp.WaitVisible(`[data-select-all]`, chromedp.ByQuery),
				chromedp.Click(`[data-select-all]`, chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelectorAll('input[name="id"]:checked').length`, &tickedAll),
				chromedp.SetValue(`#bulk-action`, "tag", chromedp.ByID),
				chromedp.SendKeys(`#bulk-tag`, "Pilot", chromedp.ByID),
				measure("list"),
				chromedp.ActionFunc(func(c2 context.Context) error { shot("ticked"); return nil }),
				chromedp.Submit(`#bulk-tag`, chromedp.ByID),
				chromedp.WaitVisible(`p.notice`, chromedp.ByQuery),
			)
			if err != nil {
				t.Fatal(err)
			}
			if tickedAll != 4 {
				t.Errorf("the select-all ticked %d customers, want 4", tickedAll)
			}
			var tags int
			var deleteHeading, counts string
			err = chromedp.Run(ctx,
				chromedp.Evaluate(`document.querySelectorAll('.pill.tag').length`, &tags),
				chromedp.Click(`#pick-`+freshID, chromedp.ByQuery),
				chromedp.SetValue(`#bulk-action`, "delete", chromedp.ByID),
				chromedp.Click(`//button[normalize-space()="Apply"]`, chromedp.BySearch),
				chromedp.WaitVisible(`#delete-counts`, chromedp.ByID),
				chromedp.Text(`h1`, &deleteHeading, chromedp.ByQuery),
				chromedp.Text(`#delete-counts`, &counts, chromedp.ByID),
				measure("delete confirmation"),
				chromedp.ActionFunc(func(c2 context.Context) error { shot("delete-confirm"); return nil }),
				chromedp.Click(`//button[starts-with(normalize-space(), "Delete this customer")]`, chromedp.BySearch),
				chromedp.WaitVisible(`p.notice`, chromedp.ByQuery),
			)
			if err != nil {
				t.Fatal(err)
			}
			if tags != 4 {
				t.Errorf("%d tags shown after tagging everyone, want 4", tags)
			}
			if !strings.Contains(deleteHeading, "Fresh Start") || !strings.Contains(counts, "0 moments") {
				t.Errorf("the confirmation says %q: %q", deleteHeading, counts)
			}
			if n, _ := app.CountRecords("customers"); n != 3 {
				t.Errorf("%d customers after deleting one, want 3", n)
			}

			var title, picked string
			var sent bool
			err = chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+"/dashboard/customers/"+anaID+"/details/edit"),
				chromedp.WaitVisible(`#title`, chromedp.ByID),
				measure("edit form"),
				chromedp.ActionFunc(func(c2 context.Context) error { shot("edit"); return nil }),
				chromedp.Focus(`#title`, chromedp.ByID),
				chromedp.KeyEvent("Head of Ops"),
				chromedp.KeyEvent(kb.Enter),
				chromedp.WaitVisible(`p.notice`, chromedp.ByQuery),
				chromedp.Text(`.page-head p.muted`, &title, chromedp.ByQuery),
				chromedp.Navigate(srv.URL+"/dashboard/moments/new"),
				chromedp.WaitVisible(`#email`, chromedp.ByID),
				chromedp.Focus(`#email`, chromedp.ByID),
				chromedp.KeyEvent("north"),
				chromedp.WaitVisible(`#customer-options [role="option"]`, chromedp.ByQuery),
				chromedp.KeyEvent(kb.ArrowDown),
				chromedp.ActionFunc(func(context.Context) error { shot("picker-open"); return nil }),
				chromedp.KeyEvent(kb.Enter),
				chromedp.Value(`#email`, &picked, chromedp.ByID),
				chromedp.Evaluate(`!!document.querySelector(".field-error")`, &sent),
				measure("moment form"),
				chromedp.ActionFunc(func(c2 context.Context) error { shot("picker"); return nil }),
			)
			if err != nil {
				t.Fatal(err)
			}
			// Ana's ask email, composed in the outbox's view: the HTML in its
			// frame breaks no rule of the page's Content-Security-Policy.
			asks, err := app.FindRecordsByFilter("outbox", "kind = 'email'", "", 1, 0)
			if err != nil || len(asks) == 0 {
				t.Fatalf("no email in the outbox: %v", err)
			}
			var frame string
			err = chromedp.Run(ctx,
				chromedp.Navigate(srv.URL+"/dashboard/outbox/"+asks[0].Id),
				chromedp.WaitVisible(`iframe.email-frame`, chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelector("iframe.email-frame").contentDocument === null ? "" : "open"`, &frame),
				measure("outbox message"),
				chromedp.ActionFunc(func(context.Context) error { shot("outbox-message"); return nil }),
			)
			if err != nil {
				t.Fatal(err)
			}
			if title != "Head of Ops, Northwind" {
				t.Errorf("after the edit the heading says %q", title)
			}
			if picked != "ana@northwind.example" || sent {
				t.Errorf("the picker put %q in the field (and sent the form: %v)", picked, sent)
			}
			for page, w := range wide {
				if w > width {
					t.Errorf("at %dpx the %s is %dpx wide: it scrolls sideways", width, page, w)
				}
			}
		})
	}
}
