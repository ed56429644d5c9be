package dashboard_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserAMappedSourceIsCreatedPreviewedAndReceivesADelivery adds a
// mapped source in the dashboard at 390 and 1280 pixels, previews a pasted
// sample (the moment and the ask rule's decision show without a reload),
// saves it, posts a real delivery to the running server at the URL the page
// shows, and finds that delivery, accepted and its email masked, in the
// source's last deliveries. Nothing scrolls sideways; screenshots of the
// form with its preview and of the deliveries are saved at both widths.
func TestBrowserAMappedSourceIsCreatedPreviewedAndReceivesADelivery(t *testing.T) {
	ctx := browsertest.New(t)
	app := testapp.New(t)
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
			source := "survey-" + name
			// A person of their own at each width, so each is new and asked.
			person := map[bool]string{true: "ana.lima", false: "ben.ortiz"}[vp.mobile]
			sample := `{"type":"survey.answered","payload":{"respondent":{"email":"` + person + `@northwind.example"},"rating":10,"note":"Loved it","uuid":"resp-` + name + `"}}`
			moments, _ := app.CountRecords("moments")
			var marker, preview, sourceURL string
			var scrollWidth int64
			err := chromedp.Run(ctx, emulate,
				chromedp.Navigate(srv.URL+"/dashboard/settings"),
				chromedp.Click(`#sources-link`, chromedp.ByID),
				chromedp.WaitVisible(`a[href="/dashboard/sources/new"]`, chromedp.ByQuery),
				chromedp.Click(`a[href="/dashboard/sources/new"]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#source-form`, chromedp.ByID),
				chromedp.SendKeys(`#name`, source, chromedp.ByID),
				chromedp.SendKeys(`#email_pointer`, "/payload/respondent/email", chromedp.ByID),
				chromedp.SendKeys(`#score_pointer`, "/payload/rating", chromedp.ByID),
				chromedp.SendKeys(`#comment_pointer`, "/payload/note", chromedp.ByID),
				chromedp.SendKeys(`#external_id_pointer`, "/payload/uuid", chromedp.ByID),
				chromedp.SendKeys(`#keep_pointer`, "/type", chromedp.ByID),
				chromedp.SendKeys(`#keep_value`, "survey.answered", chromedp.ByID),
				chromedp.SetValue(`#auth`, "token", chromedp.ByID),
				chromedp.SendKeys(`#secret`, "browser-secret", chromedp.ByID),
				chromedp.SetValue(`#sample`, sample, chromedp.ByID),
				chromedp.Evaluate(`window.__noReload = "still here"`, nil),
				chromedp.Click(`#preview-button`, chromedp.ByID),
				chromedp.WaitVisible(`#preview-decision`, chromedp.ByID),
				chromedp.Text(`#source-preview`, &preview, chromedp.ByID),
				chromedp.Evaluate(`window.__noReload || ""`, &marker),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, ctx, "dashboard-source-preview-"+name)
			for _, want := range []string{person + "@northwind.example", "10", "Loved it", "resp-" + name, "an ask email would be queued"} {
				if !strings.Contains(preview, want) {
					t.Errorf("the preview lacks %q: %q", want, preview)
				}
			}
			if marker != "still here" {
				t.Error("the page reloaded: the preview was not fetched with htmx")
			}
			if scrollWidth > vp.width {
				t.Errorf("the source form is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
			if n, _ := app.CountRecords("moments"); n != moments {
				t.Errorf("the preview wrote %d moments", n-moments)
			}

			err = chromedp.Run(ctx,
				chromedp.Click(`#source-form button[type=submit]`, chromedp.ByQuery),
				chromedp.WaitVisible(`#source-url`, chromedp.ByID),
				chromedp.Value(`#source-url-value`, &sourceURL, chromedp.ByID),
			)
			if err != nil {
				t.Fatal(err)
			}
			want := srv.URL + "/hooks/moments/" + source + "?token=<the secret>"
			if sourceURL != want {
				t.Fatalf("the page shows the URL %q, want %q", sourceURL, want)
			}
			res, err := http.Post(strings.Replace(sourceURL, "<the secret>", "browser-secret", 1), "application/json", strings.NewReader(sample))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("the delivery was answered %d, want 201", res.StatusCode)
			}

			var deliveries string
			err = chromedp.Run(ctx,
				chromedp.Reload(),
				chromedp.WaitVisible(`#deliveries .delivery`, chromedp.ByQuery),
				chromedp.Text(`#deliveries`, &deliveries, chromedp.ByID),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
				chromedp.ScrollIntoView(`#deliveries`, chromedp.ByID),
			)
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Screenshot(t, ctx, "dashboard-source-deliveries-"+name)
			if !strings.Contains(deliveries, "accepted") || !strings.Contains(deliveries, "•••@northwind.example") {
				t.Errorf("the deliveries read %q, want the accepted one with its email masked", deliveries)
			}
			if strings.Contains(deliveries, person) {
				t.Errorf("the deliveries show the email unmasked: %q", deliveries)
			}
			if scrollWidth > vp.width {
				t.Errorf("the source page is %dpx wide on a %dpx screen", scrollWidth, vp.width)
			}
		})
	}
}
