package public_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/privacy"
	"warmloop/tests/testapp"
	"warmloop/tests/webtest"
)

// A referrer's record is kept between views (referrals.RecordOfKept) and
// their landing page kept rendered with it. Each change below is made
// after a first view has filled both caches, through the path that makes
// it in the product; the next view must show it, on the landing page and
// on the share page the referrer opens.
func TestTheReferrersNextViewShowsEveryChangeToTheirRecord(t *testing.T) {
	cases := []struct {
		name        string
		change      func(testing.TB, core.App)
		shows       []string
		showsNoMore []string
	}{
		{
			name: "an introduction made",
			change: func(t testing.TB, app core.App) {
				testapp.Save(t, app, "referrals", map[string]any{
					"referrer": webtest.MustAna(t, app).Id, "ask": webtest.MustAsk(t, app).Id, "referee_name": "Lee Park",
					"referee_email": "lee@contoso.example", "referee_company": "Contoso", "status": "invited", "channel": "landing",
				})
			},
			shows:       []string{"Lee Park", "You have introduced 3 people to us."},
			showsNoMore: []string{"You have introduced 2 people to us."},
		},
		{
			name:        "an introduction moved by the team",
			change:      func(t testing.TB, app core.App) { setStatus(t, app, "referrals", jo(t, app), "won") },
			shows:       []string{`stage-won">Won`, "for becoming a First win"},
			showsNoMore: []string{`stage-booked">Booked`},
		},
		{
			name: "a person introduced erased for privacy",
			change: func(t testing.TB, app core.App) {
				if _, err := privacy.Erase(app, "jo@fabrikam.example"); err != nil {
					t.Fatal(err)
				}
			},
			shows:       []string{privacy.ErasedName},
			showsNoMore: []string{"Jo Bloggs", "Fabrikam"},
		},
		{
			name: "a reward earned",
			change: func(t testing.TB, app core.App) {
				connector, err := app.FindFirstRecordByData("tiers", "name", "Connector")
				if err != nil {
					t.Fatal(err)
				}
				testapp.Save(t, app, "rewards", map[string]any{"referrer": webtest.MustAna(t, app).Id,
					"tier": connector.Id, "incentive": connector.GetString("incentive"), "status": "earned"})
			},
			shows: []string{"for becoming a Connector"},
		},
		{
			name: "a reward fulfilled",
			change: func(t testing.TB, app core.App) {
				reward, err := app.FindFirstRecordByData("rewards", "referrer", webtest.MustAna(t, app).Id)
				if err != nil {
					t.Fatal(err)
				}
				setStatus(t, app, "rewards", reward, "approved")
				if reward, err = app.FindRecordById("rewards", reward.Id); err != nil {
					t.Fatal(err)
				}
				setStatus(t, app, "rewards", reward, "fulfilled")
			},
			shows:       []string{"Sent to you."},
			showsNoMore: []string{"We will be in touch to arrange it."},
		},
		{
			name: "a tier renamed",
			change: func(t testing.TB, app core.App) {
				tier, err := app.FindFirstRecordByData("tiers", "name", "First introduction")
				if err != nil {
					t.Fatal(err)
				}
				tier.Set("name", "Opening move")
				if err := app.Save(tier); err != nil {
					t.Fatal(err)
				}
			},
			shows:       []string{"for becoming a Opening move"},
			showsNoMore: []string{"for becoming a First introduction"},
		},
		{
			name: "the referrer's wall consent withdrawn",
			change: func(t testing.TB, app core.App) {
				ana := webtest.MustAna(t, app)
				ana.Set("wall_opt_in", false)
				if err := app.Save(ana); err != nil {
					t.Fatal(err)
				}
			},
			shows:       []string{"You are not on our"},
			showsNoMore: []string{"You are number 1 on our"},
		},
		{
			name: "another referrer passing them on the wall",
			change: func(t testing.TB, app core.App) {
				olu, err := app.FindFirstRecordByData("customers", "email", "olu@tailspin.example")
				if err != nil {
					t.Fatal(err)
				}
				olu.Set("wall_opt_in", true)
				if err := app.Save(olu); err != nil {
					t.Fatal(err)
				}
			},
			shows:       []string{"You are number 2 on our"},
			showsNoMore: []string{"You are number 1 on our"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := withRecord(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app)
			pages := map[string]func() string{
				"landing page": func() string { _, page := get(t, srv.URL+"/r/"+webtest.AskToken); return page },
				"share page": func() string {
					_, page := getWith(t, srv.URL+"/s/"+webtest.ShareCode, withCookie(anasOldToken))
					return page
				},
			}
			for where, view := range pages {
				if page := view(); !strings.Contains(page, "Your introductions, Ana") {
					t.Fatalf("the %s's first view shows no record:\n%s", where, page)
				}
			}
			c.change(t, app)
			for where, view := range pages {
				page := view()
				for _, want := range c.shows {
					if !strings.Contains(page, want) {
						t.Errorf("the %s's next view lacks %q", where, want)
					}
				}
				for _, stale := range c.showsNoMore {
					if strings.Contains(page, stale) {
						t.Errorf("the %s's next view still shows %q", where, stale)
					}
				}
			}
		})
	}
}

// jo is the referral of Jo Bloggs in the record fixture.
func jo(t testing.TB, app core.App) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByData("referrals", "referee_email", "jo@fabrikam.example")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// setStatus saves a record with a new status, through the hooks.
func setStatus(t testing.TB, app core.App, collection string, r *core.Record, status string) {
	t.Helper()
	r.Set("status", status)
	if err := app.Save(r); err != nil {
		t.Fatalf("%s %s to %s: %v", collection, r.Id, status, err)
	}
}

// A share link's customer is kept by code (customers.SharerByCodeKept) and
// the page a stranger sees kept rendered. Each change below is made after a
// stranger's first view; the next view must show it.
func TestAStrangersNextViewOfAShareLinkShowsEveryChangeToItsReferrer(t *testing.T) {
	cases := []struct {
		name        string
		change      func(testing.TB, core.App)
		status      int
		showsNoMore []string
	}{
		{
			name: "the referrer renamed and moved company",
			change: func(t testing.TB, app core.App) {
				ana := webtest.MustAna(t, app)
				ana.Set("name", "Ana Souza")
				ana.Set("company", "Contoso")
				if err := app.Save(ana); err != nil {
					t.Fatal(err)
				}
			},
			status: http.StatusOK, showsNoMore: []string{"Ana Lima", "Northwind"},
		},
		{
			name:   "the referrer opted out",
			change: optOut,
			status: http.StatusGone, showsNoMore: []string{"Ana Lima", "Northwind", `name="email"`},
		},
		{
			name: "the referrer erased for privacy",
			change: func(t testing.TB, app core.App) {
				if _, err := privacy.Erase(app, webtest.MustAna(t, app).Email()); err != nil {
					t.Fatal(err)
				}
			},
			status: http.StatusNotFound, showsNoMore: []string{"Ana Lima", "Northwind", `name="email"`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := withRecord(t)
			defer app.Cleanup()
			srv := webtest.Server(t, app)
			url := srv.URL + "/s/" + webtest.ShareCode
			if _, page := get(t, url); !strings.Contains(page, "Ana Lima from Northwind thinks you should meet") {
				t.Fatalf("the first view shows no referrer:\n%s", page)
			}
			c.change(t, app)
			status, page := get(t, url)
			if status != c.status {
				t.Errorf("the next view answers %d, want %d", status, c.status)
			}
			for _, stale := range c.showsNoMore {
				if strings.Contains(page, stale) {
					t.Errorf("the next view still shows %q", stale)
				}
			}
		})
	}
}
