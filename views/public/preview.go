package public

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// Previews: the public pages as their readers see them, filled with
// made-up people, for a signed-in administrator (the dashboard links here).
// They read no customer or referral and write nothing; their forms are
// shown as they are but cannot be sent. With ?test= they are the steps of a
// test walk-through instead (preview_walk.go), whose forms send the
// administrator the next email.

// previewSample is the banner over a page filled with made-up people.
const previewSample = "This is the page as people see it, filled with made-up names and your program's copy. Its forms send nothing."

// sampleCode stands for a token or code in a preview's links.
const sampleCode = "sample-code"

// previews are the pages that can be previewed, by the name in /preview/{page}.
var previews = map[string]func(e *core.RequestEvent, sample map[string]string) error{
	"landing": previewLandingPage,
	"referee": func(e *core.RequestEvent, sample map[string]string) error {
		return previewRefereePage(e, sample, referrals.Visited)
	},
	"booking": func(e *core.RequestEvent, sample map[string]string) error {
		return previewRefereePage(e, sample, referrals.Booked)
	},
	"share":       previewSharePage,
	"thanks":      previewWallPage,
	"unsubscribe": previewUnsubscribePage,
}

// preview shows one public page with sample data to a signed-in
// administrator, or a step of their test walk-through; anyone else, or an
// unknown page, gets the 404 page.
func preview(e *core.RequestEvent) error {
	name := e.Request.PathValue("page")
	show, ok := previews[name]
	if !ok || !site.IsAdmin(e) {
		return site.NotFound(e)
	}
	if e.Request.URL.Query().Has("test") {
		return walkView(e, name)
	}
	return show(e, previewSamples(e.App))
}

// previewSamples are the made-up people and values every preview shows.
func previewSamples(app core.App) map[string]string {
	spec, _ := pages.SpecFor("referee")
	return spec.Samples(program.BaseURL(app), pages.SampleProgram{})
}

// previewLayout is the layout of a preview: the public one, with a banner.
func previewLayout(app core.App, banner string) site.Layout {
	l := site.LayoutFor(app)
	l.PreviewBanner = banner
	return l
}

// previewLandingPage is the referrer's landing page for a made-up referrer.
func previewLandingPage(e *core.RequestEvent, sample map[string]string) error {
	page, err := sampleLanding(e.App, sample, previewSample)
	if err != nil {
		return err
	}
	page.Panel.Sample = true
	if page.Own, err = sampleRecord(e.App, sample, "#refer"); err != nil {
		return err
	}
	return render(e, http.StatusOK, "landing", page)
}

// sampleRecord is the made-up referrer's own record: three introductions at
// different stages and a reward, with the progress to the program's real
// next tiers.
func sampleRecord(app core.App, sample map[string]string, introduce string) (ownRecord, error) {
	day := func(daysAgo int) time.Time {
		return rewards.Day(types.NowDateTime().AddDate(0, 0, -daysAgo).String())
	}
	rec := referrals.ReferrerRecord{
		Introductions: []referrals.Made{
			{Name: "Lee Chen", Company: "Initech", Stage: referrals.StageInvited, Introduced: day(2)},
			{Name: sample["referee_name"], Company: sample["referee_company"], Stage: referrals.StageBooked,
				Introduced: day(12), Reached: day(9)},
			{Name: "Noor Haddad", Company: "Umbrella", Stage: referrals.StageWon, Introduced: day(60), Reached: day(21)},
		},
		Counted: 3, Won: 1,
	}
	var err error
	if rec.Standing, err = rewards.StandingOf(app, "", rec.Counted, rec.Won, false); err != nil {
		return ownRecord{}, err
	}
	rec.Rewards = []rewards.Reward{{Incentive: sample["incentive_name"], Tier: sample["tier_name"], Status: rewards.Approved, Day: day(12)}}
	rec.WallPlace = 4
	return ownRecord{FirstName: sample["referrer_first_name"], Introduce: introduce, OnWall: true,
		Beside: introduce == "#refer", ReferrerRecord: rec}, nil
}

// sampleLanding fills the landing page for the made-up referrer, under a banner.
func sampleLanding(app core.App, sample map[string]string, banner string) (landingPage, error) {
	who := referrer{Name: sample["referrer_name"], Company: sample["referrer_company"], Code: sampleCode}
	page, err := freshLanding(app, sampleCode, referrals.Visit{}, who)
	page.Layout = previewLayout(app, banner)
	return page, err
}

// previewRefereePage is a made-up referee's page, before booking (visited)
// or after (booked).
func previewRefereePage(e *core.RequestEvent, sample map[string]string, status string) error {
	page, err := sampleReferee(e.App, sampleRefereeData(sample, status), previewSample)
	if err != nil {
		return err
	}
	page.Panel.Sample = true
	return render(e, http.StatusOK, "referee", page)
}

// sampleRefereeData is the made-up referral of the referee's page.
func sampleRefereeData(sample map[string]string, status string) refereeData {
	return refereeData{
		Code: sampleCode, Status: status,
		RefereeName: sample["referee_name"], RefereeEmail: sample["referee_email"], RefereeCompany: sample["referee_company"],
		PreferredTimes: sample["preferred_times"], Message: sample["message"],
		ReferrerName: sample["referrer_name"], ReferrerCompany: sample["referrer_company"],
	}
}

// sampleReferee fills the referee's page for a made-up referral, under a
// banner. A booked one says a confirmation went out when a real booking
// would have sent one.
func sampleReferee(app core.App, d refereeData, banner string) (refereePage, error) {
	s, err := program.Load(app)
	if err != nil {
		return refereePage{}, err
	}
	d.Emailed = d.Status == referrals.Booked && s.SalesInbox != ""
	page, err := refereePageFor(app, d)
	page.Layout = previewLayout(app, banner)
	return page, err
}

// previewSharePage is a made-up referrer's share link.
func previewSharePage(e *core.RequestEvent, sample map[string]string) error {
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	own, err := sampleRecord(e.App, sample, "/preview/landing#refer")
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "share", sharePage{
		Layout: previewLayout(e.App, previewShare), Code: sampleCode, Sample: true,
		ReferrerName: sample["referrer_name"], ReferrerCompany: sample["referrer_company"],
		CompanyName: s.CompanyName, SenderAddress: s.SenderAddress, Own: own,
	})
}

// previewShare is the banner over the share link's preview, which shows
// the part its referrer alone sees too.
const previewShare = "This is the share link as its referrer sees it, filled with made-up names and your program's copy; " +
	"the people they share it with see it without the introductions at the top. Its forms send nothing."

// previewWallPage is the Wall of Thanks with made-up referrers.
func previewWallPage(e *core.RequestEvent, sample map[string]string) error {
	return render(e, http.StatusOK, "thanks", wallPage{Layout: previewLayout(e.App, previewSample), Entries: []rewards.WallEntry{
		{Name: sample["referrer_name"], Company: sample["referrer_company"], Tier: sample["tier_name"], Referrals: 3, Wins: 1},
		{Name: "Priya Natarajan", Company: "Contoso", Tier: "First introduction", Referrals: 1},
		{Name: "Tomás Ruiz", Company: "Fabrikam", Referrals: 2},
	}})
}

// previewUnsubscribePage is the page an ask's unsubscribe link opens, for
// the made-up referrer; its button unsubscribes no one.
func previewUnsubscribePage(e *core.RequestEvent, sample map[string]string) error {
	return render(e, http.StatusOK, "unsubscribe", sampleUnsubscribe(e.App, sample, previewSample))
}

// sampleUnsubscribe fills the unsubscribe page for the made-up referrer,
// under a banner, with its button off.
func sampleUnsubscribe(app core.App, sample map[string]string, banner string) unsubscribePage {
	return unsubscribePage{Layout: previewLayout(app, banner), Token: sampleCode,
		FirstName: sample["referrer_first_name"], Sample: true}
}
