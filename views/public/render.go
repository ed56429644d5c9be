package public

import (
	"embed"
	"html/template"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/views/site"
)

//go:embed templates/*.html
var templateFS embed.FS

// views are the public pages, each parsed with the layout and the status
// partial; "status" alone is the fragment the home page polls.
var views = func() *site.Views {
	v := site.MustParse(templateFS, []string{"templates/*.html"}, "templates/_*.html")
	v.Add("status", template.Must(template.ParseFS(templateFS, "templates/_status.html")).Lookup("status"))
	return v
}()

// render renders a public page.
func render(e *core.RequestEvent, status int, name string, data any) error {
	return views.Render(e, status, name, data)
}

// renderKept renders a public page, kept for the next view with the same
// data (site.Views.RenderKept): for the pages anyone may open again and again.
func renderKept(e *core.RequestEvent, status int, name string, data any) error {
	return views.RenderKept(e, status, name, data)
}

// renderPage renders a public page into bytes, to keep.
func renderPage(name string, data any) ([]byte, error) { return views.Page(name, data) }

// renderPartial renders one fragment of a page, for htmx.
func renderPartial(e *core.RequestEvent, status int, view, name string, data any) error {
	return views.Partial(e, status, view, name, data)
}
