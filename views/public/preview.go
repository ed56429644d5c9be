package public

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
	"warmloop/internal/rewards"
	"warmloop/views/site"
)

// Previews: the public pages as their readers see them, filled with
// made-up people, for a signed-in administrator (the dashboard links here).
// They read no customer or referral and write nothing; their forms are
// shown as they are but cannot be sent.

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
	"share":  previewSharePage,
	"thanks": previewWallPage,
}

// preview shows one public page with sample data to a signed-in
// administrator; anyone else, or an unknown page, gets the 404 page.
func preview(e *core.RequestEvent) error {
	show, ok := previews[e.Request.PathValue("page")]
	if !ok || !site.IsAdmin(e) {
		return site.NotFound(e)
	}
	spec, _ := pages.SpecFor("referee")
	return show(e, spec.Samples(program.BaseURL(e.App), pages.SampleProgram{}))
}

// previewLayout is the layout of a preview: the public one, with the banner.
func previewLayout(app core.App) site.Layout {
	l := site.LayoutFor(app)
	l.Preview = previewSample
	return l
}

// previewLandingPage is the referrer's landing page for a made-up referrer.
func previewLandingPage(e *core.RequestEvent, sample map[string]string) error {
	who := referrer{Name: sample["referrer_name"], Company: sample["referrer_company"], Code: sampleCode}
	page, err := freshLanding(e.App, sampleCode, referrals.Visit{}, who)
	if err != nil {
		return err
	}
	page.Layout = previewLayout(e.App)
	page.Panel.Sample = true
	return render(e, http.StatusOK, "landing", page)
}

// previewRefereePage is a made-up referee's page, before booking (visited)
// or after (booked).
func previewRefereePage(e *core.RequestEvent, sample map[string]string, status string) error {
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	page, err := refereePageFor(e.App, refereeData{
		Code: sampleCode, Status: status,
		RefereeName: sample["referee_name"], RefereeEmail: sample["referee_email"], RefereeCompany: sample["referee_company"],
		PreferredTimes: sample["preferred_times"], Message: sample["message"],
		ReferrerName: sample["referrer_name"], ReferrerCompany: sample["referrer_company"],
		Emailed: status == referrals.Booked && s.SalesInbox != "", // as a real booking would be
	})
	if err != nil {
		return err
	}
	page.Layout = previewLayout(e.App)
	page.Panel.Sample = true
	return render(e, http.StatusOK, "referee", page)
}

// previewSharePage is a made-up referrer's share link.
func previewSharePage(e *core.RequestEvent, sample map[string]string) error {
	s, err := program.Load(e.App)
	if err != nil {
		return err
	}
	return render(e, http.StatusOK, "share", sharePage{
		Layout: previewLayout(e.App), Code: sampleCode, Sample: true,
		ReferrerName: sample["referrer_name"], ReferrerCompany: sample["referrer_company"],
		CompanyName: s.CompanyName, SenderAddress: s.SenderAddress,
	})
}

// previewWallPage is the Wall of Thanks with made-up referrers.
func previewWallPage(e *core.RequestEvent, sample map[string]string) error {
	return render(e, http.StatusOK, "thanks", wallPage{Layout: previewLayout(e.App), Entries: []rewards.WallEntry{
		{Name: sample["referrer_name"], Company: sample["referrer_company"], Tier: sample["tier_name"], Referrals: 3, Wins: 1},
		{Name: "Priya Natarajan", Company: "Contoso", Tier: "First introduction", Referrals: 1},
		{Name: "Tomás Ruiz", Company: "Fabrikam", Referrals: 2},
	}})
}
