// Package views holds Warmloop's HTTP handlers and their html/template views:
// the public pages and the dashboard. One layout, one error page.
package views

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
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/program"
)

//go:embed templates/*.html templates/admin/*.html
var templateFS embed.FS

// templates maps a view name to its parsed template set (layout + view + partials).
var templates = map[string]*template.Template{}

func init() {
	for _, name := range []string{"home", "status_page", "error", "dashboard_login", "unsubscribe", "landing", "share", "referee", "thanks"} {
		templates[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/status.html", "templates/"+name+".html"))
	}
	templates["status"] = template.Must(template.ParseFS(templateFS, "templates/status.html")).Lookup("status")

	// Every dashboard screen is one file in templates/admin/, parsed with the
	// layout and the admin partials (files named _*.html); its view name is
	// "admin/" and the file's name without .html.
	screens, err := fs.Glob(templateFS, "templates/admin/*.html")
	if err != nil {
		panic(err)
	}
	for _, file := range screens {
		base := strings.TrimSuffix(path.Base(file), ".html")
		if strings.HasPrefix(base, "_") {
			continue
		}
		templates["admin/"+base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
			"templates/layout.html", "templates/status.html", "templates/admin/_*.html", file))
	}
}

// funcs formats figures for people; templates hold no other logic.
var funcs = template.FuncMap{
	"percent": func(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) },
	"amount":  amount,
	"count":   func(n int) string { return amount(float64(n)) },
	"when":    when,
	"date":    dateOf,
	"inc":     func(i int) int { return i + 1 },
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

// when writes a moment for an admin: "24 Nov 2026, 14:05 UTC", or "–" when unset.
func when(v any) string {
	t := timeOf(v)
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2 Jan 2006, 15:04 UTC")
}

// dateOf writes a day: "24 Nov 2026", or "–" when unset.
func dateOf(v any) string {
	t := timeOf(v)
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2 Jan 2006")
}

// amount writes a sum with thousands separators and no decimals: 1,234,567.
func amount(f float64) string {
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
// their contacts see carry only the company's name.
type Layout struct {
	Brand string
	Admin bool
	// Section names the dashboard screen being shown, for the navigation;
	// SignedIn, the administrator's email.
	Section, SignedIn string
}

// render executes a view into a buffer first, so a template error never
// leaves half a page on the wire.
func render(e *core.RequestEvent, status int, name string, data any) error {
	page, err := renderPage(name, data)
	if err != nil {
		e.App.Logger().Error("rendering a view failed", "view", name, "error", err)
		return e.HTML(http.StatusInternalServerError, "<h1>Something went wrong</h1><p>The page could not be shown. Please try again.</p>")
	}
	return writePage(e, status, page)
}

// renderPage executes a view into bytes.
func renderPage(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := templates[name].Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePage sends a rendered page; pages carry people's data, so no cache
// between here and the reader keeps them.
func writePage(e *core.RequestEvent, status int, page []byte) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.Blob(status, "text/html; charset=utf-8", page)
}

// errorPage is the one error view, used for every unknown URL and every
// failure a visitor sees; it never says whether a token or code ever existed.
type errorPage struct {
	Layout
	Code           int
	Title, Message string
}

// notFound renders the friendly 404 page.
func notFound(e *core.RequestEvent) error {
	return render(e, http.StatusNotFound, "error", errorPage{
		Layout:  layoutFor(e.App),
		Code:    http.StatusNotFound,
		Title:   "This page isn't here",
		Message: "The link may be mistyped or may have expired. If someone sent it to you, ask them for a fresh one.",
	})
}

// layoutFor fills the layout of a public page from the program settings.
func layoutFor(app core.App) Layout {
	brand := "Warmloop"
	if s, err := program.Load(app); err == nil && s.CompanyName != "" {
		brand = s.CompanyName
	}
	return Layout{Brand: brand}
}

// adminLayout is the layout of the home page and the dashboard.
func adminLayout(app core.App) Layout {
	l := layoutFor(app)
	l.Admin = true
	return l
}

// renderPartial executes one named template of a view's set: the fragment
// an htmx request swaps in.
func renderPartial(e *core.RequestEvent, status int, view, name string, data any) error {
	var buf bytes.Buffer
	if err := templates[view].ExecuteTemplate(&buf, name, data); err != nil {
		e.App.Logger().Error("rendering a fragment failed", "view", view, "fragment", name, "error", err)
		return e.HTML(http.StatusInternalServerError, "<p>Something went wrong. Please reload the page and try again.</p>")
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.HTML(status, buf.String())
}

// isHTMX reports whether htmx sent the request, which wants a fragment.
func isHTMX(e *core.RequestEvent) bool {
	return e.Request.Header.Get("HX-Request") == "true"
}
