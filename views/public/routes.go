// Package public serves the pages people without a login open: the home
// page, the Wall of Thanks, the referrer's landing page and share link, the
// referee's personal page, and unsubscribing; and, for a signed-in
// administrator, the system status and previews of those pages with sample
// data. An administrator opening a real person's page sees a preview banner
// and moves nothing in the funnel. Every token or code in a URL opens only
// its own page; every form post passes the
// same-origin check (except the one-click unsubscribe mail clients send) and
// answers failures with the error page, never JSON.
package public

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/views/site"
)

// Register binds the public routes.
func Register(se *core.ServeEvent) {
	r := se.Router
	// page binds a page anyone may open as often as they like. Its
	// successful answers stay out of PocketBase's request log (a failure is
	// still logged): each logged request is a write to the auxiliary
	// database, which would slow every answer down to record views that say
	// nothing, and keep the tokens in their URLs.
	page := func(path string, h func(*core.RequestEvent) error) {
		r.GET(path, h).Bind(apis.SkipSuccessActivityLog())
	}
	page("/{$}", home)
	r.GET("/status", status)
	page("/thanks", thanks)

	// The pages above and below filled with made-up people, for a signed-in
	// administrator: the dashboard's previews.
	r.GET("/preview/{page}", preview)
	// Their forms in a test walk-through (?test=): email the administrator
	// the next step, and write nothing.
	r.POST("/preview/{page}", walkSend).Bind(site.PublicErrors()).BindFunc(site.SameOrigin)

	// The referrer's landing page (the ask email's one link) and share link;
	// an expired ask link's button for a fresh one.
	page("/r/{token}", landing)
	r.POST("/r/{token}", refer).Bind(site.PublicErrors()).BindFunc(site.SameOrigin)
	r.POST("/r/{token}/renew", renewLink).Bind(site.PublicErrors()).BindFunc(site.SameOrigin)
	page("/s/{code}", shareForm)
	r.POST("/s/{code}", shareIntroduce).Bind(site.PublicErrors()).BindFunc(site.SameOrigin)

	// The referee's personal page: book a meeting, or decline.
	page("/i/{code}", refereeView)
	r.POST("/i/{code}", refereePost).Bind(site.PublicErrors()).BindFunc(site.SameOrigin)

	// Unsubscribe: a one-button page, its form, and the RFC 8058 one-click
	// post mail clients send from elsewhere (so no same-origin check). The
	// ask's unsubscribe key is the only credential; the ask's token does
	// not open it.
	page("/u/{token}", unsubscribeForm)
	r.POST("/u/{token}", unsubscribe)
}
