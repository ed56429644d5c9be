package dashboard

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/internal/program"
	"warmloop/internal/referrals"
)

// pageSpec is a page of the catalog (internal/pages) as the editor names it.
type pageSpec struct {
	pages.Spec
}

// pageSpecFor is what Warmloop knows of a page; checked is false for a page
// it does not use, whose variables are not checked.
func pageSpecFor(slug string) (spec pageSpec, checked bool) {
	s, checked := pages.SpecFor(slug)
	return pageSpec{s}, checked
}

// KindLabel names the kind of page for a person.
func (s pageSpec) KindLabel() string {
	switch s.Kind {
	case pages.KindEmail:
		return "Email"
	case pages.KindText:
		return "Pre-written text"
	}
	return "Web page"
}

// publicPreviews are the public pages a signed-in administrator can open
// whole, filled with made-up people (views/public serves them), and the
// page each one's copy comes from ("" when its words are not a page).
var publicPreviews = []struct{ Title, URL, Slug string }{
	{"The referrer's landing page", "/preview/landing", "landing"},
	{"The referee's page", "/preview/referee", "referee"},
	{"The referee's page after booking", "/preview/booking", "booking_confirmation"},
	{"The share link's page", "/preview/share", ""},
	{"The Wall of Thanks", "/preview/thanks", ""},
}

// FullPreview is where the saved page can be seen whole, as its readers
// see it, with sample data; "" for a page shown only inside another.
func (s pageSpec) FullPreview() string {
	for _, p := range publicPreviews {
		if p.Slug == s.Slug {
			return p.URL
		}
	}
	return ""
}

// TitleLabel is what the title field holds for this kind of page.
func (s pageSpec) TitleLabel() string {
	switch s.Kind {
	case pages.KindEmail:
		return "Subject"
	case pages.KindText:
		return "Title"
	}
	return "Heading"
}

// pageSamplesFor are the values the preview of a page fills in: the
// program's own names and offer where Warmloop has them, made-up people
// otherwise.
func pageSamplesFor(app core.App, spec pageSpec) map[string]string {
	var p pages.SampleProgram
	if s, err := program.Load(app); err == nil {
		p.CompanyName, p.SenderName, p.WhatWeDo = s.CompanyName, s.SenderName, s.WhatWeDo
		if inc, err := referrals.CurrentIncentive(app, s); err == nil && inc != nil {
			p.IncentiveName, p.IncentiveDescription = inc.GetString("name"), inc.GetString("description")
		}
	}
	return spec.Samples(program.BaseURL(app), p)
}
