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
		p.CompanyName, p.SenderName = s.CompanyName, s.SenderName
		if inc, err := referrals.CurrentIncentive(app, s); err == nil && inc != nil {
			p.IncentiveName, p.IncentiveDescription = inc.GetString("name"), inc.GetString("description")
		}
	}
	return spec.Samples(program.BaseURL(app), p)
}
