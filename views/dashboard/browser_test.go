package dashboard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"warmloop/internal/demo"
	"warmloop/internal/pages"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// TestBrowserAdminRunsTheProgramFromTheDashboard signs in with the
// superuser's password in headless Chromium, reads the overview, moves a
// referral on the board with htmx, approves a reward, and edits a page with
// its live preview; screenshots of the overview and the board are saved as
// test artifacts.
func TestBrowserAdminRunsTheProgramFromTheDashboard(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)

	var heading, figures string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(srv.URL+"/dashboard"),
		chromedp.WaitVisible(`#email`, chromedp.ByID),
		chromedp.SendKeys(`#email`, testapp.SuperuserEmail, chromedp.ByID),
		chromedp.SendKeys(`#password`, "a-long-test-password", chromedp.ByID),
		chromedp.Submit(`#password`, chromedp.ByID),
		chromedp.WaitVisible(`.figures`, chromedp.ByQuery),
		chromedp.WaitVisible(`#activity .activity`, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.Text(`.figures`, &figures, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if heading != "What the program yields" {
		t.Errorf("after signing in the page says %q", heading)
	}
	for _, want := range []string{"Customers asked", "Yield rate", "Pipeline generated", "Pipeline won"} {
		if !strings.Contains(figures, want) {
			t.Errorf("the overview lacks %q: %q", want, figures)
		}
	}
	browsertest.Screenshot(t, ctx, "dashboard-overview")

	t.Run("move a referral on the board", func(t *testing.T) {
		ref, err := app.FindFirstRecordByFilter("referrals", "status = 'invited' && flag = ''")
		if err != nil {
			t.Fatal(err)
		}
		card := "#referral-" + ref.Id
		inVisited := `//section[@aria-labelledby="col-visited"]//article[@id="referral-` + ref.Id + `"]`
		var marker string
		err = chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/dashboard/referrals"),
			chromedp.WaitVisible(`#referral-board`, chromedp.ByID),
			chromedp.Evaluate(`window.__noReload = "still here"`, nil),
			chromedp.SetValue(card+` select[name=status]`, "visited", chromedp.ByQuery),
			chromedp.Click(card+` button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(inVisited, chromedp.BySearch),
			chromedp.Evaluate(`window.__noReload || ""`, &marker),
		)
		if err != nil {
			t.Fatal(err)
		}
		if marker != "still here" {
			t.Error("the page reloaded: the move was not sent with htmx")
		}
		if got, _ := app.FindRecordById("referrals", ref.Id); got.GetString("status") != "visited" {
			t.Errorf("the referral is %q after the move, want visited", got.GetString("status"))
		}
		browsertest.Screenshot(t, ctx, "dashboard-referral-board")
	})

	t.Run("approve a reward", func(t *testing.T) {
		reward, err := app.FindFirstRecordByFilter("rewards", "status = 'earned'")
		if err != nil {
			t.Fatal(err)
		}
		row := "#reward-" + reward.Id
		err = chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/dashboard/rewards"),
			chromedp.WaitVisible(row, chromedp.ByQuery),
			chromedp.Click(row+` form[action$="/approve"] button`, chromedp.ByQuery),
			chromedp.WaitVisible(row+` .saved`, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := app.FindRecordById("rewards", reward.Id); got.GetString("status") != "approved" {
			t.Errorf("the reward is %q after approving, want approved", got.GetString("status"))
		}
	})

	t.Run("edit a page with its live preview", func(t *testing.T) {
		var notice string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/dashboard/pages/landing"),
			chromedp.WaitVisible(`#body`, chromedp.ByID),
			chromedp.SendKeys(`#body`, "\n\nA **warm** word from the browser test.", chromedp.ByID),
			chromedp.WaitVisible(`//div[@id="preview"]//strong[.="warm"]`, chromedp.BySearch),
			chromedp.Click(`#page-form button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
			chromedp.Text(`.notice`, &notice, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := pages.FindBySlug(app, "landing")
		if notice != "Saved." || !strings.Contains(page.GetString("body"), "A **warm** word from the browser test.") {
			t.Errorf("after saving: notice %q, body ends %q", notice, page.GetString("body")[max(0, len(page.GetString("body"))-60):])
		}
	})
}
