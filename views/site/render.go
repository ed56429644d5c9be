// Package site is the one renderer every way into Warmloop over HTTP shares:
// the layout, the error page, the template functions, htmx fragments, whole
// rendered pages kept until their inputs change, and the same-origin guard
// for forms. Each HTTP package keeps its own templates and parses them here
// with the layout (MustParse), so public pages, the dashboard and webhooks
// never need each other.
package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/locale"
	"warmloop/internal/money"
	"warmloop/internal/program"
)

//go:embed templates/*.html
var templateFS embed.FS

// layoutSource is the one layout every page is parsed with.
var layoutSource = mustRead("templates/layout.html")

// own holds the site's own views: the error page.
var own = MustParse(templateFS, []string{"templates/error.html"}, "")

func mustRead(name string) string {
	b, err := templateFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Views is one package's parsed views: each is the layout, the package's
// partials and one page file, named after the file's path under templates/
// without .html ("landing", "admin/customers").
type Views struct {
	sets map[string]*template.Template
	// How the sets were parsed, to parse them again for another zone and
	// currency (For), and those other parsings, by zone and currency.
	fsys     fs.FS
	pages    []string
	partials string
	added    map[string]*template.Template
	local    sync.Map // "zone\x00currency" → *Views
}

// MustParse parses every page file matched by pages, each with the layout
// and the partial files matched by partials (none when ""). Files whose
// name starts with _ are partials, never pages. It panics on a template
// error: templates are part of the binary.
func MustParse(fsys fs.FS, pages []string, partials string) *Views {
	return mustParse(fsys, pages, partials, Funcs)
}

// mustParse is MustParse with the template functions given.
func mustParse(fsys fs.FS, pages []string, partials string, funcs template.FuncMap) *Views {
	v := &Views{sets: map[string]*template.Template{}, fsys: fsys, pages: pages, partials: partials,
		added: map[string]*template.Template{}}
	var shared []string
	if partials != "" {
		shared = must(fs.Glob(fsys, partials))
	}
	for _, pattern := range pages {
		for _, file := range must(fs.Glob(fsys, pattern)) {
			if strings.HasPrefix(path.Base(file), "_") {
				continue
			}
			t := template.Must(template.New("layout.html").Funcs(funcs).Parse(layoutSource))
			t = template.Must(t.ParseFS(fsys, append(append([]string{}, shared...), file)...))
			v.sets[strings.TrimSuffix(strings.TrimPrefix(file, "templates/"), ".html")] = t
		}
	}
	return v
}

// Add names a template of its own, such as a fragment rendered without the layout.
func (v *Views) Add(name string, t *template.Template) { v.sets[name], v.added[name] = t, t }

// For is v with dates written in the program's time zone and money in its
// currency: the sets parsed again with functions bound to them, once per
// zone and currency. The default zone and currency are v itself.
func (v *Views) For(app core.App) *Views {
	s, err := program.Load(app)
	if err != nil {
		return v
	}
	loc, code := s.Location(), s.CurrencyCode()
	if loc == time.UTC && code == money.Default {
		return v
	}
	key := loc.String() + "\x00" + code
	if local, ok := v.local.Load(key); ok {
		return local.(*Views)
	}
	local := mustParse(v.fsys, v.pages, v.partials, FuncsFor(loc, code))
	for name, t := range v.added {
		local.Add(name, t)
	}
	actual, _ := v.local.LoadOrStore(key, local)
	return actual.(*Views)
}

func must[T any](x T, err error) T {
	if err != nil {
		panic(err)
	}
	return x
}

// Funcs format figures for people, with dates in UTC and money in
// dollars; templates hold no other logic. FuncsFor binds them to the
// program's zone and currency.
var Funcs = FuncsFor(time.UTC, money.Default)

// FuncsFor are the template functions with dates written in loc and money
// in the currency code.
func FuncsFor(loc *time.Location, code string) template.FuncMap {
	return template.FuncMap{
		"percent":  func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) },
		"amount":   Amount,
		"money":    func(f float64) string { return money.Format(f, code, "en") },
		"currency": func() string { return code },
		"count":    func(n int) string { return Amount(float64(n)) },
		"plural":   Plural,
		"when":     func(v any) string { return WhenIn(v, loc) },
		"date":     func(v any) string { return DateIn(v, loc) },
		"inc":      func(i int) int { return i + 1 },
	}
}

// timeOf reads a time.Time or a record's types.DateTime.
func timeOf(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case types.DateTime:
		return t.Time()
	}
	return time.Time{}
}

// WhenIn writes a moment for an admin in the zone loc, with the zone's
// name: "24 Nov 2026, 14:05 UTC", "24 Nov 2026, 15:05 CET"; "–" when unset.
func WhenIn(v any, loc *time.Location) string {
	t := timeOf(v)
	if t.IsZero() {
		return "–"
	}
	return t.In(loc).Format("2 Jan 2006, 15:04 MST")
}

// DateIn writes the day a moment falls on in the zone loc: "24 Nov 2026",
// or "–" when unset.
func DateIn(v any, loc *time.Location) string {
	t := timeOf(v)
	if t.IsZero() {
		return "–"
	}
	return t.In(loc).Format("2 Jan 2006")
}

// DateOf writes a day as it is written, whatever its zone: "24 Nov 2026",
// or "–" when unset.
func DateOf(v any) string {
	t := timeOf(v)
	if t.IsZero() {
		return "–"
	}
	return t.Format("2 Jan 2006")
}

// Amount writes a sum with thousands separators and no decimals: 1,234,567.
func Amount(f float64) string {
	s := strconv.FormatFloat(math.Round(f), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// Layout is what the layout itself needs; every page's data embeds it.
// Admin shows the administrators' navigation; pages that customers and
// their contacts see carry only the company's name. Its Speaker is the
// page's language: the html element's lang and dir, and the catalog's
// words for every template ({{.T "key"}}, or {{$.T "key"}} in a range).
type Layout struct {
	locale.Speaker
	Brand string
	Admin bool
	// Section names the dashboard screen being shown, for the navigation;
	// SignedIn, the administrator's email.
	Section, SignedIn string
	// Hidden names the navigation's links (by path) the signed-in role
	// may not open; none when nil.
	Hidden map[string]bool
	// PreviewBanner, when set, is the banner an administrator sees on a page made
	// for someone else: what this view of it did and did not change.
	PreviewBanner string
}

// Render executes a view into a buffer first, so a template error never
// leaves half a page on the wire.
func (v *Views) Render(e *core.RequestEvent, status int, name string, data any) error {
	page, err := v.For(e.App).Page(name, data)
	if err != nil {
		return renderFailed(e, name, err)
	}
	return WritePage(e, status, page)
}

// renderFailed logs a view that could not be rendered and answers a short
// error page in its place.
func renderFailed(e *core.RequestEvent, view string, err error) error {
	e.App.Logger().Error("rendering a view failed", "view", view, "error", err)
	return e.HTML(http.StatusInternalServerError, "<h1>Something went wrong</h1><p>The page could not be shown. Please try again.</p>")
}

// Page executes a view into bytes.
func (v *Views) Page(name string, data any) ([]byte, error) {
	t, ok := v.sets[name]
	if !ok {
		return nil, fmt.Errorf("no view %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WritePage sends a rendered page; pages carry people's data, so no cache
// between here and the reader keeps them. Its length is sent ahead: without
// it net/http sends a page longer than 2 kB in chunks, which costs a write
// to the socket more per answer.
func WritePage(e *core.RequestEvent, status int, page []byte) error {
	setPageHeaders(e)
	e.Response.Header()["Content-Length"] = []string{strconv.Itoa(len(page))}
	return e.Blob(status, "text/html; charset=utf-8", page)
}

// ErrorPage is the one error view, used for every unknown URL and every
// failure a visitor sees; it never says whether a token or code ever existed.
type ErrorPage struct {
	Layout
	Code           int
	Title, Message string
}

// NotFound renders the friendly 404 page. A guest gets no way onward (the
// home page holds nothing for them); a signed-in administrator gets the
// navigation and a way back to the dashboard.
// The page is the same for everyone with the same layout, so it is
// rendered once per layout and program version and kept.
func NotFound(e *core.RequestEvent) error {
	l := LayoutFor(e.App)
	if IsAdmin(e) {
		l = AdminLayout(e.App)
	}
	page, err := CachedPage(e.App, "404\x00"+l.Brand+"\x00"+strconv.FormatBool(l.Admin)+"\x00"+l.Lang, func() ([]byte, error) {
		return own.Page("error", ErrorPage{
			Layout:  l,
			Code:    http.StatusNotFound,
			Title:   l.T("error.not_found.title"),
			Message: l.T("error.not_found.message"),
		})
	})
	if err != nil {
		return renderFailed(e, "error", err)
	}
	return WritePage(e, http.StatusNotFound, page)
}

// LayoutFor fills the layout of a public page from the program settings,
// in the program's default language.
func LayoutFor(app core.App) Layout {
	return LayoutIn(app, "")
}

// LayoutIn fills the layout of a page written for someone: in lang when
// Warmloop ships it, else in the program's default language, else English
// (locale.Pick).
func LayoutIn(app core.App, lang string) Layout {
	brand, def := "Warmloop", ""
	if s, err := program.Load(app); err == nil {
		if s.CompanyName != "" {
			brand = s.CompanyName
		}
		def = s.DefaultLocale
	}
	return Layout{Speaker: locale.For(locale.Pick(lang, def)), Brand: brand}
}

// TeamLayout is the layout of the team's own pages without the navigation
// (signing in, accepting an invitation): in English, as the dashboard is.
func TeamLayout(app core.App) Layout {
	l := LayoutFor(app)
	l.Speaker = locale.For(locale.English)
	return l
}

// AdminLayout is the layout of what signed-in administrators see: the
// dashboard, and the home page and error pages when they are signed in.
// It is written in English whatever the program's default language: the
// dashboard's language is the administrator's own choice, not the readers'.
func AdminLayout(app core.App) Layout {
	l := LayoutFor(app)
	l.Admin = true
	l.Speaker = locale.For(locale.English)
	return l
}

// Partial executes one named template of a view's set: the fragment an
// htmx request swaps in.
func (v *Views) Partial(e *core.RequestEvent, status int, view, name string, data any) error {
	var buf bytes.Buffer
	t, ok := v.For(e.App).sets[view]
	if !ok {
		return fmt.Errorf("no view %q", view)
	}
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		e.App.Logger().Error("rendering a fragment failed", "view", view, "fragment", name, "error", err)
		return e.HTML(http.StatusInternalServerError, "<p>Something went wrong. Please reload the page and try again.</p>")
	}
	setPageHeaders(e)
	return e.HTML(status, buf.String())
}

// IsHTMX reports whether htmx sent the request, which wants a fragment.
func IsHTMX(e *core.RequestEvent) bool {
	return e.Request.Header.Get("HX-Request") == "true"
}

// Error renders the one error page with a title and a message that says
// what happened and what to do.
func Error(e *core.RequestEvent, l Layout, status int, title, message string) error {
	return own.Render(e, status, "error", ErrorPage{Layout: l, Code: status, Title: title, Message: message})
}

// Plural writes a count with the word that fits it, the count grouped in
// thousands as count writes it: "1 ask", "1,204 asks".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Amount(float64(n)) + " " + many
}
