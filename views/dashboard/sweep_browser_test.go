package dashboard_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/demo"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// sweepWidths are the widths every page is checked at: a phone and a laptop.
var sweepWidths = []int64{390, 1280}

// TestBrowserEveryPageFitsItsWidthAndPassesAxe opens every public page, and
// every dashboard page signed in with the demo program (the GET routes read
// from routes.go, their ids filled from the demo), at 390 px and 1280 px. At
// each width the page must not scroll sideways and axe-core must find no
// serious or critical violation; a screenshot of each goes to
// artifacts/sweep/ and a summary of axe's findings per page to the log.
func TestBrowserEveryPageFitsItsWidthAndPassesAxe(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	seedSource(t, app)
	srv := webtest.Server(t, app)
	ctx := browsertest.NewFor(t, 15*time.Minute)

	latest := func(coll, filter string) *core.Record {
		recs, err := app.FindRecordsByFilter(coll, filter, "-created", 1, 0)
		if err != nil || len(recs) == 0 {
			t.Fatalf("the demo has no %s matching %q", coll, filter)
		}
		return recs[0]
	}
	ask := latest("asks", "customer.opted_out = false")
	public := [][2]string{ // a page's path, and the name its screenshots take
		{"/", "/"}, {"/thanks", "/thanks"}, {"/dashboard/login", "/dashboard/login"}, {"/no-such-page", "/not-found"},
		{"/r/" + ask.GetString("token"), "/r/token"},
		{"/u/" + ask.GetString("unsubscribe_token"), "/u/token"},
		{"/s/" + latest("customers", "referral_code != ''").GetString("referral_code"), "/s/code"},
		{"/i/" + latest("referrals", "code != ''").GetString("code"), "/i/code"},
	}
	for _, p := range public {
		checkPage(t, ctx, srv.URL, p[0], p[1])
	}

	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/dashboard/login"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`.figures`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	var cookies []*network.Cookie
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(c context.Context) (err error) {
		cookies, err = network.GetCookies().Do(c)
		return err
	})); err != nil {
		t.Fatal(err)
	}

	signedIn := [][2]string{{"/status", "/status"}, {"/dashboard", "/dashboard"},
		{"/dashboard/referrals?view=table", "/dashboard/referrals/table"}, {"/dashboard/referrals?view=flagged", "/dashboard/referrals/flagged"}}
	for _, p := range []string{"landing", "referee", "booking", "share", "thanks", "unsubscribe"} {
		signedIn = append(signedIn, [2]string{"/preview/" + p, "/preview/" + p})
	}
	for _, r := range dashboardRoutes(t) {
		if r.method != http.MethodGet {
			continue
		}
		path := concreteURL(t, app, r.pattern)
		if !servesPage(t, srv.URL+path, cookies) {
			t.Logf("%s is a download or a fragment htmx fills in, not a page: left out", path)
			continue
		}
		signedIn = append(signedIn, [2]string{path, r.pattern})
	}
	for _, p := range signedIn {
		checkPage(t, ctx, srv.URL, p[0], p[1])
	}
}

// checkPage opens path once and, at each sweep width, checks that nothing
// scrolls sideways and that axe-core finds nothing serious, and saves a
// screenshot.
func checkPage(t *testing.T, ctx context.Context, base, path, shot string) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	name := strings.Trim(strings.NewReplacer("/", "-", "{", "", "}", "", "$", "").Replace(shot), "-")
	if name == "" {
		name = "home"
	}
	for _, w := range sweepWidths {
		var scroll, client int64
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(w, 900, func(p *emulation.SetDeviceMetricsOverrideParams, s *emulation.SetTouchEmulationEnabledParams) {
				p.Mobile = w < 600
			}),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
			chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
		)
		if err != nil {
			t.Errorf("%s at %d px: %v", path, w, err)
			continue
		}
		if scroll > client {
			var past []string
			_ = chromedp.Run(ctx, chromedp.Evaluate(pastTheEdge, &past))
			t.Errorf("%s at %d px scrolls sideways: %d px of content in %d px; past the edge: %s", path, w, scroll, client, strings.Join(past, ", "))
		}
		var boxes []string
		if err := chromedp.Run(ctx, chromedp.Evaluate(sidewaysBoxes, &boxes)); err != nil {
			t.Errorf("%s at %d px: %v", path, w, err)
		}
		for _, b := range boxes {
			t.Errorf("%s at %d px: a part scrolls sideways, hiding what is past its edge: %s", path, w, b)
		}
		found, err := browsertest.Axe(ctx)
		if err != nil {
			t.Errorf("%s at %d px: %v", path, w, err)
			continue
		}
		t.Logf("axe %-58s %4d px  %s", path, w, browsertest.AxeSummary(found))
		for _, v := range found {
			if v.Blocking() {
				t.Errorf("%s at %d px: axe: %s", path, w, v)
			} else {
				t.Logf("    %s", v)
			}
		}
		browsertest.Screenshot(t, ctx, "sweep/"+name+"-"+strconv.FormatInt(w, 10))
	}
}

// sidewaysBoxes lists the elements of the page that scroll sideways inside
// it (a table in a scrolling wrapper): the page fits, but its actions do not.
// A text field's own scrolling is not a layout's.
const sidewaysBoxes = `[...document.querySelectorAll("body *")].filter(el => {
  if (el.matches("textarea, input, select, pre, iframe")) return false;
  const o = getComputedStyle(el).overflowX;
  return (o === "auto" || o === "scroll") && el.scrollWidth > el.clientWidth + 1;
}).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).trim().replace(/\s+/g, ".") : "") +
  " (" + el.scrollWidth + " px in " + el.clientWidth + " px)")`

// pastTheEdge names the innermost elements that reach past the right edge
// of the page, to say what makes it scroll sideways.
const pastTheEdge = `(() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const past = [...document.querySelectorAll("body *")].filter(el => el.getBoundingClientRect().right > edge);
  return past.filter(el => !past.some(other => other !== el && el.contains(other))).slice(0, 4)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().replace(/\s+/g, ".") : "") +
      " (right edge " + Math.round(el.getBoundingClientRect().right) + " px)");
})()`

// servesPage reports whether a GET of url with the browser's cookies answers
// with a whole page: HTML that starts with its doctype, not a file to
// download or a fragment htmx puts into a page.
func servesPage(t *testing.T, url string, cookies []*network.Cookie) bool {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(res.Body, head)
	whole := strings.HasPrefix(strings.ToLower(strings.TrimSpace(string(head[:n]))), "<!doctype html")
	return strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && whole
}

// TestBrowserOnAPhoneTheMenuAndTheBoardStagesWorkByKeyboard checks the two
// parts of the dashboard that change on a phone, using the keyboard only: the
// menu button opens the navigation, which passes axe while open and whose
// links Tab reaches, and Escape closes it with focus back on the button; the stage
// picker shows one column of the board at a time, every stage reachable.
func TestBrowserOnAPhoneTheMenuAndTheBoardStagesWorkByKeyboard(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)

	isVisible := func(sel string) bool {
		t.Helper()
		var v bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const el = document.querySelector(`+"`"+sel+"`"+`); return !!el && el.getClientRects().length > 0; })()`, &v)); err != nil {
			t.Fatal(err)
		}
		return v
	}
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/dashboard/login"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`.figures`, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+"/dashboard/referrals"),
		chromedp.WaitVisible(`#board-stage`, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}

	if isVisible(`nav.admin-nav`) {
		t.Error("at 390 px the navigation shows before the menu is opened")
	}
	if err := chromedp.Run(ctx, chromedp.Focus(`.nav-toggle`, chromedp.ByQuery), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	var expanded string
	if err := chromedp.Run(ctx, chromedp.AttributeValue(`.nav-toggle`, "aria-expanded", &expanded, nil, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if expanded != "true" || !isVisible(`nav.admin-nav a[href="/dashboard/team"]`) {
		t.Errorf("Enter on the menu button: aria-expanded %q, navigation shown %v", expanded, isVisible(`nav.admin-nav a[href="/dashboard/team"]`))
	}
	// The open menu passes axe too, and its links are reached with Tab.
	found, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("axe %-58s %4d px  %s", "/dashboard/referrals, the menu open", 390, browsertest.AxeSummary(found))
	for _, v := range found {
		if v.Blocking() {
			t.Errorf("the open menu at 390 px: axe: %s", v)
		}
	}
	browsertest.Screenshot(t, ctx, "sweep/dashboard-referrals-menu-open-390")
	var focused string
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`document.activeElement.closest("nav.admin-nav") ? document.activeElement.getAttribute("href") : ""`, &focused)); err != nil {
		t.Fatal(err)
	}
	if focused == "" {
		t.Error("Tab from the menu button does not reach the navigation's first link")
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if isVisible(`nav.admin-nav`) {
		t.Error("Escape left the navigation open")
	}
	var onButton bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.activeElement === document.querySelector(".nav-toggle")`, &onButton),
		chromedp.AttributeValue(`.nav-toggle`, "aria-expanded", &expanded, nil, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if !onButton || expanded != "false" {
		t.Errorf("after Escape from inside the menu: focus on the menu button %v, aria-expanded %q; want true, \"false\"", onButton, expanded)
	}

	var stages []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#board-stage option")].map(o => o.value)`, &stages)); err != nil {
		t.Fatal(err)
	}
	if len(stages) < 6 {
		t.Fatalf("the stage picker offers %v", stages)
	}
	if err := chromedp.Run(ctx, chromedp.Focus(`#board-stage`, chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	for i, stage := range stages {
		if i > 0 {
			if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
				t.Fatal(err)
			}
		}
		var shown []string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("#referral-board .board-col")].filter(c => c.getClientRects().length > 0).map(c => c.getAttribute("aria-labelledby"))`, &shown)); err != nil {
			t.Fatal(err)
		}
		if len(shown) != 1 || shown[0] != stage {
			t.Errorf("after %d arrow key(s) the board shows %v, want only %s", i, shown, stage)
		}
	}
}
