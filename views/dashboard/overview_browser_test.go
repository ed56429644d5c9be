package dashboard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"warmloop/internal/demo"
	"warmloop/internal/program"
	"warmloop/tests/browsertest"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// chartTexts measures every text of every chart as the browser draws it:
// its font size times the drawing's scale, and whether its box lies inside
// the drawing's.
const chartTexts = `[...document.querySelectorAll("svg.chart")].flatMap((svg, i) => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(t => {
    const r = t.getBoundingClientRect();
    return {chart: svg.getAttribute("aria-label"), text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5};
  });
})`

// chartText is one measured text of a chart.
type chartText struct {
	Chart, Text string
	Px          float64
	Inside      bool
}

// TestBrowserTheOverviewsChartsReadAtTwelvePixelsWithYearsUnitsAndTables
// opens the demo's overview over a year at 390 and 1280 px, with the
// program in euros and New York's zone: every chart's text renders at 12
// px or more and inside its chart, the labels carry years, each value axis
// has its unit (the money one in euros), and each chart's "Show as table"
// opens from the keyboard. Screenshots of both widths are saved.
func TestBrowserTheOverviewsChartsReadAtTwelvePixelsWithYearsUnitsAndTables(t *testing.T) {
	app := testapp.Bare(t)
	defer app.Cleanup()
	if _, err := demo.Seed(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	r, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("currency", "EUR")
	r.Set("timezone", "America/New_York")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, app)
	ctx := browsertest.New(t)
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
			var texts []chartText
			var scrollWidth int64
			err := chromedp.Run(ctx, emulate,
				chromedp.Navigate(srv.URL+"/dashboard?days=365"),
				chromedp.WaitVisible(`svg.chart`, chromedp.ByQuery),
				chromedp.Evaluate(chartTexts, &texts),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth),
			)
			if err != nil {
				t.Fatal(err)
			}
			if scrollWidth > vp.width {
				t.Errorf("the overview is %d px wide at %d px", scrollWidth, vp.width)
			}
			charts := map[string]bool{}
			var all []string
			for _, x := range texts {
				charts[x.Chart] = true
				all = append(all, x.Text)
				if x.Px < 12 {
					t.Errorf("%q in %q renders at %.1f px, under 12", x.Text, x.Chart, x.Px)
				}
				if !x.Inside {
					t.Errorf("%q in %q is cut off at the chart's edge", x.Text, x.Chart)
				}
			}
			if len(charts) != 4 {
				t.Errorf("measured %d charts (%v), want the three trends and the projection", len(charts), charts)
			}
			joined := strings.Join(all, " | ")
			for _, want := range []string{"asks", "referrals", "EUR", "€", "customers", "12", time.Now().AddDate(-1, 0, 0).Format("2006")} {
				if !strings.Contains(joined, want) {
					t.Errorf("the charts' text lacks %q: %s", want, joined)
				}
			}
			browsertest.Screenshot(t, ctx, "overview-"+name)

			var open bool
			var rows int
			err = chromedp.Run(ctx,
				chromedp.Focus(`.chart-table summary`, chromedp.ByQuery),
				chromedp.KeyEvent(kb.Enter),
				chromedp.Evaluate(`document.querySelector(".chart-table").open`, &open),
				chromedp.Evaluate(`document.querySelector(".chart-table tbody").getClientRects().length && document.querySelectorAll(".chart-table tbody tr").length`, &rows),
			)
			if err != nil {
				t.Fatal(err)
			}
			if !open || rows < 50 {
				t.Errorf("Enter on the first chart's Show as table: open %v, %d rows shown; want a row for each of the year's weeks", open, rows)
			}
			browsertest.Screenshot(t, ctx, "overview-table-"+name)
		})
	}
}
