package dashboard

import (
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
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

// kindName names the kind of page for the reader (dash.pages.kind.<kind>).
func (s pageSpec) kindName(sp locale.Speaker) string {
	switch s.Kind {
	case pages.KindEmail, pages.KindText:
		return sp.T("dash.pages.kind." + s.Kind)
	}
	return sp.T("dash.pages.kind.web")
}

// purpose says what the page is for, in the reader's language
// (dash.pages.purpose.<slug>); a page Warmloop does not use says so.
func (s pageSpec) purpose(sp locale.Speaker, checked bool) string {
	if !checked {
		return sp.T("dash.pages.purpose.unknown")
	}
	return sp.T("dash.pages.purpose." + s.Slug)
}

// titleHint says what the title is for when it is not obvious
// (dash.pages.title_hint.<slug>); "" for most pages.
func (s pageSpec) titleHint(sp locale.Speaker) string {
	if s.TitleHint == "" {
		return ""
	}
	return sp.T("dash.pages.title_hint." + s.Slug)
}

// varWhat says what a variable holds, in the reader's language
// (dash.pages.var.<about or name>).
func varWhat(sp locale.Speaker, v pages.Var) string {
	if v.About != "" {
		return sp.T("dash.pages.var." + v.About)
	}
	return sp.T("dash.pages.var." + v.Name)
}

// publicPreview is a public page a signed-in administrator can open whole.
type publicPreview struct {
	Key, URL, Slug string
}

// publicPreviews are the public pages a signed-in administrator can open
// whole, filled with made-up people (views/public serves them), each named
// dash.pages.public.<key>, and the page each one's copy comes from ("" when
// its words are not a page).
var publicPreviews = []publicPreview{
	{"landing", "/preview/landing", "landing"},
	{"referee", "/preview/referee", "referee"},
	{"booking", "/preview/booking", "booking_confirmation"},
	{"share", "/preview/share", ""},
	{"thanks", "/preview/thanks", ""},
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

// titleWord names what the title field holds inside a sentence, in the
// reader's language (dash.pages.title_word.<kind>): "subject", "heading".
func (s pageSpec) titleWord(sp locale.Speaker) string {
	switch s.Kind {
	case pages.KindEmail, pages.KindText:
		return sp.T("dash.pages.title_word." + s.Kind)
	}
	return sp.T("dash.pages.title_word.web")
}

// titleLabel is what the title field holds for this kind of page, in the
// reader's language (dash.pages.title_label.<kind>).
func (s pageSpec) titleLabel(sp locale.Speaker) string {
	switch s.Kind {
	case pages.KindEmail, pages.KindText:
		return sp.T("dash.pages.title_label." + s.Kind)
	}
	return sp.T("dash.pages.title_label.web")
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
