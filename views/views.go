// Package views is everything Warmloop serves over HTTP: the public pages
// (public/), the dashboard (dashboard/) and the incoming webhooks
// (webhooks/), which share one renderer (site/) and one form helper (form/)
// and never import each other; plus the embedded static files and the
// friendly 404 page for everything else.
package views

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/static"
	"warmloop/views/dashboard"
	"warmloop/views/public"
	"warmloop/views/site"
	"warmloop/views/webhooks"
)

// Register binds every Warmloop route on serve.
func Register(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		bindLogRedaction(se)
		bindStatic(se)
		public.Register(se)
		dashboard.Register(se)
		webhooks.Register(se)
		// Anything else a browser asks for gets the friendly 404 page; the
		// more specific routes of PocketBase (/api/, /_/) still win. Like the
		// public pages, it stays out of the request log unless it fails.
		se.Router.GET("/{path...}", site.NotFound).Bind(apis.SkipSuccessActivityLog())
		return se.Next()
	})
}

// bindStatic serves the embedded CSS, images and vendored htmx.
func bindStatic(se *core.ServeEvent) {
	sub, _ := fs.Sub(static.FS, ".")
	se.Router.GET("/static/{path...}", apis.Static(sub, false)).
		BindFunc(func(e *core.RequestEvent) error {
			e.Response.Header().Set("Cache-Control", "public, max-age=86400")
			return e.Next()
		})
}
