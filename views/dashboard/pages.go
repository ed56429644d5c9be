package dashboard

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/asks"
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
	title, body, ok := pages.ShippedIn(rec.GetString("slug"), rec.GetString("locale"))
	if !ok {
		return adminError(e, http.StatusConflict, "No default to restore", "Warmloop did not ship this page, so there is nothing to put back.")
	}
	rec.Set("title", title)
	rec.Set("body", body)
	if err := e.App.Save(rec); err != nil {
		e.App.Logger().Error("restoring a page failed", "page", rec.Id, "error", err)
		return adminError(e, http.StatusInternalServerError, "The page could not be restored", "Please try again in a moment.")
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
	Previews []struct{ Title, URL, Slug string } // the public pages to open whole, with sample data
}

// listPages shows every page with what it is for and when it last changed.
func listPages(e *core.RequestEvent) error {
	recs, err := pages.List(e.App)
	if err != nil {
		return adminError(e, http.StatusInternalServerError, "The pages could not be read", "Please reload the page in a moment.")
	}
	groups := []pageGroup{
		{Title: "Pages people open", Intro: "What your customers and the people they introduce see in their browser."},
		{Title: "Emails", Intro: "What Warmloop sends. The title is the subject line."},
	}
	for _, r := range pagesBySlug(recs) {
		spec, _ := pageSpecFor(r.GetString("slug"))
		row := pageRow{Slug: spec.Slug, Title: r.GetString("title"), Purpose: spec.Purpose, Kind: spec.KindLabel(), Updated: r.GetDateTime("updated")}
		row.Locales, row.Missing = pageLocaleLinks(recs, spec.Slug, "")
		i := 0
		if spec.Kind == pages.KindEmail {
			i = 1
		}
		groups[i].Rows = append(groups[i].Rows, row)
	}
	return render(e, http.StatusOK, "admin/pages", pagesScreen{adminPage: newAdminPage(e, "pages"), Groups: groups, Total: len(pagesBySlug(recs)),
		Previews: publicPreviews})
}

// pageVarRow is one variable beside the editor.
type pageVarRow struct {
	Code, What, Sample string
}

// pageEditor is the editor of one page: its fields, the variables it takes
// and the preview with sample values.
type pageEditor struct {
	adminPage
	Spec      pageSpec
	Checked   bool // Warmloop knows this page's variables
	Vars      []pageVarRow
	TitleVars string // the variables the title may use, as {{name}}s
	Body      string // the markdown, exactly as typed
	Form      form.Form
	Preview   pagePreview
	Updated   types.DateTime
	Variants  int // active message variants, which the ask email uses before this page
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
	ed := pageEditor{
		adminPage: newAdminPage(e, "pages"), Spec: spec, Checked: checked,
		TitleVars: pages.Braced(spec.TitleVars), Body: body, Form: f, Updated: rec.GetDateTime("updated"),
		Preview: previewPage(e.App, spec, checked, rec.GetString("locale"), f.Get("title"), body),
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
		ed.Vars = append(ed.Vars, pageVarRow{Code: "{{" + v.Name + "}}", What: v.What, Sample: sample})
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
		previewPage(e.App, spec, checked, rec.GetString("locale"), f.Get("title"), typedPageBody(f)))
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
	checkPage(f, spec, checked, body)
	if f.Valid() {
		rec.Set("title", f.Get("title"))
		rec.Set("body", body)
		err := e.App.Save(rec)
		if err == nil {
			return redirectNotice(e, pageURL(rec.GetString("slug"), rec.GetString("locale")), "saved")
		}
		failPageSave(f, err)
	}
	return render(e, http.StatusUnprocessableEntity, "admin/pages_edit", newPageEditor(e, rec, f, body))
}

// typedPageBody is the markdown as typed, with the browser's CRLF line ends
// made plain newlines.
func typedPageBody(f form.Form) string {
	return strings.ReplaceAll(f.Values.Get("body"), "\r\n", "\n")
}

// checkPage records what is wrong with a page before it is saved: nothing
// empty, and only the variables the page is filled with.
func checkPage(f form.Form, spec pageSpec, checked bool, body string) {
	if f.Get("title") == "" {
		f.Fail("title", "Write the "+strings.ToLower(spec.TitleLabel())+": it cannot be empty.")
	}
	if strings.TrimSpace(body) == "" {
		f.Fail("body", "Write the text of the page: it cannot be empty.")
	}
	if !checked {
		return
	}
	if unknown := pages.UnknownVars(f.Get("title"), spec.TitleVars); len(unknown) > 0 {
		known := "It can use " + pages.Braced(spec.TitleVars) + "."
		if len(spec.TitleVars) == 0 {
			known = "It takes no variables."
		}
		f.Fail("title", "The "+strings.ToLower(spec.TitleLabel())+" does not know "+strings.Join(unknown, ", ")+". "+known)
	}
	if unknown := pages.UnknownVars(body, spec.Names()); len(unknown) > 0 {
		f.Fail("body", "This page does not know "+strings.Join(unknown, ", ")+
			". Check the spelling: it can use "+pages.Braced(spec.Names())+".")
	}
}

// failPageSave puts the errors a save reports beside the title and the body.
func failPageSave(f form.Form, err error) {
	if !f.FailFromSave(err, []string{"title", "body"}, "body") {
		f.Fail("body", "The page could not be saved: "+err.Error())
	}
}
