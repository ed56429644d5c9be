package dashboard

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
	"warmloop/internal/locale"
	"warmloop/internal/pages"
	"warmloop/views/form"
)

// restorePage puts back the title and markdown the page shipped with, in
// the page's own language.
func restorePage(e *core.RequestEvent) error {
	rec, err := findPage(e)
	if err != nil {
		return adminNotFound(e)
	}
	sp := adminSpeaker(e)
	title, body, ok := pages.ShippedIn(rec.GetString("slug"), rec.GetString("locale"))
	if !ok {
		return adminError(e, http.StatusConflict, sp.T("dash.pages.err.no_default"), sp.T("dash.pages.err.no_default_help"))
	}
	rec.Set("title", title)
	rec.Set("body", body)
	if err := e.App.Save(rec); err != nil {
		e.App.Logger().Error("restoring a page failed", "page", rec.Id, "error", err)
		return adminError(e, http.StatusInternalServerError, sp.T("dash.pages.err.not_restored"), sp.T("dash.pages.err.try_again"))
	}
	return redirectNotice(e, pageURL(rec.GetString("slug"), rec.GetString("locale")), "restored")
}

// pageRow is one page in the list, with the locales it is written in.
type pageRow struct {
	Slug, Title, Purpose, Kind string
	Updated                    types.DateTime
	Locales                    []pageLocaleLink
	Missing                    int // how many shipped locales lack it
}

// pageGroup is a titled part of the list: the pages people open, the emails.
type pageGroup struct {
	Title, Intro string
	Rows         []pageRow
}

// pagesScreen is the list of every page.
type pagesScreen struct {
	adminPage
	Groups   []pageGroup
	Total    int
	Previews []pagePreviewLink // the public pages to open whole, with sample data
}

// pagePreviewLink is a public page to open whole, named for the reader.
type pagePreviewLink struct{ Title, URL string }

// listPages shows every page with what it is for and when it last changed.
func listPages(e *core.RequestEvent) error {
	page := newAdminPage(e, "pages")
	sp := page.Speaker
	recs, err := pages.List(e.App)
	if err != nil {
		return adminError(e, http.StatusInternalServerError, sp.T("dash.pages.err.unreadable"), sp.T("dash.pages.err.reload"))
	}
	groups := []pageGroup{
		{Title: sp.T("dash.pages.group.web"), Intro: sp.T("dash.pages.group.web_intro")},
		{Title: sp.T("dash.pages.group.email"), Intro: sp.T("dash.pages.group.email_intro")},
	}
	for _, r := range pagesBySlug(recs) {
		spec, checked := pageSpecFor(r.GetString("slug"))
		row := pageRow{Slug: spec.Slug, Title: r.GetString("title"), Purpose: spec.purpose(sp, checked), Kind: spec.kindName(sp), Updated: r.GetDateTime("updated")}
		row.Locales, row.Missing = pageLocaleLinks(sp, recs, spec.Slug, "")
		i := 0
		if spec.Kind == pages.KindEmail {
			i = 1
		}
		groups[i].Rows = append(groups[i].Rows, row)
	}
	previews := make([]pagePreviewLink, len(publicPreviews))
	for i, p := range publicPreviews {
		previews[i] = pagePreviewLink{Title: sp.T("dash.pages.public." + p.Key), URL: p.URL}
	}
	return render(e, http.StatusOK, "admin/pages", pagesScreen{adminPage: page, Groups: groups, Total: len(pagesBySlug(recs)), Previews: previews})
}

// pageVarRow is one variable beside the editor.
type pageVarRow struct {
	Code, What, Sample string
}

// pageEditor is the editor of one page: its fields, the variables it takes
// and the preview with sample values.
type pageEditor struct {
	adminPage
	Spec pageSpec
	// KindName, Purpose, TitleLabel and TitleHint say what the page is and
	// what its title holds, in the reader's language.
	KindName, Purpose, TitleLabel, TitleHint string
	Checked                                  bool // Warmloop knows this page's variables
	Vars                                     []pageVarRow
	TitleVars                                string // the variables the title may use, as {{name}}s
	Body                                     string // the markdown, exactly as typed
	Form                                     form.Form
	Preview                                  pagePreview
	Updated                                  types.DateTime
	Variants                                 int // active message variants, which the ask email uses before this page
	// Locale is the language being written; Missing is true while the page
	// has no text in it yet (the form starts from the English text).
	Locale, LocaleName string
	Missing            bool
	// English is the English page, shown beside one in another language.
	English *pageEnglish
	Locales []pageLocaleLink
	Action  string // where the form posts, the locale included
}

// findPage reads the page the URL names, in the locale it asks for
// (?locale=, English by default).
func findPage(e *core.RequestEvent) (*core.Record, error) {
	loc, err := pageLocale(e)
	if err != nil {
		return nil, err
	}
	return pages.FindIn(e.App, e.Request.PathValue("slug"), loc)
}

// newPageEditor fills the editor for a page with what is in the form.
func newPageEditor(e *core.RequestEvent, rec *core.Record, f form.Form, body string) pageEditor {
	spec, checked := pageSpecFor(rec.GetString("slug"))
	samples := pageSamplesFor(e.App, spec)
	page := newAdminPage(e, "pages")
	sp := page.Speaker
	ed := pageEditor{
		adminPage: page, Spec: spec, Checked: checked,
		KindName: spec.kindName(sp), Purpose: spec.purpose(sp, checked), TitleLabel: spec.titleLabel(sp), TitleHint: spec.titleHint(sp),
		TitleVars: pages.Braced(spec.TitleVars), Body: body, Form: f, Updated: rec.GetDateTime("updated"),
		Preview: previewPage(e.App, sp, spec, checked, rec.GetString("locale"), f.Get("title"), body),
	}
	fillPageLocale(e.App, &ed, rec)
	if spec.Slug == "ask_email" {
		ed.Variants, _ = asks.CountDrawableVariants(e.App)
	}
	for _, v := range spec.Vars {
		sample := samples[v.Name]
		if len(sample) > 80 || strings.Contains(sample, "\n") {
			sample = ""
		}
		ed.Vars = append(ed.Vars, pageVarRow{Code: "{{" + v.Name + "}}", What: varWhat(sp, v), Sample: sample})
	}
	return ed
}

// editPage shows the editor with the page as it is saved.
func editPage(e *core.RequestEvent) error {
	rec, err := findOrStartPage(e)
	if err != nil {
		return adminNotFound(e)
	}
	f := form.Form{Values: url.Values{"title": {rec.GetString("title")}}, Errors: map[string]string{}}
	return render(e, http.StatusOK, "admin/pages_edit", newPageEditor(e, rec, f, rec.GetString("body")))
}

// previewPageFragment renders what is in the editor, without saving it.
func previewPageFragment(e *core.RequestEvent) error {
	rec, err := findOrStartPage(e)
	if err != nil {
		return adminNotFound(e)
	}
	spec, checked := pageSpecFor(rec.GetString("slug"))
	f := form.New(e)
	return renderPartial(e, http.StatusOK, "admin/pages_edit", "preview",
		previewPage(e.App, adminSpeaker(e), spec, checked, rec.GetString("locale"), f.Get("title"), typedPageBody(f)))
}

// savePage checks and saves the page; saving through the app lets the
// hooks drop the rendered copies, so readers see the new text at once.
func savePage(e *core.RequestEvent) error {
	rec, err := findOrStartPage(e)
	if err != nil {
		return adminNotFound(e)
	}
	f := form.New(e)
	body := typedPageBody(f)
	spec, checked := pageSpecFor(rec.GetString("slug"))
	sp := adminSpeaker(e)
	checkPage(sp, f, spec, checked, body)
	if f.Valid() {
		rec.Set("title", f.Get("title"))
		rec.Set("body", body)
		err := e.App.Save(rec)
		if err == nil {
			return redirectNotice(e, pageURL(rec.GetString("slug"), rec.GetString("locale")), "saved")
		}
		failPageSave(sp, f, err)
	}
	return render(e, http.StatusUnprocessableEntity, "admin/pages_edit", newPageEditor(e, rec, f, body))
}

// typedPageBody is the markdown as typed, with the browser's CRLF line ends
// made plain newlines.
func typedPageBody(f form.Form) string {
	return strings.ReplaceAll(f.Values.Get("body"), "\r\n", "\n")
}

// checkPage records what is wrong with a page before it is saved, in the
// reader's language: nothing empty, and only the variables the page is
// filled with.
func checkPage(sp locale.Speaker, f form.Form, spec pageSpec, checked bool, body string) {
	label := spec.titleWord(sp)
	if f.Get("title") == "" {
		f.Fail("title", sp.T("dash.pages.err.title_empty", "Label", label))
	}
	if strings.TrimSpace(body) == "" {
		f.Fail("body", sp.T("dash.pages.err.body_empty"))
	}
	if !checked {
		return
	}
	if unknown := pages.UnknownVars(f.Get("title"), spec.TitleVars); len(unknown) > 0 {
		known := sp.T("dash.pages.title_vars", "Vars", pages.Braced(spec.TitleVars))
		if len(spec.TitleVars) == 0 {
			known = sp.T("dash.pages.title_no_vars")
		}
		f.Fail("title", sp.T("dash.pages.err.title_unknown", "Label", label, "Unknown", strings.Join(unknown, ", "), "Known", known))
	}
	if unknown := pages.UnknownVars(body, spec.Names()); len(unknown) > 0 {
		f.Fail("body", sp.T("dash.pages.err.body_unknown", "Unknown", strings.Join(unknown, ", "), "Known", pages.Braced(spec.Names())))
	}
}

// failPageSave puts the errors a save reports beside the title and the body.
func failPageSave(sp locale.Speaker, f form.Form, err error) {
	if !f.FailFromSave(err, []string{"title", "body"}, "body") {
		f.Fail("body", sp.T("dash.pages.err.not_saved", "Detail", err.Error()))
	}
}
