package dashboard

import (
	"database/sql"
	"errors"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/locale"
	"warmloop/internal/pages"
)

// pageLocaleLink is one shipped locale of a page: a link to write it, and
// whether the page has text in it yet.
type pageLocaleLink struct {
	Locale, Name, URL string
	Missing, Current  bool
}

// pageEnglish is the English text shown beside a page being written in
// another language.
type pageEnglish struct{ Title, Body string }

// pageLocale is the locale the editor's URL asks for: ?locale=, English by
// default; a locale Warmloop does not ship is an error (the page is not found).
func pageLocale(e *core.RequestEvent) (string, error) {
	return locale.Written(e.Request.URL.Query().Get("locale"))
}

// pageURL is the editor of a page in a locale; English needs no query.
func pageURL(slug, loc string) string {
	u := "/dashboard/pages/" + url.PathEscape(slug)
	if loc != "" && loc != locale.English {
		u += "?locale=" + url.QueryEscape(loc)
	}
	return u
}

// findOrStartPage is the page the URL names in its locale or, when the page
// has no text in that locale yet, a new one started from the English text,
// not saved. A slug with no English page is not found.
func findOrStartPage(e *core.RequestEvent) (*core.Record, error) {
	loc, err := pageLocale(e)
	if err != nil {
		return nil, err
	}
	slug := e.Request.PathValue("slug")
	rec, err := pages.FindIn(e.App, slug, loc)
	if err == nil || !errors.Is(err, sql.ErrNoRows) || loc == locale.English {
		return rec, err
	}
	english, err := pages.FindBySlug(e.App, slug)
	if err != nil {
		return nil, err
	}
	started := core.NewRecord(english.Collection())
	started.Set("slug", slug)
	started.Set("locale", loc)
	started.Set("title", english.GetString("title"))
	started.Set("body", english.GetString("body"))
	return started, nil
}

// fillPageLocale tells the editor which locale it writes, what the page
// has and lacks, and, for another language than English, the English text.
func fillPageLocale(app core.App, ed *pageEditor, rec *core.Record) {
	loc := rec.GetString("locale")
	if loc == "" {
		loc = locale.English
	}
	ed.Locale, ed.LocaleName, ed.Missing = loc, languageName(ed.Speaker, loc), rec.IsNew()
	ed.Action = pageURL(ed.Spec.Slug, loc)
	if recs, err := pages.List(app); err == nil {
		ed.Locales, _ = pageLocaleLinks(ed.Speaker, recs, ed.Spec.Slug, loc)
	}
	if loc != locale.English {
		if english, err := pages.FindBySlug(app, ed.Spec.Slug); err == nil {
			ed.English = &pageEnglish{Title: english.GetString("title"), Body: english.GetString("body")}
		}
	}
}

// pageLocaleLinks lists the shipped locales of the page slug among recs,
// each named in the reader's language, marking those it lacks and the one
// being written (current), and counts the missing ones.
func pageLocaleLinks(sp locale.Speaker, recs []*core.Record, slug, current string) ([]pageLocaleLink, int) {
	has := map[string]bool{}
	for _, r := range recs {
		if r.GetString("slug") == slug {
			loc := r.GetString("locale")
			if loc == "" {
				loc = locale.English
			}
			has[loc] = true
		}
	}
	links := make([]pageLocaleLink, len(locale.Shipped))
	missing := 0
	for i, loc := range locale.Shipped {
		links[i] = pageLocaleLink{Locale: loc, Name: languageName(sp, loc), URL: pageURL(slug, loc), Missing: !has[loc], Current: loc == current}
		if !has[loc] {
			missing++
		}
	}
	return links, missing
}

// pagesBySlug keeps one page per slug for the list, the English one (or
// the first in any locale when a slug has no English page), in the
// catalog's order.
func pagesBySlug(recs []*core.Record) []*core.Record {
	seen := map[string]int{}
	var out []*core.Record
	for _, r := range recs {
		slug := r.GetString("slug")
		english := r.GetString("locale") == locale.English || r.GetString("locale") == ""
		if i, ok := seen[slug]; ok {
			if english {
				out[i] = r
			}
			continue
		}
		seen[slug] = len(out)
		out = append(out, r)
	}
	return out
}
